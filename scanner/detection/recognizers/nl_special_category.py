"""Special categories (health, youth care, religion, ethnicity, criminal) from the school lexicon.

Matching rules, in order of the risk they address:
- short abbreviations (ADD, ASS, ODD, OTS ...) match case-sensitively as whole words and only with a
  second clue in the same text (another term, or a word such as 'diagnose' or 'vastgesteld');
- longer terms match case-insensitively, also inside compounds and inflections ('epilepsieprotocol',
  'pinda-allergie', 'autistische'), but only anchored at the start or end of a word, so 'geloof'
  never fires inside 'ongelooflijk';
- context-only terms (organisations, professions, care-pathway words) are clues, never findings.
Each result carries its lexicon group in the recognition metadata.
"""

from __future__ import annotations

import re

import ahocorasick
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scanner.detection.lexicon import GROUP_ENTITY, Term, load_lexicon

CLUES = re.compile(
    r"\b(diagnos\w*|vastgesteld|gediagnosticeerd|onderzoek\w*|stoornis\w*|sprake van|behandel\w*|"
    r"medicat\w*|medicijn\w*|therap\w*|arts|psycholoog|psychiater|orthopedagoog|leerling\w*|heeft|"
    r"kind|zoon|dochter|broer\w*|zus\w*|score\w*|begeleiding|zorg\w*|ondersteuning|dossier|"
    r"vanwege|wegens|afspraak|i\.v\.m|ivm|last van|bekend met)(?!\w)",
    re.IGNORECASE,
)
COMPOUND_MIN = 5  # shorter terms must be whole words
SCORE_AFTER = re.compile(r"^\s*[:=]?\s*\d{1,3}\b")  # 'TIQ 91', 'IQ: 85': a test result, not an acronym


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


class NlSpecialCategoryRecognizer(EntityRecognizer):
    ENTITIES = sorted(set(GROUP_ENTITY.values()))

    def __init__(self, supported_language: str = "nl", name: str | None = None,
                 terms: tuple[Term, ...] | None = None) -> None:
        self.terms = terms if terms is not None else load_lexicon()
        super().__init__(supported_entities=self.ENTITIES, supported_language=supported_language,
                         name=name or "NlSpecialCategoryRecognizer")

    def load(self) -> None:
        self.automaton = ahocorasick.Automaton()
        abbrevs: list[str] = []
        self.abbrev_terms: dict[str, Term] = {}
        for term in self.terms:
            if term.needs_context:
                abbrevs.append(re.escape(term.text))
                self.abbrev_terms[term.text] = term
            else:
                key = term.text.lower()
                existing = self.automaton.get(key, None)
                if existing is None or existing.context_only:
                    self.automaton.add_word(key, term)
        self.automaton.make_automaton()
        abbrevs.sort(key=len, reverse=True)
        self.abbrev_re = re.compile(rf"(?<![\w-])({'|'.join(abbrevs)})(?![\w])") if abbrevs else None

    def _word_matches(self, text: str) -> list[tuple[int, int, Term]]:
        lower = text.lower()
        found = []
        for end_idx, term in self.automaton.iter(lower):
            start, end = end_idx - len(term.text) + 1, end_idx + 1
            at_start = start == 0 or not _is_word_char(lower[start - 1])
            at_end = end == len(lower) or not _is_word_char(lower[end])
            if at_start and at_end:
                found.append((start, end, term))
            elif len(term.text) >= COMPOUND_MIN and (at_start or at_end):
                found.append((*_whole_word(lower, start, end), term))  # report the whole compound
        return found

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        matches = self._word_matches(text)
        if self.abbrev_re is not None:
            matches += [(m.start(), m.end(), self.abbrev_terms[m.group(1)]) for m in self.abbrev_re.finditer(text)]
        if not matches:
            return []
        plain = [m for m in matches if not m[2].needs_context]
        abbrevs = {m[2].text for m in matches if m[2].needs_context}
        has_clue = bool(plain) or len(abbrevs) > 1 or bool(CLUES.search(text))
        results = []
        for start, end, term in _longest_first(matches):
            etype = term.entity_type
            if etype is None or (entities and etype not in entities):
                continue
            if term.needs_context and not (has_clue or SCORE_AFTER.match(text[end:end + 8])):
                continue
            results.append(RecognizerResult(etype, start, end, 0.6 if term.needs_context else 0.75,
                                            recognition_metadata={
                                                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                                                "group": term.group}))
        return results


def _whole_word(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] == "-"):
        end += 1
    return start, end


def _longest_first(matches: list[tuple[int, int, Term]]) -> list[tuple[int, int, Term]]:
    """Drop matches inside a longer match ('ASS' inside 'autismespectrumstoornis (ASS)' stays)."""
    kept: list[tuple[int, int, Term]] = []
    for m in sorted(matches, key=lambda m: (-(m[1] - m[0]), m[0])):
        if not any(k[0] <= m[0] and m[1] <= k[1] for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m[0])
