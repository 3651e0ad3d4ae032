"""Which sentences of a text can still hold a name that only the NER would find.

The NER is run where its answer can change the result: a PERSON span needs a word written with a
capital, and a capitalised word adds nothing when it is
- inside a result of another recognizer (a register name, a titled name, a diagnosis, an address:
  those outrank the NER on overlap, so the NER's span would be dropped), or the place name right
  after a postcode,
- inside the organisation's own name (findings there are dropped),
- a single letter (initials belong to the surname after them; M/V in a form),
- the first word of a sentence that is a function word ('De', 'Tijdens'), a form label ('Datum:'),
  an ordinary Dutch word (the lemmatizer's vocabulary, with plurals and compounds: 'Afspraken',
  'Besproken', 'Intakeformulier') or a word the same text also writes in lower case ('Gesprek' ...
  'het gesprek'), or a word in capitals that the text also writes in lower case (a heading),
- a word that name_evidence.py would not let through as a name anyway (`adds_no_name`): an
  abbreviation ('BRIN', 'KvK', 'VSO') or a hyphenated word with one ('AVI-niveau', 'Jeugd-GGZ'), a
  place, language or people that is no name ('Flevoland', 'Nederlands': the person check after the
  NER drops a span of them), an organisation word or a word inside an organisation's name,
  an ordinary word labelling a field inside a line ('Leerling:'), or a word Dutch never writes as a
  proper noun ('Voortgangsverslag' run on after a letterhead); known first names and surnames never.
Some first names are also words ('Roos', 'Eva'): one that opens a sentence with no other unexplained
capital after it is left to the register and the titled-name recognizer (a lone first name is weak
evidence of a person anyway).
Everything else (an unknown surname, a sibling's first name, a place, an institution) sends its
sentence, with the sentences before and after it as context, to the NER, so names the register does
not know are still found.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Container, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from config import lexicon_words

if TYPE_CHECKING:  # Presidio and spaCy load only when a scan detects (a rescan may never)
    from presidio_analyzer import RecognizerResult
    from spacy.tokens import Doc

_SENTENCES = re.compile(r"[^\n.!?]+(?:[.!?]+(?=\s|$)|[.!?]+|$)", re.MULTILINE)
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")
_CAPITALISED = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}'’-]*")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{M}])\p{Ll}[\p{Ll}\p{M}]*(?![\p{L}\p{M}])")
_HAS_UPPER = regex.compile(r"\p{Lu}")
_CITY = regex.compile(r"[ \t]+(\p{Lu}[\p{L}\p{M}'’-]*(?:[ -]\p{Lu}[\p{L}\p{M}'’-]*)?)")
SHORT_SENTENCE = 60  # characters


SALUTATIONS = lexicon_words("salutations.txt")
FUNCTION_WORDS = lexicon_words("function_words.txt") | SALUTATIONS


@lru_cache(maxsize=16)
def own_names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """The organisation's and its schools' names as one case-insensitive pattern, longest first
    ('De Wilg Noord' before 'De Wilg'); built once per configuration, not once per item."""
    kept = sorted((n for n in names if n.strip()), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in kept), re.IGNORECASE) if kept else None


def lower_case_words(text: str) -> set[str]:
    """The words `text` writes in lower case: a capitalised word among them is a common noun that
    opens a sentence or a heading ('Gesprek' ... 'het gesprek'), not a name."""
    return set(_LOWER_WORD.findall(text))


def sentence_spans(text: str) -> Iterable[tuple[int, int]]:
    """Lines, cut after sentence-final punctuation; abbreviations only split a sentence in two,
    both halves are still judged."""
    for m in _SENTENCES.finditer(text):
        if m.group().strip():
            yield m.start(), m.end()


class Explained:
    """Sorted, merged character intervals of text that the NER cannot add to."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.ends[i] >= end


def ordinary_word(word: str, words: Container[str]) -> bool:
    """A lower-case word form the vocabulary knows, directly or as a plural, an inflected adjective
    ('afspraken', 'medische') or a compound of two known words ('thuissituatie', 'intakeformulier')."""
    if word in words:
        return True
    for suffix in ("en", "s", "e", "'s", "n"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4:
            if stem in words:
                return True
            if suffix == "en" and stem[-2] in "aeou" and stem[-1] not in "aeiou" and stem[:-1] + stem[-2:] in words:
                return True  # afspraken -> afspraak: an open syllable doubles its vowel
    for i in range(3, len(word) - 3):
        head, first = word[i:], word[:i]
        if len(head) >= 4 and head in words and (first in words or (first[-1] in "s" and first[:-1] in words)):
            return True
    return False


def _is_label(text: str, end: int) -> bool:
    """'Naam:' or 'Datum :' opening a line is a form label; what follows it is judged on its own."""
    rest = text[end:end + 3]
    return rest.lstrip(" ").startswith(":")


def ner_windows(doc: Doc, results: list[RecognizerResult], own_names: re.Pattern[str] | None = None,
                dutch_words: Container[str] = frozenset(),
                adds_no_name: Callable[[str, int, str], bool] | None = None, text: str | None = None
                ) -> list[tuple[int, int]]:
    """(start, end) windows of `doc` for the NER; `results` are the other recognizers' findings;
    `adds_no_name(text, start, word)` tells of a capitalised word that no span with it would be kept
    as a name (name_evidence.adds_no_name: the rules that drop the NER's spans afterwards).

    Works on the text with regular expressions, not on spaCy tokens: creating a Token object per
    word cost as much as the recognizers; for the same reason the caller gives the text it tokenized
    (`doc.text` makes a Token per word to join them again)."""
    text = doc.text if text is None else text
    spans = [(r.start, r.end) for r in results]
    for r in results:
        if r.entity_type == "NL_POSTCODE":  # '1318 AB Almere': the place after a postcode
            city = _CITY.match(text, r.end)
            if city:
                spans.append(city.span(1))
    if own_names is not None:
        spans += [m.span() for m in own_names.finditer(text)]
    explained = Explained(spans)
    lower: set[str] | None = None
    sentences = list(sentence_spans(text))
    needed: list[int] = []
    for n, (s, e) in enumerate(sentences):
        sentence = text[s:e]
        if not _HAS_UPPER.search(sentence):
            continue
        first = _WORD.search(sentence)
        for m in _CAPITALISED.finditer(sentence):
            word = m.group()
            start = s + m.start()
            if len(word) == 1 or explained.covers(start, start + len(word)):
                continue
            if lower is None:
                lower = lower_case_words(text)
            folded = word.casefold()
            if first is not None and m.start() == first.start() and (
                    folded in FUNCTION_WORDS or folded in lower or _is_label(text, start + len(word))
                    or ordinary_word(folded, dutch_words)):
                continue
            if word.isupper() and folded in lower:
                continue
            if adds_no_name is not None and adds_no_name(text, start, word):
                continue
            needed.append(n)
            break
    return with_neighbours(sentences, needed)


def with_neighbours(sentences: list[tuple[int, int]], needed: list[int]) -> list[tuple[int, int]]:
    """Each needed short sentence with the one before and after it, overlapping windows merged: the
    NER reads a word in context ('Doğan' alone in a cell is nothing, under 'Elif' it is a surname);
    a sentence of a few words or more is its own context."""
    windows: list[list[int]] = []
    for n in needed:
        s, e = sentences[n]
        if e - s < SHORT_SENTENCE:
            s, e = sentences[max(n - 1, 0)][0], sentences[min(n + 1, len(sentences) - 1)][1]
        if windows and s <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], e)
        else:
            windows.append([s, e])
    return [(s, e) for s, e in windows]
