"""A name after a Dutch form of address: 'mevrouw Elsemulder', 'Dhr. De Vries', 'lln. R. Cosman'.

The NER misses surnames that stand alone after a title; the title itself makes them certain.
Only the name is reported, not the title.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

TITLES = r"(?:mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|de heer|hr\.?|juf|meester|lln\.?|leerling|drs\.?|dr\.?|mr\.?)"
# Form labels that introduce a person: 'Naam leerling: Kian Kamper', 'Kind: ...', 'Moeder: ...'
LABELS = (r"(?:naam(?:\s(?:leerling|kind|moeder|vader|ouder|verzorger|leerkracht|mentor|aanvrager))?|kind|"
          r"leerling|moeder|vader|ouder\s?\d?|verzorger|contactpersoon|melder|mentor|leerkracht|"
          r"behandelaar|roepnaam|voornaam|achternaam)\s*:")
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"
_INFIX = r"(?:(?:van|de|der|den|het|'t|in 't|ten|ter|op|aan|la|le|el|al|da|di|du)\s)"
_SURNAME = r"[A-Z][a-zà-ÿ'-]+(?:-[A-Z]?[a-zà-ÿ'-]+)?"
NAME_AFTER_TITLE = re.compile(
    rf"(?:\b(?i:{TITLES})|(?<![\w-])(?i:{LABELS}))\s+((?:{_INITIALS})?(?:[A-Z][a-zà-ÿ]+\s)?(?i:{_INFIX}){{0,2}}{_SURNAME})")


class NlTitledNameRecognizer(EntityRecognizer):
    def __init__(self, supported_language: str = "nl", name: str | None = None) -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name=name or "NlTitledNameRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        results = []
        for m in NAME_AFTER_TITLE.finditer(text):
            name = m.group(1)
            if not name[-1].isalpha():
                continue
            results.append(RecognizerResult("PERSON", m.start(1), m.end(1), 0.8, recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results
