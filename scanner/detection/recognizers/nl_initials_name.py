"""A name written with initials: 'L. Bezemer', 'J. van Duyvenvoorde', 'A.M. de Boer-Jansen'.

Dutch school documents write adults this way (contact persons, staff in minutes, a signature in a
quoted e-mail); the NER misses many of them, most of all outside a sentence. The initials make the
surname a name, unless the word after them is an ordinary Dutch word or compound ('A. Prijzenblad'
in a list of annexes, 'N.B. Dit'), a place or a disease's describer ('M. Crohn').
"""

from __future__ import annotations

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scanner.detection.name_evidence import no_name_evidence

_INITIALS = r"(?:\p{Lu}\.[ ]?){1,4}"
_INFIX = r"(?:(?:van|de|der|den|het|'t|ten|ter|te|op|in|la|le|el|al|da|di|du)[ ])"
_SURNAME = r"\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?"
# only spaces inside: a name never runs over a line break
# after a space, a line start or an opening mark, not after a unit ('20 °C. Boven de ...')
NAME_WITH_INITIALS = regex.compile(rf"(?<=^|[\s(>,;:\"'„“])({_INITIALS}(?:{_INFIX}){{0,3}}{_SURNAME})(?![\w@])")
SCORE = 0.7


class NlInitialsNameRecognizer(EntityRecognizer):
    def __init__(self, supported_language: str = "nl", name: str | None = None) -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name=name or "NlInitialsNameRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        results = []
        for m in NAME_WITH_INITIALS.finditer(text):
            if no_name_evidence(text, m.start(1), m.end(1), set()):
                continue
            results.append(RecognizerResult("PERSON", m.start(1), m.end(1), SCORE, recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results
