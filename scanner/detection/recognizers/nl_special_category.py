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
from dataclasses import dataclass

import ahocorasick
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from scanner.detection.lexicon import Term, load_lexicon
from scanner.kernel.entities import catalogue
from scanner.kernel.text import fold_same_length

CLUES = re.compile(
    r"\b(diagnos\w*|vastgesteld|gediagnosticeerd|onderzoek\w*|stoornis\w*|sprake van|behandel\w*|"
    r"medicat\w*|medicijn\w*|therap\w*|arts|psycholoog|psychiater|orthopedagoog|leerling\w*|heeft|"
    r"kind|zoon|dochter|broer\w*|zus\w*|score\w*|begeleiding|zorg\w*|ondersteuning|dossier|"
    r"vanwege|wegens|afspraak|i\.v\.m|ivm|last van|bekend met)(?!\w)",
    re.IGNORECASE,
)
COMPOUND_MIN = 5  # shorter terms must be whole words
CLUE_WINDOW = 150  # a second clue counts only this close to the abbreviation (a block holds many sentences)
SCORE_AFTER = re.compile(r"^\s*[:=]?\s*\d{1,3}\b")  # 'TIQ 91', 'IQ: 85': a test result, not an acronym


@dataclass
class Match:
    start: int
    end: int
    term: Term
    exact: bool  # the term itself, not a compound extended around it


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


class NlSpecialCategoryRecognizer(EntityRecognizer):
    def __init__(self, supported_language: str = "nl", name: str | None = None,
                 terms: tuple[Term, ...] | None = None) -> None:
        self.terms = terms if terms is not None else load_lexicon()
        # the types of the catalogue's lexicon groups (config/entities.yaml)
        entities = sorted(set(catalogue().group_types.values()))
        super().__init__(supported_entities=entities, supported_language=supported_language,
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
                key = fold_same_length(term.text)
                existing = self.automaton.get(key, None)
                if existing is None or existing.context_only:
                    self.automaton.add_word(key, term)
        self.automaton.make_automaton()
        abbrevs.sort(key=len, reverse=True)
        self.abbrev_re = re.compile(rf"(?<![\w-])({'|'.join(abbrevs)})(?![\w])") if abbrevs else None

    def _word_matches(self, text: str) -> list[Match]:
        """Lexicon terms, accent- and case-folded, across line breaks, whole words or compound ends."""
        lower = fold_same_length(text)
        found = []
        for end_idx, term in self.automaton.iter(lower):
            start, end = end_idx - len(term.text) + 1, end_idx + 1
            at_start = start == 0 or not _is_word_char(lower[start - 1])
            at_end = end == len(lower) or not _is_word_char(lower[end])
            if at_start and at_end:
                found.append(Match(start, end, term, exact=True))
            elif len(term.text) >= COMPOUND_MIN and (at_start or at_end):
                found.append(Match(*_whole_word(lower, start, end), term, exact=False))  # the whole compound
        return found

    def _has_clue(self, text: str, m: Match, matches: list[Match]) -> bool:
        lo, hi = max(0, m.start - CLUE_WINDOW), m.end + CLUE_WINDOW
        near = [o for o in matches if o is not m and lo <= o.start < hi]
        if any(not o.term.needs_context for o in near) or any(o.term.text != m.term.text for o in near):
            return True
        return bool(CLUES.search(text[lo:hi])) or bool(SCORE_AFTER.match(text[m.end:m.end + 8]))

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        matches = self._word_matches(text)
        if self.abbrev_re is not None:
            matches += [Match(m.start(), m.end(), self.abbrev_terms[m.group(1)], exact=True)
                        for m in self.abbrev_re.finditer(text)]
        if not matches:
            return []
        results = []
        for m in _longest_first(matches):
            term, start, end = m.term, m.start, m.end
            etype = term.entity_type
            if etype is None or (entities and etype not in entities):
                continue
            if term.needs_context and not self._has_clue(text, m, matches):
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


def _longest_first(matches: list[Match]) -> list[Match]:
    """Drop matches inside a longer match ('ASS' inside 'autismespectrumstoornis (ASS)' stays).

    On the same span an exact term beats a compound extension of a shorter one, and the longer term
    wins: a context term 'dyslexiecentrum' silences the data term 'dyslexie' that starts it.
    """
    kept: list[Match] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), not m.exact, -len(m.term.text), m.start)):
        if not any(k.start <= m.start and m.end <= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
