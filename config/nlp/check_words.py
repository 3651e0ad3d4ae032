"""The person check's vocabulary and the model's lists, as the check's rule modules read them.

Why a module of its own (session 31): the rule modules (config/nlp/person_context.py, person_layout.py,
person_table.py) take these types, and config/nlp/person_check.py imports the rule modules; with the types
in person_check.py the modules imported each other in a circle (tests/architecture/test_import_direction.py).
person_check.py imports them from here and keeps its names for them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from config import LEXICONS, lexicon_sections, lexicon_words
from config.nlp.components import is_compound

EPONYM_TERM = re.compile(r"^(?:ziekte|syndroom) van (.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class CheckWords:
    """The lexicon vocabulary of the check, case-folded."""

    never: frozenset[str]  # not_names.txt, every section: never a name on its own
    law_ends: tuple[str, ...]  # its `suffix` lines: 'Leerplichtwet', 'Jeugdwet'
    titles: frozenset[str]  # its [title] section and salutations.txt: the word before a person
    pronouns: frozenset[str]  # its [pronoun] section: a word opening a sentence right before one is a verb
    closed: frozenset[str]  # function_words.txt: closed-class words
    organisation: frozenset[str]  # organisation_words.txt
    places: frozenset[str]  # places.txt and world_cities.txt (phrases as written: 'den haag', 'san josé')
    eponyms: frozenset[str]  # the describers of the lexicon's 'ziekte van X' / 'syndroom van X' terms
    laws: frozenset[str] = frozenset()  # not_names.txt [eponym]: 'wet', 'stelling' ('wet van Pascal')
    proper: Mapping[str, str] = field(default_factory=dict)  # proper_nouns.txt: word -> 'place', 'language', 'people'
    place_heads: tuple[str, ...] = ()  # place_heads.txt: 'zee', 'gebergte', 'dam' ('Noordzee', 'Kaspische Zee')
    context: Mapping[str, frozenset[str]] = field(default_factory=dict)  # context_words.txt, by section (session 29)
    open_heads: frozenset[str] = frozenset()  # place_heads.txt [open]: 'woestijn', 'fjord' (session 30)
    place_firsts: frozenset[str] = frozenset()  # the first words of `places` of two words or more ('dar', 'são')

    def around(self, section: str, word: str) -> bool:
        """Whether `word` (case-folded) is in `section` of context_words.txt."""
        return word in self.context.get(section, ())

    def kind(self, word: str) -> str | None:
        """The class of `word` (case-folded) in proper_nouns.txt, or of the word it is built from as Dutch
        builds them (session 29): an inflected adjective of a language or adjective ('Turkse' from 'Turks')
        and a language after a prefix of context_words.txt [language-prefix] ('Oudgrieks', 'Middelfrans')."""
        found = self.proper.get(word)
        if found or len(word) < 5:
            return found
        if word.endswith("se") and self.proper.get(word[:-1]) in ("language", "adjective"):
            return "adjective"
        for prefix in self.context.get("language-prefix", ()):
            if word.startswith(prefix) and self.proper.get(word[len(prefix):]) == "language":
                return "language"
        return None


def read_check_words(never_names: str, closed_class: str, salutations: str, organisation: str, places: str,
                     eponyms: str, proper_nouns: str = "", place_heads: str = "",
                     context_words: str = "") -> CheckWords:
    """The vocabulary from the named files of config/lexicons (`proper_nouns`, `place_heads` and
    `context_words` may be empty: none)."""
    sections, suffixes = lexicon_sections(never_names)
    org_sections, _ = lexicon_sections(organisation)
    place_phrases = place_names(places)
    return CheckWords(
        never=frozenset().union(*sections.values()), law_ends=tuple(sorted(suffixes)),
        titles=sections.get("title", frozenset()) | lexicon_words(salutations),
        pronouns=sections.get("pronoun", frozenset()), closed=lexicon_words(closed_class),
        organisation=frozenset().union(*org_sections.values()), places=place_phrases,
        place_firsts=frozenset(p.split()[0] for p in place_phrases if " " in p),
        eponyms=disease_eponyms(eponyms), laws=sections.get("eponym", frozenset()),
        proper=proper_classes(proper_nouns) if proper_nouns else MappingProxyType({}),
        place_heads=tuple(sorted(frozenset().union(*lexicon_sections(place_heads)[0].values()))) if place_heads else (),
        open_heads=lexicon_sections(place_heads)[0].get("open", frozenset()) if place_heads else frozenset(),
        context=lexicon_sections(context_words)[0] if context_words else MappingProxyType({}))


def proper_classes(name: str) -> Mapping[str, str]:
    """proper_nouns.txt (training/proper_nouns.py): each word with its class, the section it is in."""
    sections, _ = lexicon_sections(name)
    return MappingProxyType({word: key for key, words in sections.items() for word in words})


def place_names(names: str) -> frozenset[str]:
    """places.txt: one place a line, as written ('Den Haag', 'Noord-Brabant'); `names` may list several such
    files, comma-separated (the shipped pipeline adds world_cities.txt, session 36)."""
    found: set[str] = set()
    for name in filter(None, (n.strip() for n in names.split(","))):
        lines = (LEXICONS / name).read_text(encoding="utf-8").splitlines()
        found.update(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))
    return frozenset(found)


def disease_eponyms(name: str) -> frozenset[str]:
    """The people diseases and syndromes are named after, from the special-category lexicon's terms
    'ziekte van X' and 'syndroom van X' ('pfeiffer', 'gilles de la tourette' and 'tourette')."""
    found: set[str] = set()
    with open(LEXICONS / name, encoding="utf-8") as fh:
        for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            m = EPONYM_TERM.match((row.get("term") or "").strip())
            if m:
                found.update({m.group(1).casefold(), m.group(1).casefold().split()[-1]})
    return frozenset(found)


@dataclass(frozen=True)
class ModelLists:
    """The NER's own lists (tok2vec flags): 'first', 'surname', 'place', 'lexicon', 'ordinary' (OpenTaal
    words never written as a proper noun), and the shortest ordinary compound (0: none)."""

    sets: Mapping[str, Container[str]]
    compounds: int = 0

    def has(self, key: str, word: str) -> bool:
        return word in self.sets.get(key, ())

    def named(self, word: str) -> bool:
        """A first name or surname of the lists (or a part of a hyphenated one: 'Pieter-Jan')."""
        parts = [word, *word.split("-")] if "-" in word else [word]
        return any(self.has("first", p) or self.has("surname", p) for p in parts if p)

    def ordinary(self, word: str) -> bool:
        """An OpenTaal word never written as a proper noun, or a compound of two such words as long as
        the model's compound flag asks ('risicoparagraaf'), or words of either kind joined by hyphens; no place
        of the lists."""
        if self.has("ordinary", word):
            return True
        if "-" in word.strip("-"):  # session 38: 'back-ups', 'zee-egels': every part such a word
            parts = word.split("-")
            return all(parts) and all(self.ordinary(part) for part in parts)
        return bool(self.compounds) and len(word) >= self.compounds and word.isalpha() \
            and not self.has("place", word) and is_compound(word, self.sets.get("ordinary", frozenset()))


NO_LISTS = ModelLists({})
