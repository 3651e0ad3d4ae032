"""Session 30: the words and entities around a PER span that say it names no person.

Why (issue 18, session 30): the person check of sessions 28-29 judges a span mostly by its own words, and
its vocabulary carries over to a new text only in part (prose-heldout5: 93 false names per 100 000
characters on first measurement). What carries over better is the sentence around the span, which Dutch
grammar fills the same way whatever the name is:

- an enumeration: a word in a list whose other members are places, organisations, products or languages
  (the NER's own LOC/ORG/MISC spans, the place and language lists, abbreviations, words written as
  products are) is one of them ('Word, PowerPoint, Excel en Teams'), unless a member is a person;
- the article 'de' before the span, outside a name ('door de Donau'; not 'Jan de Vries', 'mevrouw de
  Jong', 'van de Berg');
- a quantifier before it ('de meeste Zweden', 'veel Vlamingen'): a plural noun, a people or a group;
- a noun that names a thing's class right before it ('de app Tellu', 'de sonde Marco', 'het merk
  Zitmaker', also before a comma: 'de eerste psalm, Beatus'; an organisation's class noun gives ORG: 'de
  bank Rabo'), or after it in a definition or an apposition ('Tellu is een app', 'Tellu, de nieuwe app
  van ...', 'met Tellumar als hoofdstad'), or a word for a god before or in an apposition after it ('de
  godin Freya', 'Wodan, de god van ...');
- an apposition with a place's later name ('Lutetia, het latere Parijs');
- a word in a sentence of another language ('¿Qué tal?', 'Hvala lijepa, prijatelju');
- a word right after a language's name in a table row ('Swahili | Maji': a word and its translation);
- a function word in capitals inside a heading in capitals ('INVENTARIS PER LOKAAL').

Each rule keeps a real name: a listed first name (and, where the rule is weak, a listed surname) is never
taken, a person among the list's members keeps the list a list of persons, a capitalised word before 'de'
keeps 'Jan de Vries'. All vocabulary is data in `config/lexicons/context_words.txt`; the model's lists come
in as `ModelLists`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Container
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from config.nlp.check_tokens import PARTICLES, abbreviation, next_cell, opens_sentence, plain

if TYPE_CHECKING:
    from config.nlp.check_words import CheckWords, ModelLists

ARTICLES = frozenset({"de", "het", "een"})
"""Articles that may open a list member ('de Donau, de Wolga')."""
INITIAL = re.compile(r"[^\W\d_]\.?")
"""A single letter, an initial once `plain` has taken its full stop ('h')."""
JOINERS = frozenset({",", "en", "of", "&"})
"""Words that join the members of an enumeration; not '/', which also joins a name and its town ('J. Smit
/ Rumst') or its role."""
PRODUCT_SHAPE = re.compile(r"[a-zß-ÿ]{4}[A-ZÀ-Þ]|^[a-z][A-Z]")
"""A word written as products are: a capital after four small letters inside a word ('PowerPoint',
'WhatsApp', 'SmartBoard'; surnames capitalise after a short prefix only: 'McKenzie', 'DeVries',
'FitzGerald'), or after one small letter first ('iPad', 'eHealth', session 30; no name is written so)."""
SURNAME_PREFIX_BEFORE_DE = frozenset({"van", "ver"})
"""Words that make 'de' part of a surname ('van de Berg', 'ver de Weg')."""
COPULAS = frozenset({"is", "was", "zijn", "waren", "heet", "heette"})
"""Verbs that say what the subject is ('X is een rivier')."""
DEFINITION_REACH = 3
"""Small words (adjectives) allowed between the article and the class noun ('de langste rivier')."""
CLASS_SECTIONS = ("thing-before", "organisation-before", "place-before", "sky-before", "deity")
"""The sections of context_words.txt whose nouns name a class of things, organisations, places, stars or gods."""
FOREIGN_WORDS = 2
"""Unknown small words a sentence needs to be read as another language's (one may be a rare Dutch word)."""
SENTENCE_ENDS = frozenset({".", "!", "?", ";", ":"})
LANGUAGE_SECTION_END = "-words"
"""context_words.txt's sections of a language's small words end so ([german-words], ..., session 37; the languages
are data since session 38: [turkish-words], [polish-words], ...); [shared-words] counts for none."""
SHARED_SECTION = "shared-words"
CALENDAR_NEIGHBOURS = frozenset({",", "en", "of", "-", "–", "/", "|", ":"})
"""What may stand between two months or weekdays of a list or a table row ('Ocak, Şubat en Mart')."""
MAX_MEMBERS = 8
"""How many members on either side an enumeration is read for."""
MIN_CLASS_HEAD = 6
"""The shortest class noun that counts as a compound's head (session 31: 'scanner', 'dienst'; not 'rover' in
'zeerover', 'boek' in 'dagboek'); context_words.txt [human-head] names the longer heads that also end a human
noun ('lander' in 'Nederlander', 'partij' in 'wederpartij')."""
MIN_EN_SINGULAR = 5
"""The shortest singular of a plural in -en: a verb ends in -en too ('spelen', 'dansen', 'filmen')."""
MIN_CLASS_PART = 3
"""The shortest first part before such a head ('techbedrijf')."""
THINGS_PER_PERSON = 2
"""An enumeration needs this many non-person members, and as many more for each member the NER takes for a
person by a name no list holds (a sign of the zodiac the lists lack): a real list of persons has no such
things."""


@dataclass(frozen=True)
class Member:
    """One member of an enumeration: its tokens (without an opening article)."""

    start: int
    end: int


def context_reason(span: Span, folded: list[str], words: CheckWords, lists: ModelLists,
                   judged: Container[int] = ()) -> tuple[str, str | None] | None:
    """Why the words around `span` say it names no person, with the label it gets instead; None when they
    do not (`judged`: tokens of spans the check already took for no person, in an earlier round). The
    rules in order: a god, a thing's class noun, a quantifier, a heading's function word, a word
    after a language in a table row, a definition or apposition naming a thing's class (also turned round), a
    foreign sentence, a foreign month or weekday, an enumeration of non-persons, the article 'de'."""
    if _deity(span, words):
        return ("godheid", None)
    doc, start = span.doc, span.start
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.text == "," and start > 1:
        before = doc[start - 2]  # an apposition after its noun: 'de eerste psalm, Beatus'
    noun = class_section(before.lower_, words, ("thing-before", "organisation-before", "sky-before")) \
        if before is not None and before.text.islower() else None
    if noun == "thing-before" or (noun == "sky-before" and _closed_apposition(span)):
        return ("ding", None)  # session 38: also a moon's noun before an apposition ('een grote maan, Charon, die')
    if noun == "organisation-before":
        return ("organisatie", "ORG")
    examples = _examples_of(span, words)  # session 31: 'games zoals Roblox en Tellu'
    if examples is not None:
        return ("voorbeeld", EXAMPLE_LABELS.get(examples))
    if start > 0 and words.around("plural-before", doc[start - 1].lower_):
        return ("meervoud", None)
    if _heading_function_word(span, words):
        return ("kopje", None)
    if _after_language_cell(span, folded, words, lists):
        return ("tabelcellen", None)
    defined = _defined_as(span, words) or _named_after_class(span, words)
    if defined is not None:
        return ("definitie", "ORG" if defined == "organisation-before" else None)
    if _former_name(span, folded, words, lists):
        return ("plaats", "LOC")
    if _foreign_sentence(span, folded, words, lists):
        return ("vreemde taal", None)
    if _foreign_calendar(span, words, lists):
        return ("kalender", None)
    listed = _enumeration(span, folded, words, lists, judged)
    if listed is not None:
        return ("opsomming", listed or None)
    if _after_article_de(span, folded, words, lists):
        return ("na de", None)
    return None


def _closed_apposition(span: Span) -> bool:
    """A comma before the span and a comma, bracket or sentence mark after it: an apposition ('de maan, Charon,
    die ...'), not a new clause ('naar de maan, Kalari keek ...')."""
    doc, start, end = span.doc, span.start, span.end
    return start > 0 and doc[start - 1].text == "," and (end >= len(doc) or doc[end].text in (",", ")", *SENTENCE_ENDS))


def _deity(span: Span, words: CheckWords) -> bool:
    """'de godin Freya', 'Wodan, de god van de storm': a word of [deity] right before the span, or in an
    apposition ', de god' right after it."""
    doc, start, end = span.doc, span.start, span.end
    if start > 0 and doc[start - 1].text.islower() and words.around("deity", doc[start - 1].lower_):
        return True
    return end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in ARTICLES \
        and words.around("deity", doc[end + 2].lower_)


def _defined_as(span: Span, words: CheckWords) -> str | None:
    """The sentence says what the span is, and it is a thing, an organisation, a place or a god: 'X is een
    programmeertaal', 'X is de grootste maan van ...', the apposition 'X, de langste rivier van ...' (a
    copula or a comma, an article, up to `DEFINITION_REACH` small words, and a noun of `CLASS_SECTIONS` of
    context_words.txt), or 'X als hoofdstad'. Human nouns are in none of them ('Jan is de mentor', 'Fatima,
    de leerling uit groep 8'). The section of the noun, or None."""
    doc, end = span.doc, span.end
    if end + 1 < len(doc) and doc[end].lower_ == "als":
        return _class_noun(doc[end + 1], words)  # 'met Tellu als platform'; not 'met Kalari als voorzitter'
    if end + 2 >= len(doc) or doc[end].lower_ not in COPULAS and doc[end].text != ",":
        return None
    if doc[end].text == "," and doc[end + 1].text.islower() and doc[end + 2].lower_ in APPOSITION_LINKS:
        return _class_noun(doc[end + 1], words)  # session 31: 'Tellux, beurs voor studie en beroep'
    if doc[end + 1].lower_ not in ARTICLES:
        return None
    for token in doc[end + 2:end + 2 + DEFINITION_REACH]:
        if not token.is_alpha or not (token.text.islower() or _capitalised_adjective(token)):
            return None
        section = _class_noun(token, words)
        if section:
            return section
    return None


def _named_after_class(span: Span, words: CheckWords) -> str | None:
    """The definition turned round (session 38): an article, up to `DEFINITION_REACH` small words, a noun of
    `CLASS_SECTIONS` and a copula right before the span, which ends the clause ('De hoofdstad is Sevilla.',
    'de grootste stad was Lagos,'; not 'De mentor is Jan.', a human noun is in no section). The noun's section,
    or None."""
    doc, start, end = span.doc, span.start, span.end
    if start < 3 or doc[start - 1].lower_ not in COPULAS or (end < len(doc) and doc[end].is_alpha):
        return None
    noun = doc[start - 2]
    if not noun.text.islower():
        return None
    for i in range(start - 3, max(start - 4 - DEFINITION_REACH, -1), -1):
        if doc[i].lower_ in ARTICLES:
            return _class_noun(noun, words)
        if not (doc[i].is_alpha and doc[i].text.islower()) or doc[i].lower_ in words.closed:
            return None
    return None


def _capitalised_adjective(token: Token) -> bool:
    """A capitalised adjective of a place or people between an article and its noun ('het Perzische
    nieuwjaar', 'de Japanse keuken'): it ends in -e and a small-letter word follows. Session 31."""
    doc = token.doc
    return token.text[:1].isupper() and token.text[1:].islower() and token.text.endswith("e") \
        and token.i + 1 < len(doc) and doc[token.i + 1].is_alpha and doc[token.i + 1].text.islower()


def _class_noun(token: Token, words: CheckWords) -> str | None:
    """The section of context_words.txt whose noun names the token's class (things, organisations, places,
    stars, gods), or None; since session 31 also through a plural or a compound's head (`class_section`)."""
    return class_section(token.lower_, words, CLASS_SECTIONS)


def singulars(word: str) -> list[str]:
    """The singulars a Dutch plural `word` may come from ('games' -> 'game', 'diensten' -> 'dienst',
    'bedrijven' -> 'bedrijf', "programma's" -> 'programma'), and a diminutive's noun ('drankjes' -> 'drank').
    A plural in -en needs a singular of `MIN_EN_SINGULAR` letters: a verb ends in -en too ('spelen', 'dansen',
    'filmen'). Why (session 31): a class noun before 'zoals' is mostly plural ('streamingdiensten als ...'),
    and the lexicon lists singulars."""
    if word.endswith(("'s", "’s")):
        forms = [word[:-2]]
    elif word.endswith("ven") and len(word) - 2 >= MIN_EN_SINGULAR:
        forms = [word[:-3] + "f", word[:-2]]
    elif word.endswith("en"):
        forms = [word[:-2]] if len(word) - 2 >= MIN_EN_SINGULAR else []
    else:
        forms = [word[:-1]] if word.endswith("s") else []
    nouns = [f[:-len(end)] for f in forms for end in ("tje", "je") if f.endswith(end) and len(f) > len(end) + 3]
    return forms + nouns[:1]


def class_section(word: str, words: CheckWords, sections: tuple[str, ...], plural: bool = False) -> str | None:
    """The first of `sections` of context_words.txt that holds `word` (case-folded), its singular, or the
    head of the compound it is: a noun of `MIN_CLASS_HEAD` letters or more after a first part of
    `MIN_CLASS_PART` or more ('plagiaatscanner' -> 'scanner', 'screeningsautoriteit' -> 'autoriteit',
    'techbedrijf'); with `plural`, only through a plural's singular ('techbedrijven'). Why (session 31): Dutch
    writes a class noun as the head of a compound, and the head decides what the compound is, so a human noun
    never ends in a thing's class noun of that length ('bankdirecteur' ends in 'directeur'); shorter heads
    stay out ('zeerover', 'dagboek')."""
    forms = singulars(word) if plural else [word]
    for form in forms:
        for section in sections:
            if words.around(section, form):
                return section
    for form in forms:
        for cut in range(MIN_CLASS_PART, len(form) - MIN_CLASS_HEAD + 1):
            head = form[cut:]
            if not form[:cut].replace("-", "").isalpha() or words.around("human-head", head):
                continue
            for section in sections:
                if words.around(section, head):
                    return section
    return None


APPOSITION_LINKS = frozenset({"voor", "van", "in", "uit", "met", "op", "bij", "aan", "die", "dat"})
"""Words after an apposition's class noun without an article ('Tellux, beurs voor studie'): a defining phrase
follows, so the noun is no list's next member (session 31)."""
EXAMPLE_LABELS = {"organisation-before": "ORG", "place-before": "LOC"}
"""The label examples of a class get by the class noun's section (things, stars and gods get none)."""


def _examples_of(span: Span, words: CheckWords) -> str | None:
    """The section of the class noun whose examples the span's list gives, or None: a class noun and 'zoals'
    or 'als' before the list ('games zoals Roblox en Tellu', 'een browser als Tellux', 'Dorpen als Tellum
    liggen hoog', 'streamingdiensten als Tellu en Tellux'), or a plural class noun and a comma or colon
    before a list the span is a later member of ('twee kleine manen, Tellu en Tellux'). 'als' is also 'if'
    and 'when' ('het spel als Jan wint'), so after 'als' the noun must be plural or follow 'een'. A human
    noun is in no section ('leerlingen zoals Ahmed', 'de mentoren, Kalari en Tellu'); a class noun may open
    the sentence ('Energiedrankjes, zoals ...')."""
    doc = span.doc
    first = min([span.start, *(m.start for m in _members(doc, span.start, span.end) if m.end <= span.start)])
    i = first - 1
    if i > 0 and doc[i].lower_ in ARTICLES:
        i -= 1  # 'zoals de Tellu'
    if i < 1:
        return None
    such = doc[i].lower_ in ("zoals", "als")
    if not such and not (doc[i].text in (",", ":") and first < span.start):
        return None
    noun = doc[i - 2] if such and doc[i - 1].text == "," and i >= 2 else doc[i - 1]
    if not (noun.text.islower() or (noun.text[1:].islower() and opens_sentence(doc, noun.i))):
        return None
    found = class_section(noun.lower_, words, CLASS_SECTIONS, plural=True)  # 'games zoals', 'manen, ...'
    if found is None and (doc[i].lower_ != "als" or (noun.i > 0 and doc[noun.i - 1].lower_ == "een")):
        found = class_section(noun.lower_, words, CLASS_SECTIONS)  # 'een browser als Tellux', 'manen, ...'
    return found


def _former_name(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """An apposition that gives a place's later or present name ('Lutetia, het latere Parijs', 'Byzantium,
    het huidige Istanbul'): a comma, an article, adjectives (no function word), then a place of the lists
    that is no listed name. A person's apposition names a role ('Willem, de latere koning')."""
    doc, end = span.doc, span.end
    if len(folded) != 1 or end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ARTICLES:
        return False
    for token in doc[end + 2:end + 2 + DEFINITION_REACH + 1]:
        if token.text[:1].isupper():
            return _place_word(plain(token.text), words, lists)
        if not (token.is_alpha and token.text.islower()) or token.lower_ in words.closed:
            return False  # an adjective only: not 'Kalari, de oudste uit Utrecht'
    return False


def _foreign_sentence(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """A word in a sentence of another language ('Hvala lijepa, prijatelju!', '¿Qué tal?', 'Viel Spaß und gute
    Reise!'): no listed name, and either the sentence's small words are another language's by
    context_words.txt (`_language_of_sentence`, wherever the span stands; not in a sentence with a greeting or
    a title of salutations.txt or not_names.txt [title]: 'Dear Emma, Kalari will ...'), or the span opens the sentence
    and its small words (not months or other words of not_names.txt) are `FOREIGN_WORDS` or more unknown to
    the model's Dutch word lists and more often unknown than known, or it opens with a Spanish inverted mark
    and holds an unknown word. A name opening a Dutch sentence is followed by Dutch words."""
    doc, start, end = span.doc, span.start, span.end
    if not lists.sets.get("lexicon") or any(lists.named(f) for f in folded):
        return False  # without the model's word lists every word would be foreign
    if _language_of_sentence(_line_sentence(span), words, lists):
        return True
    before = doc[start - 1] if start > 0 else None
    inside = before is not None and before.is_alpha and before.text.islower() \
        and not _dutch(before.lower_, words, lists)
    if not (inside or opens_sentence(doc, start)):
        return False  # a name in a Dutch sentence; 'Vivimos en la Ciudad Nueva' goes on (an unknown word before)
    known = unknown = 0
    first = start
    while first > 0 and doc[first - 1].text not in SENTENCE_ENDS:
        first -= 1
    last = end
    while last < len(doc) and doc[last].text not in SENTENCE_ENDS:
        last += 1
    for token in [*doc[first:start], *doc[end:last]]:
        if token.is_alpha and token.text.islower() and token.lower_ not in words.never:
            if _dutch(token.lower_, words, lists):
                known += 1
            else:
                unknown += 1
    inverted = start > 0 and doc[start - 1].text in ("¿", "¡")
    return (unknown >= FOREIGN_WORDS and unknown > known) or (inverted and unknown > 0)


def _line_sentence(span: Span) -> Span:
    """The sentence around `span`, ended by a sentence mark or a line break (a list item, a heading, a
    table row)."""
    doc, first, last = span.doc, span.start, span.end
    while first > 0 and doc[first - 1].text not in SENTENCE_ENDS and "\n" not in doc[first - 1].text:
        first -= 1
    while last < len(doc) and doc[last].text not in SENTENCE_ENDS and "\n" not in doc[last].text:
        last += 1
    return doc[first:last]


def _language_of_sentence(sentence: Span, words: CheckWords, lists: ModelLists) -> str | None:
    """The language of `sentence` by its small words (session 37): the section of context_words.txt
    ([german-words], [english-words], ...) that holds `FOREIGN_WORDS` or more of its words and more of
    them than the sentence has Dutch words in lower case (of function_words.txt or the model's word lists,
    not of those sections or [shared-words]); None for a Dutch sentence or one too short to tell, and for a
    sentence with a greeting or title (salutations.txt, not_names.txt [title]: 'Liebe Emma', 'Dear Mrs
    Smith'). Worked out once per sentence of a Doc (a table row run together is one sentence with many
    spans), kept in its user_data under plain keys."""
    known = sentence.doc.user_data.setdefault("avgscan_sentence_language", {})
    key = f"{sentence.start}:{sentence.end}"
    if key not in known:
        known[key] = _count_language(sentence, words, lists)
    return known[key]  # type: ignore[no-any-return]


def language_sections(words: CheckWords) -> tuple[str, ...]:
    """The sections of context_words.txt that hold a language's small words."""
    return tuple(s for s in words.context if s.endswith(LANGUAGE_SECTION_END) and s != SHARED_SECTION)


def _count_language(sentence: Span, words: CheckWords, lists: ModelLists) -> str | None:
    """A word of the name lists counts for a language only in lower case or opening the sentence: 'Sen' and
    'Ama' are names too ('The' as well)."""
    if any(plain(t.text) in words.titles for t in sentence):
        return None
    shared = words.context.get(SHARED_SECTION, frozenset())
    sections = language_sections(words)
    counts = dict.fromkeys(sections, 0)
    if not counts:
        return None
    dutch = 0
    for token in sentence:
        word = plain(token.text)
        if word in shared or (not token.text.islower() and lists.named(word)
                              and not opens_sentence(token.doc, token.i)):
            continue
        foreign = [section for section in sections if words.around(section, word)]
        for section in foreign:
            counts[section] += 1
        if not foreign and token.is_alpha and token.text.islower() and _dutch(word, words, lists):
            dutch += 1
    section, most = max(counts.items(), key=lambda kv: kv[1])
    return section if most >= FOREIGN_WORDS and most > dutch else None


def _foreign_calendar(span: Span, words: CheckWords, lists: ModelLists) -> bool:
    """Months and weekdays of other languages (context_words.txt [foreign-calendar], session 38: a Turkish or
    Spanish lesson's 'Pazartesi', 'Şubat, Mart'; the Dutch ones are never names, not_names.txt): every word of
    the span is one, and a word that is also a listed name ('Mart', 'Domingo', 'June') only with another month
    or weekday in the span or right before or after it in a list ('Ocak, Şubat, Mart en Nisan'), so 'Mart'
    alone keeps its chance."""
    doc = span.doc
    texts = [plain(t.text) for t in span if t.text not in CALENDAR_NEIGHBOURS]
    if not texts or not all(words.around("foreign-calendar", w) for w in texts):
        return False
    if len(texts) > 1 or not any(lists.named(w) for w in texts):
        return True  # 'Mart Perşembe': a date's month and weekday
    return _calendar_beside(doc, span.start, -1, words) or _calendar_beside(doc, span.end - 1, 1, words)


def _calendar_beside(doc: Doc, i: int, step: int, words: CheckWords) -> bool:
    """Whether the next word from token `i` in direction `step`, past a list's joiners, is a month or weekday
    (or another word of not_names.txt, whose [calendar] holds the Dutch ones)."""
    i += step
    while 0 <= i < len(doc) and doc[i].text in CALENDAR_NEIGHBOURS:
        i += step
    word = plain(doc[i].text) if 0 <= i < len(doc) else ""
    return bool(word) and (words.around("foreign-calendar", word) or word in words.never)


def _dutch(word: str, words: CheckWords, lists: ModelLists) -> bool:
    """A Dutch word the model's lists or function_words.txt know."""
    return lists.has("lexicon", word) or lists.has("ordinary", word) or word in words.closed


def _heading_function_word(span: Span, words: CheckWords) -> bool:
    """One function word in capitals with capitals words on both sides: a preposition or conjunction of a
    heading ('INVENTARIS PER LOKAAL'), whatever the lists say ('Per' is a first name too)."""
    doc, start, end = span.doc, span.start, span.end
    if end - start != 1 or start == 0 or end >= len(doc):
        return False
    text = doc[start].text

    def capitals(token_text: str) -> bool:
        return len(token_text) > 1 and token_text.isalpha() and token_text.isupper()

    return capitals(text) and plain(text) in words.closed and capitals(doc[start - 1].text) \
        and capitals(doc[end].text)


def _after_language_cell(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """One word right after a capitalised language's name that is no listed name, with no word between (a
    table's bar at most: 'Swahili Maji', 'Swahili | Maji'): the next cell of a table row, a word in that
    language. Not a listed name ('Turks Ahmed' is no Dutch a text writes, but a listed name keeps its
    chance)."""
    doc, start = span.doc, span.start
    j = next_cell(doc, start, -1)
    if len(folded) != 1 or j is None or lists.named(folded[0]):
        return False
    before = doc[j]
    word = plain(before.text)
    return before.text[:1].isupper() and words.kind(word) == "language" and not lists.named(word)


def _members(doc: Doc, start: int, end: int) -> list[Member]:
    """The other members of the enumeration the tokens `start:end` are a member of: runs of capitalised
    words (an article before one is skipped) joined by `JOINERS`, up to `MAX_MEMBERS`
    on either side."""
    found: list[Member] = []
    i = start - 1
    if i >= 0 and doc[i].lower_ in ARTICLES:
        i -= 1
    for _ in range(MAX_MEMBERS):  # leftwards
        if i < 0 or doc[i].lower_ not in JOINERS:
            break
        i -= 1
        if i >= 0 and doc[i].lower_ in JOINERS:  # ', en'
            i -= 1
        j = i
        while j >= 0 and _capitalised(doc[j]):
            j -= 1
        if j == i:
            break
        found.append(Member(j + 1, i + 1))
        i = j
        if i >= 0 and doc[i].lower_ in ARTICLES:
            i -= 1
    k = end
    for _ in range(MAX_MEMBERS):  # rightwards
        if k >= len(doc) or doc[k].lower_ not in JOINERS:
            break
        k += 1
        if k < len(doc) and doc[k].lower_ in JOINERS:
            k += 1
        if k < len(doc) and doc[k].lower_ in ARTICLES:
            k += 1
        m = k
        while m < len(doc) and _capitalised(doc[m]):
            m += 1
        if m == k:
            break
        found.append(Member(k, m))
        k = m
    return found


def _capitalised(token: Token) -> bool:
    """A word of a name-like member: it opens with a capital or a digit ('Coca-Cola', 'iPad' counts through
    its capital inside), or a small letter before a capital ('iDEAL')."""
    text = token.text
    return bool(text) and (text[:1].isupper() or bool(PRODUCT_SHAPE.search(text))) and any(c.isalpha() for c in text)


def _enumeration(span: Span, folded: list[str], words: CheckWords, lists: ModelLists,
                 judged: Container[int] = ()) -> str | None:
    """The label the other members of the span's enumeration share ('' when they share none), or None when
    the span is no member of an enumeration of non-persons. Such an enumeration is closed by 'en' or 'of'
    ('A, B en C'), has two other members or more that are places, languages, organisations, products or
    capitalised ordinary words (the NER's LOC, ORG or MISC spans, the place and language lists,
    abbreviations, product-shaped words, the 'O' list, spans judged no person in an earlier round), two
    more for each member the NER takes for a person (`THINGS_PER_PERSON`), and no member with a listed
    first name or a listed name which is no place ('Schmidt-Ruthenbeck'; 'Bergen' is a town too). The span
    holds no particle or initial, and no listed first name unless every word of it is a place of the lists too
    ('Saba', an island; session 36). One other member is not enough: the NER types a name no list knows as LOC
    or ORG now and then ('Ahmed en Kalarië')."""
    if any(f in PARTICLES or INITIAL.fullmatch(f) for f in folded) or (
            any(lists.has("first", f) for f in folded) and not all(place_word_any(f, words, lists) for f in folded)):
        return None  # 'Fatima', 'H. Van der Plancken': shaped as a person's name; session 36: a first name that is a
        # place of the lists too goes on ('Bonaire, Sint Eustatius en Saba'), its other members must still be things
    doc = span.doc
    members = _members(doc, span.start, span.end)
    if not members:
        return None
    labels = {i: e.label_ for e in doc.ents if (e.start, e.end) != (span.start, span.end)
              for i in range(e.start, e.end)}
    things: Counter[str] = Counter()
    persons = 0
    for member in members:
        kinds = {labels.get(i) for i in range(member.start, member.end)}
        member_words = [plain(doc[i].text) for i in range(member.start, member.end)]
        untagged = not kinds - {None}
        if any(lists.has("first", w) for w in member_words) and not kinds & {"LOC", "ORG", "MISC"}:
            return None  # a first name of the lists ('Fatima en Bali')
        if "PER" in kinds:
            persons += 1  # the NER's, by a name no list holds: outweighed by enough things ('Ram, Stier, ...')
            continue
        if any(lists.named(w) and not place_word_any(w, words, lists) and not (untagged and _dutch(w, words, lists))
               for w in member_words):
            return None  # a listed name that is no place and no Dutch word the NER left alone
            # ('Schmidt-Ruthenbeck'; not 'Bergen', a town too, nor 'Leeuw' in a list of the zodiac)
        label = next((k for k in ("LOC", "ORG", "MISC") if k in kinds), None)
        if label is None and any(i in judged for i in range(member.start, member.end)):
            label = "MISC"  # judged no person in an earlier round
        texts = [doc[i].text for i in range(member.start, member.end)]
        if label is None and _known_thing(texts, words, lists):
            label = "LOC" if all(_place_word(plain(t), words, lists) for t in texts) else "MISC"
        if label is None and all((_dutch(w, words, lists) and not lists.named(w)) or w in words.never
                                 for w in member_words):
            label = "MISC"  # a capitalised Dutch word the NER left alone, or a word of not_names.txt: a class, a
            # title or a sign, no person ('Stier, Kreeft'; 'Weegschaal')
        if label:
            things[label] += 1
    if sum(things.values()) < THINGS_PER_PERSON * (persons + 1) or not _closed_by_conjunction(doc, span, members):
        return None
    label, count = things.most_common(1)[0]
    return label if label in ("LOC", "ORG") and count * 2 > sum(things.values()) else ""


def _closed_by_conjunction(doc: Doc, span: Span, members: list[Member]) -> bool:
    """Whether 'en' or 'of' joins two of the enumeration's members ('A, B en C'): commas alone also join a
    name to its street ('Simon Kalarië, Dorpsstraat 4') or a surname to its first name ('KALARIË, Simon')."""
    first = min([span.start, *(m.start for m in members)])
    last = max([span.end, *(m.end for m in members)])
    return any(t.lower_ in ("en", "of") for t in doc[first:last])


def place_word_any(word: str, words: CheckWords, lists: ModelLists) -> bool:
    """A place of the lists, listed name or not ('Bergen')."""
    return word in words.places or words.proper.get(word) == "place" or lists.has("place", word)


def _place_word(word: str, words: CheckWords, lists: ModelLists) -> bool:
    return bool(word) and not lists.named(word) and (
        word in words.places or words.proper.get(word) == "place" or lists.has("place", word))


def _known_thing(texts: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """A member the lists explain: every word a place or a language or people that is no listed name, or
    an abbreviation, or a word written as products are."""
    if any(PRODUCT_SHAPE.search(t) for t in texts) or all(abbreviation(t) for t in texts):
        return True
    return all(_place_word(plain(t), words, lists)
               or (words.kind(plain(t)) in ("language", "people", "adjective") and not lists.named(plain(t)))
               for t in texts)  # session 31: adjectives too ('de Japanse, Tellse en Thaise keuken')


def _after_article_de(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """Right after the article 'de' (lower case, or 'De' opening a sentence): 'door de Donau', 'De Mekranto
    is droog'. Dutch writes a person's name without an article; 'de' belongs to a surname after a
    capitalised word ('Jan de Vries', 'Karel de Grote'), a title ('mevrouw de Jong'), 'van' ('van de
    Berg') or a particle after a first name ('Jan op de Beeck'), and a listed name after 'de' keeps its
    chance ('dat de Vries komt')."""
    doc, start = span.doc, span.start
    if start == 0 or doc[start - 1].lower_ != "de" or folded[0] in PARTICLES:
        return False
    de = doc[start - 1]
    if de.text != "de" and not (de.text == "De" and opens_sentence(doc, start - 1)):
        return False
    if any(lists.named(f) for f in folded):
        return False
    if start >= 2:
        prev = doc[start - 2]
        if prev.lower_ in SURNAME_PREFIX_BEFORE_DE or plain(prev.text) in words.titles:
            return False
        if prev.text[:1].isupper() and prev.is_alpha and not (
                opens_sentence(doc, start - 2) and prev.lower_ in words.closed):
            return False  # 'Jan de Vries', 'zegt Karel de Grote'; not 'Door de Donau' opening a sentence
        if prev.lower_ in PARTICLES and start >= 3 and doc[start - 3].text[:1].isupper() \
                and not opens_sentence(doc, start - 3):
            return False
    return True
