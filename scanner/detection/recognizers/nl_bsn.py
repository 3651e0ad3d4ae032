"""Burgerservicenummer: 9 digits passing the 11-proef (python-stdnum)."""

from __future__ import annotations

from presidio_analyzer import PatternRecognizer
from stdnum.nl import bsn, onderwijsnummer

from scanner.detection.recognizers.nine_digits import NINE_DIGIT_PATTERNS, digits


class NlBsnRecognizer(PatternRecognizer):
    COUNTRY_CODE = "nl"
    CONTEXT = ["bsn", "burgerservicenummer", "sofinummer", "persoonsgebonden", "pgn"]

    def __init__(self, supported_language: str = "nl", supported_entity: str = "NL_BSN",
                 context: list[str] | None = None, name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, supported_language=supported_language,
                         patterns=NINE_DIGIT_PATTERNS, context=context or self.CONTEXT,
                         name=name or "NlBsnRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        """The 11-proef; a valid onderwijsnummer is never a BSN, and 000000000-like runs are not."""
        d = digits(pattern_text)
        return len(set(d)) > 1 and bsn.is_valid(d) and not onderwijsnummer.is_valid(d)
