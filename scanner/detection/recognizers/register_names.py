"""Names of people the school knows (pupils from the register; staff and parents from allow-lists).

Built per scan from the records; one Aho-Corasick automaton over folded forms keeps matching linear
in the text, whatever the size of the register. A match carries who it names (kind and
leerlingnummer) so linking does not have to guess. First names alone are reported with kind
'first:<kind>' and several candidates; linking trusts them only in a document about that pupil.
"""

from __future__ import annotations

import ahocorasick
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scanner.kernel.model import KnownPerson
from scanner.kernel.names import full_forms
from scanner.kernel.text import fold, fold_same_length


class RegisterNameRecognizer(EntityRecognizer):
    def __init__(self, people: list[KnownPerson] | None = None, supported_language: str = "nl",
                 name: str | None = None, first_names: bool = True) -> None:
        self.people = people or []
        self.first_names = first_names
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language,
                         name=name or "RegisterNameRecognizer")

    def load(self) -> None:
        index: dict[str, set[tuple[str, str, bool]]] = {}
        for p in self.people:
            for form in full_forms(p.roepnaam, p.voorvoegsel, p.achternaam, p.voornamen):
                index.setdefault(fold(form), set()).add((p.kind, p.key, True))
            if self.first_names and p.roepnaam and len(p.roepnaam) > 2:
                index.setdefault(fold(p.roepnaam), set()).add((p.kind, p.key, False))
        self.automaton = ahocorasick.Automaton()
        for form, who in index.items():
            self.automaton.add_word(form, (len(form), tuple(sorted(who))))
        if index:
            self.automaton.make_automaton()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        if not self.people or len(self.automaton) == 0:
            return []
        folded = fold_same_length(text)
        spans = []
        for end_idx, (length, who) in self.automaton.iter(folded):
            start, end = end_idx - length + 1, end_idx + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end < len(folded) and folded[end].isalnum()):
                continue
            if not text[start].isupper():  # names are written with a capital
                continue
            spans.append((start, end, who))
        return [self._result(s, e, who) for s, e, who in _outermost(spans)]

    def _result(self, start: int, end: int, who: tuple[tuple[str, str, bool], ...]) -> RecognizerResult:
        full = [w for w in who if w[2]]
        chosen = full or list(who)
        kinds = sorted({w[0] for w in chosen})
        return RecognizerResult("PERSON", start, end, 0.95 if full else 0.6, recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            "person_kind": ("" if full else "first:") + "/".join(kinds),
            "candidates": [w[1] for w in chosen if w[0] == "pupil"],
        })


def _outermost(spans: list[tuple[int, int, tuple]]) -> list[tuple[int, int, tuple]]:
    kept: list[tuple[int, int, tuple]] = []
    for s in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if not any(k[0] < s[1] and s[0] < k[1] for k in kept):
            kept.append(s)
    return sorted(kept)
