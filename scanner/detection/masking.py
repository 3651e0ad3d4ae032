"""Masked evidence: enough for the FG to recognise a finding, never the value itself."""

from __future__ import annotations

import re


def _keep_last(value: str, keep: int) -> str:
    chars = [c for c in value if c.isalnum()]
    return "*" * max(len(chars) - keep, 3) + "".join(chars[-keep:])


def _person(value: str) -> str:
    words = value.replace(",", " ").split()
    if not words:
        return "***"
    if len(words) == 1:
        return words[0][0] + "…"
    first, *rest = words
    infix = [w for w in rest[:-1] if w.islower()]
    return f"{first[0]}. {' '.join(infix + [rest[-1][0]])}…"


def mask(entity_type: str, value: str) -> str:
    v = value.strip()
    if entity_type in ("NL_BSN", "NL_ONDERWIJSNUMMER"):
        return _keep_last(v, 3)
    if entity_type == "PHONE_NUMBER":
        return _keep_last(v, 2)
    if entity_type == "IBAN_CODE":
        return v[:2] + _keep_last(v[2:], 4)
    if entity_type == "EMAIL_ADDRESS":
        local, _, domain = v.partition("@")
        return f"{local[:1]}…@{domain}"
    if entity_type == "PERSON":
        return _person(v)
    if entity_type == "DATE_OF_BIRTH":
        year = re.search(r"(19|20)\d\d", v)
        return f"**-**-{year.group()}" if year else "**-**-****"
    if entity_type == "NL_POSTCODE":
        return v[:2] + "** **"
    if entity_type == "ADDRESS":
        return (v[:1] + "… " + "*" * 2) if v else "***"
    # A diagnosis, a medicine or a religion is itself sensitive: only its first letter and its kind.
    return f"{v[:1]}… ({entity_type.lower()})"
