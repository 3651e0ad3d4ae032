"""Session 31: the shape of the text around a PER span that says it names no person.

Why (issue 18, session 31, developed on the spent prose-heldout5 and prose-heldout6): three classes of false
names that hold on any Dutch text need no vocabulary, only the shape around the span:

- a scientific name: a capitalised genus followed by a small-letter epithet in Latin ('Quercus robur', the
  genus of a species as a biology lesson writes it); a person's name is followed by Dutch words, a Latin
  epithet is no Dutch word and ends as Latin does;
- a numbered heading: a Roman numeral with a full stop before ordinary Dutch words ('II. Weefsels', 'I.
  ORGANEN'), in a text that numbers more parts so or in a heading in capitals; not the initial of a person
  ('I. Bakker': a listed surname; 'I. Tellu': no ordinary word);
- a heading in capitals whose words are Dutch: function words and at least one ordinary word ('OVER DE
  VERENIGING'); a name in a heading keeps a listed word or an unknown one ('GESPREK MET JANSSEN'), and
  function words alone keep a surname ('DE WERD'). Compounds of short ordinary words were measured and left
  out: they take surnames in capitals ('HULSHUIS', 'RADEMAKER').

Each rule keeps a real name by the model's lists: no listed first name or surname is taken by the last two,
and the first needs an epithet no Dutch list knows.

Session 34: items of an enumeration read as an inverted name. A model taught the pupil administration's
'Surname, Firstname' as one name joins two items of a list of peoples, brands or places the same way
('X, Y' inside 'W, X, Y en Z'). A span with a comma is such a run of items when the list goes on around it (a
capitalised item and a comma before it, or a comma, 'en' or 'of' and a capitalised item after it that no
house number follows), or when it holds two commas; kept when the word after its comma is a listed first name
or an initial ('Kaya, Deniz en Bakker, Sem'), as an export writes its names, and when it ends in its comma (a
name the NER cut short). person_context's enumeration rule judges a span that is one member of a list; this one,
a span that holds two.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span

from config.nlp.check_tokens import INITIALS, PARTICLES, in_capitals, plain

if TYPE_CHECKING:
    from config.nlp.check_words import CheckWords, ModelLists

EPITHET = re.compile(r"[a-z]{2,}(?:us|um|is|ae|ii|a|i|ens|ans|ior|ea|eus|ia)")
"""A Latin species epithet's ending ('robur' has none: it is written after a genus anyway; 'vulgaris',
'temporaria', 'subtilis', 'mellifera', 'coli')."""
ROMAN_NUMBER = re.compile(r"[IVX]{1,4}\.")
"""A Roman numeral with a full stop, numbering a part ('I.', 'IV.')."""
OTHER_NUMBER = re.compile(r"\b(?:I{1,3}|IV|VI{0,3}|IX|X)\.(?=\s)")
"""Any Roman-numbered part in the text ('herhaling II.')."""


def layout_reason(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> str | None:
    """Why the shape around `span` says it names no person ('soortnaam', 'nummering', 'kopje'), or None."""
    if _genus(span, folded, words, lists):
        return "soortnaam"
    if _numbered_heading(span, folded, lists):
        return "nummering"
    if _dutch_heading(span, folded, words, lists):
        return "kopje"
    if _enumeration(span, lists):
        return "opsomming"
    return None


def _enumeration(span: Span, lists: ModelLists) -> bool:
    """Items of a list of capitalised words joined into one span by their comma (see the module's docstring)."""
    texts = [t.text for t in span]
    commas = [i for i, t in enumerate(texts) if t == ","]
    if not commas:
        return False
    after = [t for t in texts[commas[-1] + 1:] if t.casefold() not in PARTICLES]
    if after and (lists.has("first", plain(after[0])) or INITIALS.fullmatch(after[0])):
        return False  # 'Kaya, Deniz', 'Brahimi, Y.': as an export writes a name
    if commas[-1] == len(texts) - 1:
        return False  # 'Otero,' of 'Otero, Viorel': a name's part the NER cut short is left to the scanner
    if len(commas) > 1:
        return True  # 'Ram, Stier, Tweelingen'
    doc = span.doc

    def item(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha

    def street(i: int) -> bool:  # 'van Kaya, Deniz, Spinozabaan 52 te Dorst': an address line goes on so
        return i + 1 < len(doc) and doc[i + 1].text[:1].isdigit()

    before = span.start >= 2 and doc[span.start - 1].text == "," and item(span.start - 2)
    beyond = span.end + 1 < len(doc) and doc[span.end].lower_ in (",", "en", "of") and item(span.end + 1) \
        and not street(span.end + 1)
    return before or beyond


def _dutch(word: str, words: CheckWords, lists: ModelLists) -> bool:
    return lists.has("lexicon", word) or lists.has("ordinary", word) or word in words.closed


def _genus(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """One capitalised word before a small-letter word that no Dutch list knows and that ends as a Latin
    epithet does ('Bacillus subtilis', '*Rana temporaria*'): a species' scientific name. A listed name
    counts too (the genus 'Rana'); its next word would be Dutch in a Dutch sentence."""
    doc, end = span.doc, span.end
    if len(folded) != 1 or end >= len(doc) or not lists.sets.get("lexicon"):
        return False
    nxt = doc[end]
    epithet = nxt.text
    return epithet.islower() and epithet.isalpha() and EPITHET.fullmatch(epithet) is not None \
        and not _dutch(epithet, words, lists) and span.text[:1].isupper() and span.text[1:].islower()


def _numbered_heading(span: Span, folded: list[str], lists: ModelLists) -> bool:
    """'I. Cellen' in a text that also numbers 'II.', or 'I. CELLEN' in a heading in capitals: a Roman numeral
    with a full stop, then ordinary words that are no listed name."""
    texts = [t.text for t in span if not t.is_punct or ROMAN_NUMBER.fullmatch(t.text)]
    if len(texts) < 2 or not ROMAN_NUMBER.fullmatch(texts[0]):
        return False
    rest = [plain(t) for t in texts[1:]]
    if not all(w and lists.ordinary(w) and not lists.named(w) for w in rest):
        return False
    doc = span.doc
    capitals = in_capitals(texts[1:]) and span.start > 0 and in_capitals([doc[span.start - 1].text])
    others = [m for m in OTHER_NUMBER.finditer(doc.text) if m.start() != span.start_char]
    return capitals or bool(others)


def _dutch_heading(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """A span in capitals in a heading in capitals (a word in capitals right before or after it) whose words
    are Dutch: function words, particles and at least one ordinary word (the 'O' list, and its compounds as
    long as the model's compound flag asks), none a listed name ('PROFIEL VAN DE VERENIGING'); not 'GESPREK
    MET JANSSEN', 'MET DE WERD'."""
    texts = [t.text for t in span]
    if not in_capitals([t for t in texts if t.isalpha()]) or not any(t.isalpha() for t in texts):
        return False
    doc, start, end = span.doc, span.start, span.end
    beside = [doc[start - 1].text] if start > 0 else []
    beside += [doc[end].text] if end < len(doc) else []
    if not any(len(t) > 1 and t.isalpha() and t.isupper() for t in beside):
        return False
    content = [w for w in folded if w.isalpha() and w not in PARTICLES and w not in words.closed]
    if not content or any(lists.named(w) for w in folded):
        return False  # 'DE WERD': function words alone keep a surname
    return all(lists.ordinary(w) for w in content)
