"""A name after a Dutch form of address: 'mevrouw Elsemulder', 'Dhr. De Vries', 'lln. R. Cosman'.

The NER misses surnames that stand alone after a title; the title itself makes them certain.
Only the name is reported, not the title.
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# 'mr.' only as written for the title: 'MR' is the medezeggenschapsraad ('instemming van de MR. Geldig ...')
TITLES = r"(?:mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|de heer|hr\.?|juf|meester|lln\.?|drs\.?|dr\.?|(?-i:[Mm]r\.))"
# Form labels that introduce a person: 'Naam leerling: Kian Kamper', 'Kind: ...', 'Moeder: ...'
LABELS = (r"(?:naam(?:[ ](?:leerling|kind|moeder|vader|ouder|verzorger|leerkracht|mentor|aanvrager))?|kind|"
          r"leerling|moeder|vader|ouder\s?\d?|verzorger|contactpersoon|melder|mentor|leerkracht|"
          r"behandelaar|roepnaam|voornaam|achternaam)\s*:")
# Unicode letters (\p{Lu}, \p{Ll}: 'Doğan', 'Szymańska'); only spaces inside a name, never a line break,
# so a title at the end of one line never takes a word of the next line as a name.
_INITIALS = r"(?:\p{Lu}\.[ ]?){1,4}"
_INFIX = r"(?:(?:van|de|der|den|het|'t|in 't|ten|ter|op|aan|la|le|el|al|da|di|du)[ ])"
_SURNAME = r"\p{Lu}[\p{Ll}'-]+(?:-\p{Lu}?[\p{Ll}'-]+)?"
NAME_AFTER_TITLE = regex.compile(
    rf"(?:\b(?i:{TITLES})|(?<![\w-])(?i:{LABELS}))[ \t]+"
    rf"((?:{_INITIALS})?(?:\p{{Lu}}\p{{Ll}}+[ ])?(?:{_INFIX}){{0,2}}{_SURNAME})")


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
