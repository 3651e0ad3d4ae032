"""Dutch postcode: 4 digits (no leading 0) and 2 letters, never SA, SD or SS.

Presidio compiles patterns case-insensitively, so the letters sit in a scoped case-sensitive group:
upper case with or without a space, lower case only when written together ('1234ab'), so that
"in 2015 en 2016" never yields a postcode. Letters that are a unit of measure
(config/lexicons/units.txt: '1250 MG', '1000mg') make a quantity, unless a place name follows.
"""

from __future__ import annotations

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from config import lexicon_words

_LETTERS_UPPER = r"(?-i:(?!SA|SD|SS)[A-Z]{2})"
_LETTERS_LOWER = r"(?-i:(?!sa|sd|ss)[a-z]{2})"
# '1319 AB Almere', '1319 AB, Almere', '1319 AB  \'s-Gravenhage': a capitalised place on the same line.
_PLACE_AFTER = regex.compile(r"[ \t,]+(?:'s-)?\p{Lu}[\p{Ll}\p{M}]")


def units() -> frozenset[str]:
    return lexicon_words("units.txt")


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

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in results if not self._quantity(text, r)]

    @staticmethod
    def _quantity(text: str, r: RecognizerResult) -> bool:
        return text[r.end - 2:r.end].casefold() in units() and not _PLACE_AFTER.match(text, r.end)
