"""A date is a date of birth only when the text says so (geboren, geb., geboortedatum ...).

Meeting dates, report dates and holidays are the most common decoys in school documents, so a
bare date is never reported.
"""

from __future__ import annotations

import re

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scanner.kernel.dates import MONTHS, parse_date

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = re.compile(
    rf"(?<!\d)(?:\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}} (?:{_MONTH})\.? (?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)
BIRTH_CUE = re.compile(
    r"(geboren|geb\.?\s?dat(?:um|\.)?|geb\.|geb\b|geboortedatum|geboorte|date of birth|\bdob\b|verjaardag|\*)"
    r"[^\n.;]{0,25}$", re.IGNORECASE,
)


NAME_THEN_DATE = regex.compile(
    r"\p{Lu}[\p{Ll}'-]+(?:[ ](?:van|de|der|den|ter|ten|'t|el|al))*[ ]\p{Lu}[\p{Ll}'-]+[ ]*\([ ]*$")


class NlDateOfBirthRecognizer(EntityRecognizer):
    def __init__(self, supported_language: str = "nl", name: str | None = None) -> None:
        super().__init__(supported_entities=["DATE_OF_BIRTH"], supported_language=supported_language,
                         name=name or "NlDateOfBirthRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        results = []
        for m in DATE.finditer(text):
            before = text[max(0, m.start() - 40):m.start()]
            cue = BIRTH_CUE.search(before) or NAME_THEN_DATE.search(before)  # 'Maya Saxo (05-02-2015)'
            if cue and parse_date(m.group()) is not None:
                results.append(RecognizerResult("DATE_OF_BIRTH", m.start(), m.end(), 0.85,
                                                recognition_metadata={
                                                    RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results
