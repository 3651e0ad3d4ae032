"""Masked evidence: enough for the FG to recognise a finding, never the value itself."""

from __future__ import annotations

import re
from collections.abc import Callable

from scanner.kernel.entities import catalogue


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


def _email(v: str) -> str:
    local, _, domain = v.partition("@")
    return f"{local[:1]}…@{domain}"


def _birth_year(v: str) -> str:
    year = re.search(r"(19|20)\d\d", v)
    return f"**-**-{year.group()}" if year else "**-**-****"


# the catalogue's mask styles (config/entities.yaml `mask`); 'last:N' is _keep_last with N
STYLES: dict[str, Callable[[str, str], str]] = {
    "name": lambda v, _: _person(v),
    "iban": lambda v, _: v[:2] + _keep_last(v[2:], 4),
    "email": lambda v, _: _email(v),
    "birth_year": lambda v, _: _birth_year(v),
    "postcode": lambda v, _: v[:2] + "** **",
    "street": lambda v, _: (v[:1] + "… " + "*" * 2) if v else "***",
    # A diagnosis, a medicine or a religion is itself sensitive: only its first letter and its kind.
    "category": lambda v, etype: f"{v[:1]}… ({etype.lower()})",
}


def mask(entity_type: str, value: str) -> str:
    """The evidence of a value, masked as the type's catalogue row says."""
    style = catalogue().describe(entity_type).mask
    v = value.strip()
    if style.startswith("last:"):
        return _keep_last(v, int(style[5:]))
    return STYLES[style](v, entity_type)
