"""Street + house number ('Merelstraat 34', 'Burgemeester de Withlaan 5a', 'Appelgaard 168b', and in
address context 'Kotter 14', 'Zilverschoon 4a', 'Achter de Muur 9').

A Dutch street name usually ends in one of a small set of words; that suffix plus a house number is
precise enough without a street gazetteer. Newer towns (Almere, Lelystad) name streets after ships,
plants or stars without such a word; a capitalised name and a house number is then only an address
where the text says so: after an address label ('Adres:', 'Woonadres:', 'Straat en huisnummer:'),
after 'woont aan/op', 'verhuisd naar', 'wonende te', or before a postcode or ', Place'. Even there a
word that takes a number but is no street ('Groep 7', 'Artikel 14': config/lexicons/numbered_words.txt
and not_names.txt) is not one. Only the street and number are reported, never across a line break.

A word of numbered_words.txt that ends in a street word is no street either ('Opgaven 1', session 38).
A town whose name ends in a street word, right before a number, is no street: 'Zaandam 2026' (a festival),
'Schiedam 2030' (a plan's name) name a place and a year (session 35; Dutch towns and provinces as
`name_evidence.places` knows them).
"""

from __future__ import annotations

import re
from functools import lru_cache

import regex
from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from config import lexicon_words
from scanner.detection.house_number import HOUSE_NUMBER
from scanner.detection.name_evidence import places, vocabulary
from scanner.kernel.text import fold

SUFFIXES = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "hof", "pad", "steeg",
    "dreef", "park", "ring", "baan", "allee", "erf", "gaard", "veld", "markt", "wal", "haven",
    "oord", "hoek", "zoom", "tuin", "boulevard", "dam", "rade", "veste", "brink", "stede",
    "plantsoen", "hage", "akker", "kamp", "straatweg", "kwartier", "horst", "hout", "burg",
    "berg", "polder", "donk", "molen", "vaart", "sloot", "wetering", "heuvel", "meer", "ven",
)
# Presidio compiles with the `regex` module: \p{Lu}/\p{Ll} are Unicode letters; spaces only, never a line break.
_LEAD = r"(?:\p{Lu}[\p{Ll}'.-]+[ ](?:(?:van|de|der|den|het|'t|ter|ten|op|aan)[ ])*)"
_STREET = (rf"(?-i:{_LEAD}{{0,2}}\p{{Lu}}[\p{{Ll}}'-]*(?:{'|'.join(SUFFIXES)}))"
           r"[ ]+\d{1,5}(?:\s?(?-i:[a-z])(?![\w]))?(?:\s?-\s?\d{1,4}(?![\d]))?(?![\d,]\d)")

# A street without a street word: up to four capitalised words, with particles between them.
_WORD = r"\p{Lu}[\p{Ll}\p{M}'’-]+"
_PARTICLE = r"(?:de|der|den|het|'t|van|aan|op|in|bij|ter|ten|te|over|onder|achter|voor|la|le)"
_NAME = rf"{_WORD}(?:[ ](?:{_PARTICLE}[ ])*{_WORD}){{0,3}}"
_LABEL = (r"(?i:(?:woon|huis|post|verblijfs|correspondentie)?adres(?:[ ]\p{L}+)?|adresgegevens|"
          r"straat(?:naam)?(?:[ ]?(?:\+|en|&)[ ]?huisnummer)?)[ \t]*:[ \t]*\n?[ \t]*")
# 'woont aan', 'woont met zijn moeder aan de': a few lower-case words may stand between
_LIVES_AT = (r"(?i:woont|wonen|woonde|woonachtig|wonende|verhuisd|verhuist|verhuizen|ingeschreven|"
             r"het adres is|adres is)(?:[ ](?:nu|inmiddels|sinds kort|tijdelijk))?(?:[ ]\p{Ll}+){0,4}?"
             r"[ ](?:aan|op|naar|te|in)(?:[ ](?:de|het|'t))?[ ]")
