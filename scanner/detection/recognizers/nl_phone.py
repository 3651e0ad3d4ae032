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
# Cheap first look: a 0, +31 or 0031 followed by at least eight more digits (spaces, brackets, dots and
# dashes of any kind between them, as the matcher allows).
# Text without one cannot hold a Dutch phone number, and phonenumbers' matcher is the costliest
# recognizer per block (measured), so it only runs where this finds something: around each candidate, not on
# the whole block, whose dates, times and amounts it would otherwise try one by one.
_TRUNK = re.compile(r"(?<=\d)\s?\(0\)")
# the characters the matcher reads as part of a number (its punctuation, a range of dashes among them)
_PUNCTUATION = frozenset("-x()[]./~+ \xa0\xad\u200b\u2060\u3000\u2212\u2053\u223c\u30fc\uff08\uff09"
                         "\uff0b\uff0d\uff0e\uff0f\uff3b\uff3d\uff5e\u2010\u2011\u2012\u2013\u2014\u2015")
_MARGIN = 16
_CANDIDATE = re.compile(r"(?:\+\s?31|0031|(?<!\d)0)(?:[\s\-\u2010-\u2015\u2212().]{0,3}\d){8,11}")


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
        return [r for r in self._around_candidates(text, entities, nlp_artifacts) if dialled_in_nl(text[r.start:r.end])]

    def _around_candidates(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None
                           ) -> list[RecognizerResult]:
        """PhoneRecognizer's results on the stretches of `text` around each candidate, at their places in
        `text`: the candidate with the run of digits, spaces and phone punctuation it stands in (whatever
        the matcher could read as one number with it) and a margin for what it looks at next to one (a
        time's seconds)."""
        stretches: list[tuple[int, int]] = []
        for m in _CANDIDATE.finditer(text):
            start, end = m.start(), m.end()
            while start > 0 and _in_a_number(text[start - 1]):
                start -= 1
            while end < len(text) and _in_a_number(text[end]):
                end += 1
            start, end = max(0, start - _MARGIN), min(len(text), end + _MARGIN)
            if stretches and start <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], max(end, stretches[-1][1]))
            else:
                stretches.append((start, end))
        results = []
        for start, end in stretches:
            for r in super().analyze(text[start:end], entities, nlp_artifacts):
                r.start, r.end = r.start + start, r.end + start
                results.append(r)
        return results


def dialled_in_nl(raw: str) -> bool:
    """A number as dialled in the Netherlands: 0 and nine digits, 0031 or 31 and nine, +31 and nine."""
    # '+31 (0)36 ...': the trunk 0 in brackets is not dialled after the country code
    digits = "".join(c for c in _TRUNK.sub("", raw, count=1) if c.isdigit())
    if raw.lstrip("(").lstrip().startswith("+"):
        return digits.startswith("31") and len(digits) == 11
    return any(digits.startswith(p) for p in _NATIONAL.get(len(digits), ()))


def _in_a_number(char: str) -> bool:
    return char.isdigit() or char.isspace() or char in _PUNCTUATION
