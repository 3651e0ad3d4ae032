"""Dutch postcode: 4 digits (no leading 0) and 2 letters, never SA, SD or SS.

Presidio compiles patterns case-insensitively, so the letters sit in a scoped case-sensitive group:
upper case with or without a space, lower case only when written together ('1234ab'), so that
"in 2015 en 2016" never yields a postcode.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_LETTERS_UPPER = r"(?-i:(?!SA|SD|SS)[A-Z]{2})"
_LETTERS_LOWER = r"(?-i:(?!sa|sd|ss)[a-z]{2})"


class NlPostcodeRecognizer(PatternRecognizer):
    COUNTRY_CODE = "nl"
    PATTERNS = [
        Pattern("NL postcode", rf"(?<![\w-])[1-9]\d{{3}} ?{_LETTERS_UPPER}(?![\w])", 0.5),
        Pattern("NL postcode lower", rf"(?<![\w-])[1-9]\d{{3}}{_LETTERS_LOWER}(?![\w])", 0.4),
    ]
    CONTEXT = ["postcode", "adres", "woonplaats", "wonen", "straat"]

    def __init__(self, supported_language: str = "nl", supported_entity: str = "NL_POSTCODE",
                 context: list[str] | None = None, name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, supported_language=supported_language,
                         patterns=self.PATTERNS, context=context or self.CONTEXT,
                         name=name or "NlPostcodeRecognizer")