_BEFORE = regex.compile(rf"(?:{_LABEL}|{_LIVES_AT})$")
_STREET_NO_WORD = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d])({_NAME})[ ]({HOUSE_NUMBER})")
_POSTCODE_AFTER = regex.compile(r",?[ \t]*\n?[ \t]*[1-9]\d{3}[ ]?(?!SA|SD|SS)[A-Z]{2}(?![\w])")
# ', Almere' or ' in Buitenpost' after the number, ending the sentence or the line
_PLACE_AFTER = regex.compile(rf"(?:,[ \t]*|[ ]in[ ])(?:'s-)?{_WORD}(?:[ -]{_WORD})?[ \t]*(?:$|[\n.;)])")
CONTEXT_SCORE = 0.6
# Cheap first look for the street pattern: a street word ending a word right before a house number. A
# street and number never cross a line break, so the pattern only reads the lines that hold one (it tried
# every capitalised word of a text: a fifth of the recognizers' time on a school's files).
_STREET_WORD_NUMBER = re.compile(rf"(?:{'|'.join(SUFFIXES)})[ ]+\d")


@lru_cache(maxsize=1)
def numbered_only() -> frozenset[str]:
    return lexicon_words("numbered_words.txt")


@lru_cache(maxsize=1)
def numbered_words() -> frozenset[str]:
    return numbered_only() | vocabulary().words


class NlAddressRecognizer(PatternRecognizer):
    COUNTRY_CODE = "nl"
    PATTERNS = [Pattern("NL street and number", _STREET, 0.6)]
    CONTEXT = ["adres", "wonen", "woonadres", "straat", "postcode", "woonplaats"]

    def __init__(self, supported_language: str = "nl", supported_entity: str = "ADDRESS",
                 context: list[str] | None = None, name: str | None = None) -> None:
        super().__init__(supported_entity=supported_entity, supported_language=supported_language,
                         patterns=self.PATTERNS, context=context or self.CONTEXT,
                         name=name or "NlAddressRecognizer")

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        results = [r for r in self._on_street_lines(text, entities, nlp_artifacts, regex_flags)
                   if not _town_and_number(text[r.start:r.end]) and not _numbered_word(text[r.start:r.end])]
        return results + self._streets_in_context(text, results)

    def _on_street_lines(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None,
                         regex_flags: int | None) -> list[RecognizerResult]:
        """The street pattern's results on the lines with a street word before a number, at their places."""
        results: list[RecognizerResult] = []
        done = 0
        for m in _STREET_WORD_NUMBER.finditer(text):
            if m.start() < done:
                continue
            start, end = text.rfind("\n", 0, m.start()) + 1, text.find("\n", m.end())
            end = len(text) if end < 0 else end
            for r in super().analyze(text[start:end], entities, nlp_artifacts, regex_flags):
                r.start, r.end = r.start + start, r.end + start
                results.append(r)
            done = end
        return results

    def _streets_in_context(self, text: str, found: list[RecognizerResult]) -> list[RecognizerResult]:
        out = []
        skip = numbered_words()
        for m in _STREET_NO_WORD.finditer(text, overlapped=True):
            start, end = m.start(1), m.end(2)
            if any(r.start <= start < r.end or start <= r.start < end for r in found + out):
                continue
            if m.group(1).split(" ", 1)[0].casefold() in skip:
                continue
            if not (_BEFORE.search(text, max(0, start - 60), start) or _POSTCODE_AFTER.match(text, end)
                    or _PLACE_AFTER.match(text, end)):
                continue
            explanation = self.build_regex_explanation(self.name, "NL street in address context",
                                                       _STREET_NO_WORD.pattern, CONTEXT_SCORE, None, 0)
            out.append(RecognizerResult(self.supported_entities[0], start, end, CONTEXT_SCORE, explanation, {
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


def _numbered_word(found: str) -> bool:
    """A street-word match that is one word of numbered_words.txt and its number: 'Opgaven 1' (an exercise
    whose plural ends in the street word 'ven', session 38); not 'Melkweg 12', a street too."""
    words = found.split()
    return len(words) == 2 and fold(words[0]) in numbered_only()


def _town_and_number(found: str) -> bool:
    """A street-word match whose last word is a town's name, before a number ('Zaandam 2026', 'Jubileum van
    Schiedam 2030'; not 'Damstraat 12', 'Dam 1')."""
    words = found.split()
    return len(words) >= 2 and fold(words[-2]) in places()
