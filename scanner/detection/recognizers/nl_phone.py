"""Dutch phone numbers through python-phonenumbers with region NL and Dutch context words.

Presidio's PhoneRecognizer defaults to regions without NL and then matches digit runs inside
IBANs; with region NL only, it does not.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import PhoneRecognizer

_NATIONAL = {10: ("0",), 12: ("31",), 13: ("0031",)}
# Cheap first look: a 0, +31 or 0031 followed by at least eight more digits (separators allowed).
# Text without one cannot hold a Dutch phone number, and phonenumbers' matcher is the costliest
# recognizer per block (measured), so it only runs where this finds something.
_TRUNK = re.compile(r"(?<=\d)\s?\(0\)")
_CANDIDATE = re.compile(r"(?:\+\s?31|0031|(?<!\d)0)(?:[\s\-().]{0,2}\d){8,11}")


class NlPhoneRecognizer(PhoneRecognizer):
    COUNTRY_CODE = "nl"
    CONTEXT = ["telefoon", "telefoonnummer", "tel", "mobiel", "bellen", "bel", "noodnummer", "bereikbaar"]

    def __init__(self, supported_language: str = "nl", context: list[str] | None = None,
                 name: str | None = None) -> None:
        super().__init__(context=context or self.CONTEXT, supported_language=supported_language,
                         supported_regions=("NL",), name=name or "NlPhoneRecognizer",
                         leniency=phonenumbers.Leniency.POSSIBLE)

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """Possible numbers (an unallocated 06-range is still somebody's number), but only when written
        as a phone number: with a leading 0, +31 or 0031, never a bare run of digits like an invoice."""
        if not _CANDIDATE.search(text):
            return []
        results = []
        for r in super().analyze(text, entities, nlp_artifacts):
            raw = text[r.start:r.end]
            # '+31 (0)36 ...': the trunk 0 in brackets is not dialled after the country code
            digits = "".join(c for c in _TRUNK.sub("", raw, count=1) if c.isdigit())
            lead = raw.lstrip("(").lstrip()
            if lead.startswith("+"):
                ok = digits.startswith("31") and len(digits) == 11
            else:
                ok = any(digits.startswith(p) for p in _NATIONAL.get(len(digits), ()))
            if ok:
                results.append(r)
        return results
