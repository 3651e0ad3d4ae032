"""Token-level helpers shared by the person check's rules (config/nlp/person_check.py and, since session 30,
config/nlp/person_context.py): how a word is looked up, where a sentence opens, what a heading in capitals
and an abbreviation look like.

Why a module of their own: the context rules of session 30 need them too, and the check itself imports those
rules; keeping the helpers here avoids a circular import and keeps both rule modules small.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

PARTICLES = frozenset({"van", "de", "der", "den", "het", "'t", "’t", "voor", "en", "op", "in", "aan", "te", "ten",
                       "ter", "bij", "met", "over", "uit", "&"})
"""Small words inside a Dutch multi-word name or title ('Inspectie van het Onderwijs', 'Jan de Vries')."""
OPENERS = frozenset({".", "!", "?", ":", ";", "|", "…", "...", "•", "·", "-", "–", "—", "*", ">"})
"""Tokens after which a word opens a sentence, a list item or a table cell."""
SKIPPED = re.compile(r"[\"'„“‘(\[#*¿¡]+|\d+(?:\.\d+)*[.)]?|[a-z][.)]")
"""Markup, quotes and numbering between a sentence boundary and its first word ('3.2', 'a)', '**'); also the
inverted marks that open a Spanish question or exclamation ('¿Qué tal?', session 30)."""
FULL_STOP_AFTER = 5
"""A '.' ends a sentence after a word of this many letters or a number, not after 'fam', 'mw' or 'zo'
(as scanner/detection/name_evidence.py reads a sentence start)."""
VOWELS = frozenset("aeiouyàáâãäåèéêëìíîïòóôõöùúûüýÿ")
PREPOSITIONS = frozenset({"in", "uit", "naar", "bij", "op", "aan", "met", "voor", "door", "over", "tot", "onder",
                          "tussen", "tijdens", "zoals", "dan", "als", "en", "of", "om", "rond", "langs", "binnen",
                          "volgens", "via", "zonder", "tegen", "naast", "vanuit", "sinds", "vanaf", "na"})
"""Words before 'het' that make it an article opening a phrase ('in het Frans'); 'van' is left out ('Van het
Reve'), and so is every verb ('is het Mickael zelf': a pronoun). Session 31 added 'volgens', 'via', 'zonder',
'tegen', 'naast', 'vanuit', 'sinds', 'vanaf' and 'na' ('volgens het Tellumodel')."""
COORDINATORS = frozenset({",", "en", "of", "/", "&"})
"""Words that join the members of a list ('Frans, Duits en Engels')."""
INITIALS = re.compile(r"(?:[^\W\d_]\.)+")
"""One or more initials, each with its full stop ('Y.', 'T.C.')."""


def plain(text: str) -> str:
    """The word as the lexicons and the model's lists write it: no surrounding dots, quotes or hyphens,
    case-folded (the Turkish 'İ' becomes 'i' and a combining dot, as the lists hold 'İzel')."""
    return text.strip(".'’-").casefold()


def opens_sentence(doc: Doc, start: int) -> bool:
    """Whether token `start` is the first word of the text, a line, a sentence, a list item or a table
    cell (markup and numbering in between are skipped)."""
    i = start - 1
    while i >= 0 and SKIPPED.fullmatch(doc[i].text):
        i -= 1
    if i < 0:
        return True
    token = doc[i]
    if token.is_space:
        return "\n" in token.text or opens_sentence(doc, i)
    if token.text == "." and i > 0:
        before = doc[i - 1].text
        return len(before) >= FULL_STOP_AFTER or not before.isalpha()
    return token.text in OPENERS


def in_capitals(words: list[str]) -> bool:
    """A heading in capitals: every word two capitals or more ('VACATURES', 'STAND VAN ZAKEN')."""
    return all(len(w) > 1 and w.isupper() for w in words)


def abbreviation(text: str) -> bool:
    """'ISAE', 'RAM', 'CvB', 'NvI': 2-5 letters, all capitals, or up to 4 with two capitals or more; or
    3-6 letters without a vowel ('Wvggz', 'Wkkgz': laws are abbreviated so, and no name is written
    without a vowel)."""
    letters = text.replace("&", "")
    if not (2 <= len(letters) <= 6 and letters.isalpha()):
        return False
    if len(letters) >= 3 and not VOWELS.intersection(letters.casefold()):
        return True
    if len(letters) > 5:
        return False
    return letters.isupper() or (len(letters) <= 4 and sum(c.isupper() for c in letters) >= 2)




CELL_BARS = frozenset({"|", "¦"})
"""The bar between the cells of a table row as the scanner's text units keep it ('| Swahili | Maji |')."""


def next_cell(doc: Doc, i: int, step: int) -> int | None:
    """The index of the word before (`step` -1) or after (+1) token `i`, past the bars and line breaks of a
    table row ('Swahili | Maji': the cell before 'Maji' is 'Swahili'); None at the text's edge. Session 30:
    the scanner hands the NER a Markdown table with its bars."""
    j = i + step
    while 0 <= j < len(doc) and (doc[j].text in CELL_BARS or doc[j].is_space):
        j += step
    return j if 0 <= j < len(doc) else None
