"""Onderwijsnummer: DUO's number for pupils without a BSN; starts with 10, weighted sum = 5 (mod 11)."""

from __future__ import annotations

from presidio_analyzer import PatternRecognizer
from stdnum.nl import onderwijsnummer

from scanner.detection.recognizers.nine_digits import NINE_DIGIT_PATTERNS, digits


class NlOnderwijsnummerRecognizer(PatternRecognizer):
    COUNTRY_CODE = "nl"
    CONTEXT = ["onderwijsnummer", "pgn", "persoonsgebonden"]

    def __init__(self, supported_language: str = "nl", supported_entity: str = "NL_ONDERWIJSNUMMER",
                 context: list[str] | None = None, name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, supported_language=supported_language,
                         patterns=NINE_DIGIT_PATTERNS, context=context or self.CONTEXT,
                         name=name or "NlOnderwijsnummerRecognizer")

    def validate_result(self, pattern_text: str) -> bool:
        return onderwijsnummer.is_valid(digits(pattern_text))
