"""The pipeline's check of the NER's PER spans: vocabulary that explains a span as no person.

Why (issue 18, session 28): on Dutch prose that names no one, the statistical NER still calls some
capitalised words persons: a month, a Roman numeral or a single letter in a heading, an abbreviation,
an ordinary word that a sentence start or a heading in capitals capitalises, a province, an
organisation, a disease named after its first describer; and (session 28b, on prose written after the
rules) a continent, river or sea, a language or a people, a planet, God or a feast, a law named after a
scientist ('wet van Pascal'). Retraining moves such errors around (seeds
differed by up to 10 false names per 100 000 characters in session 27); a rule about vocabulary takes
a class out for good and costs no training. Each rule holds for any Dutch text, and all vocabulary is
data: the files of config/lexicons the scanner's name evidence reads too (named in the component's
config in `config/nlp/nl_school/config.cfg`) and the model's own lists (`components.flag_lists`: the
first names, surnames, places and ordinary words the NER was trained with, already in memory). Since
session 28b also `proper_nouns.txt` (places, languages, peoples and their adjectives from OpenTaal, CLDR
and GeoNames, built by training/proper_nouns.py) and `place_heads.txt` (nouns that end a place's name).
Since session 29 (on prose-heldout4, spent as a held-out measure: its names of God in other languages,
holy books, stars, greetings, languages that are first names, foreign places and products) the closed
classes of not_names.txt [religion] [scripture] [star] [greeting] and `context_words.txt`: words around a
capitalised word that tell a language used as one ('in het Frans', 'Frans, Duits en Engels'), a place
('de regio', 'het meer van'), a star, a product line; and structural rules for table cells run together,
product names and the article 'het', each with the name it leaves alone. Session 30 (developed on the spent
prose-heldout5) adds the words around a span that no earlier rule explains (`config/nlp/person_context.py`:
enumerations of non-persons, the article 'de', quantifiers, class nouns and definitions, gods, foreign
sentences, a function word in a heading, a word after a language in a table row), a second judging round so
an enumeration sees its members as judged, table rows of languages, countries both place lists know,
'-ië' after a preposition and place heads that end a compound whatever its first part. Session 31 (developed
on the spent prose-heldout5 and -heldout6): class nouns as a compound's head and before 'zoals'/'als' or a list
(person_context.py), the shape around a span (`config/nlp/person_layout.py`: a species' Latin name, a numbered
heading, a heading in capitals of Dutch words) and a table column whose header names a class
(`config/nlp/person_table.py`; `judge_columns` lets the scanner apply it to the whole text).

A real name is protected four ways: a title or salutation right before the span keeps it a person
('mevrouw Kampen', 'Beste Storm'), and so does ', Firstname' after a span in capitals ('HOBBS, Seth', as
school lists write surnames); a word of the model's first-name or surname lists is never taken for an
ordinary word, a function word, a place, an organisation word or an abbreviation ('Vissers', 'Storm',
'Per'); and ordinary words alone count only where Dutch capitalises them anyway, at the start of a
sentence or in a heading in capitals. Only the words of not_names.txt (months, weekdays, feasts, God,
the planets, legal and document words, titles) are no name on their own whatever the lists say
('April', 'Vrijdag', 'Mars'), as the scanner has always judged them, and so is one word after 'wet van'
or 'stelling van' ('wet van Pascal'); a people's name overrides a surname listing only alone, without a
particle and outside the patronymics in -sen ('Grieken'; not 'Van Grieken', 'Fransen').

The component runs with the NER in the scanner's second pass (scanner/detection/nlp_engine.py) and
loads with plain `spacy.load` through the `spacy_factories` entry point of pyproject.toml.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from config.nlp.check_tokens import (
    COORDINATORS,
    INITIALS,
    PARTICLES,
    PREPOSITIONS,
    abbreviation,
    in_capitals,
    next_cell,
    opens_sentence,
    plain,
)
from config.nlp.check_words import (
    NO_LISTS,
    CheckWords,
    ModelLists,
    read_check_words,
)
from config.nlp.components import flag_layer, flag_lists
from config.nlp.person_context import PRODUCT_SHAPE, context_reason, place_word_any
from config.nlp.person_layout import ROMAN_NUMBER, layout_reason
from config.nlp.person_table import column_class, column_label

FACTORY = "avgscan_person_check"
PIPE = "person_check"
"""The component's name in the shipped pipeline (after 'ner', before 'lemmatizer')."""

ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,4})")
DISEASE_BEFORE = re.compile(r"(?:\b[Mm]\.|\b(?i:morbus)|\b(?i:ziekte|syndroom) van(?: \w+){0,3})\s*$")
MORBUS = frozenset({"m.", "morbus"})
MODEL_CODE = re.compile(r"[A-Z]{1,3}\d{2,4}[A-Za-z+]*")
"""A product model's code ('H390', 'L14', 'T450s'): capitals first, then digits."""
PLACE_PREPOSITIONS = frozenset({"in", "op", "uit", "naar", "bij", "aan", "over", "met", "door", "tot", "onder",
                                "rond", "langs"})
"""Prepositions that take a place ('op Sardinië', session 30) though a surname's particle may be written so too;
'van', 'de', 'der', 'den', 'te', 'ten', 'ter' stay out ('van Bourgondië')."""
OPEN_PART = 3
"""The shortest first part before a noun of place_heads.txt [open] ('Trollvikfjord'; not a bare 'Fjord')."""
PASSIVE_REACH = 6
"""How many words after 'wordt' the participle of a language's verb may come ('Frans wordt in vijf landen
gesproken'); a clause's comma or full stop ends the search."""
JUDGING_ROUNDS = 2
"""How often the check judges a text's PER spans: a second round lets enumerations use the first's verdicts."""
COMPASS = frozenset({"noord", "zuid", "oost", "west", "midden", "centraal", "noordoost", "noordwest", "zuidoost",
                     "zuidwest"})
"""The first part of a place with a compass point ('Noord-Amerika', 'Zuidoost-Azië')."""
PLACE_ARTICLES = frozenset({"de", "het", "den", "'t"})
"""Particles that open a place's name as its article ('De Meerkoet', 'Den Helder'), not only a surname's."""
PLACE_PHRASE_REACH = 3
"""How many words before or after a PER span a longer place's name may reach ('Dar es [Salaam]')."""
SHIPPED_CHECK_FILES = {"proper_nouns": "proper_nouns.txt", "place_heads": "place_heads.txt",
                       "context_words": "context_words.txt", "places": "places.txt,world_cities.txt"}
"""The lexicons the shipped pipeline's check reads besides the defaults (training/train_ner.py adds the
component with them, so a retrain keeps them); since session 36 the world's multi-word cities beside
places.txt (training/proper_nouns.py writes them)."""




def surname_first(doc: Doc, end: int) -> bool:
    """A list entry 'HOBBS, Seth': a comma and a Capitalised word after the span (school lists write the
    surname in capitals first)."""
    return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text[:1].isupper()


class PersonCheck:
    """Drops or retypes the NER's PER spans that `why_no_person` explains."""

    def __init__(self, nlp: Language, name: str, words: CheckWords) -> None:
        self.nlp = nlp
        self.name = name
        self.words = words
        self._layer: Any = None

    def lists(self) -> ModelLists:
        """The model's lists, read from the tok2vec's flag layer once it is loaded (the layer is found once;
        `flag_lists` follows a reload of its weights)."""
        if self._layer is None:
            self._layer = flag_layer(self.nlp) or False
        if not self._layer:
            return NO_LISTS
        sets, compounds = flag_lists(self._layer)
        return ModelLists(sets, compounds)

    def __call__(self, doc: Doc) -> Doc:
        """Judge every PER span; then, if that changed something, judge the PER spans left once more, so an
        enumeration sees its other members as judged ('de Donau, de Morvanwoestijn en Sumbara': the second
        is a place by its own words, the third then by its list; session 30)."""
        if not any(e.label_ == "PER" for e in doc.ents):
            return doc
        lists = self.lists()
        judged: set[int] = set()
        for _ in range(JUDGING_ROUNDS):
            kept = []
            changed = False
            for ent in doc.ents:
                verdict = why_no_person(ent, self.words, lists, judged) if ent.label_ == "PER" else None
                if verdict is None:
                    kept.append(ent)
                    continue
                changed = True
                judged.update(range(ent.start, ent.end))
                if verdict.label:
                    kept.append(Span(doc, ent.start, ent.end, label=verdict.label))
            doc.set_ents(kept, default="outside")
            if not changed or not any(e.label_ == "PER" for e in doc.ents):
                break
        return doc


    def judge_columns(self, doc: Doc, text: str | None = None) -> None:
        """Drop or retype the PER spans of `doc` that sit in a table column headed by a class of things,
        organisations or places (config/nlp/person_table.py). Why (session 31): the scanner runs the NER
        over windows of a text (scanner/detection/ner_gate.py), so a table row reaches the check without its
        header; the scanner calls this on the whole text once the windows' entities are in it, and gives
        that text (`text`), which is read once here and not at all when it holds no table bar."""
        text = doc.text if text is None else text
        if "|" not in text:
            return
        kept = []
        changed = False
        for ent in doc.ents:
            section = None
            if ent.label_ == "PER" and not (ent.start > 0 and plain(doc[ent.start - 1].text) in self.words.titles):
                section = column_class(ent, self.words, text)
            if section is None:
                kept.append(ent)
                continue
            changed = True
            label = column_label(section)
            if label:
                kept.append(Span(doc, ent.start, ent.end, label=label))
        if changed:
            doc.set_ents(kept, default="outside")


@dataclass(frozen=True)
class Verdict:
    """Why a PER span is no person, and the label it gets instead (None: no entity at all)."""

    reason: str
    label: str | None = None


def why_no_person(span: Span, words: CheckWords, lists: ModelLists = NO_LISTS,
                  judged: Container[int] = ()) -> Verdict | None:
    """Why `span`, a PER span of the NER, is no person; None when it may be one. The rules, in order:

    - a title or salutation right before it ('mevrouw Kampen', 'Beste Storm'), or a span in capitals
      followed by ', Firstname' ('HOBBS, Seth'): a person, whatever the words;
    - only words that are never a name on their own (not_names.txt: months, weekdays, legal and document
      words, a law's compound), numbers, Roman numerals, letters without a full stop, or one function
      word that is no listed name: dropped ('Hoofdstuk IV', 'CCCX MDCCC', 'Daarom'; not 'T.C. de Werd');
    - a letter with a full stop right after such a word: a numbering, dropped ('Bijlage A.'; not the
      initial in 'Thomas L. Friedman');
    - a disease's describer after 'ziekte van', 'syndroom van', 'M.' or 'morbus', or in a text that
      names the disease so: dropped ('Marfan'; not 'de ziekte van Fatima');
    - one word after 'van' and a law's noun (not_names.txt [eponym]: 'wet', 'wetten', 'stelling',
      'schaal'): dropped ('wet van Pascal'; not 'de tas van Pascal', 'de wet van Koning Lodewijk');
    - an organisation word heading the span that is no listed name: ORG ('Inspectie van het Onderwijs';
      not 'Karla Bond');
    - a place of places.txt, or only words of the model's place list or of proper_nouns.txt [place] that
      are no listed name and no particle: LOC ('Limburg', 'Drenthe Assen', 'Azië'; not 'Van Diepenbeek');
      or a span ending in a noun of place_heads.txt, after an adjective or as a compound's end after a
      known word, with no particle and no listed name: LOC ('Kaspische Zee', 'Zeelandbrug'; not 'Begoña
      Dam', 'Oskar van Aalsmeer', 'Saydam');
    - only languages, peoples and their adjectives of proper_nouns.txt that are no listed name, or one
      people's name the lists know only as a surname, alone, without a particle, not in -sen: dropped
      ('Latijn', 'Romeinen', 'Braziliaans', 'Grieken'; not 'Frans', 'Van Grieken', 'Fransen');
    - session 29: a word for a star right before it ('de rode reus Antares'; not 'de rijzende ster Polo
      Montanez'): dropped (this rule comes before the organisation rule);
    - session 29: a place by its context (context_words.txt: 'de regio Bretagne', 'het meer van Garda', a
      land's name in -ië, one word joined by 'en'/'of' to a place: 'Java en Bali'; not 'Fatima en Bali',
      'van Kalarië'): LOC;
    - session 29: table cells run together (two words or more, no particle, no listed first name, the
      first a place or language, or two of them, or one after an abbreviation: 'India Hindi', 'EUR
      Duitsland'; not 'Myriam Holland'), a brand's product line ('Zitmaker Classic', 'PowerPoint', a
      word before a model's code 'Soundo H390'; not 'Mud Max', 'ObaniJesu'): dropped;
    - session 29: a language or people that is a listed name too, used as one (in a list with another of
      its class or a school subject, after 'het' or a language noun, before 'spreken' or 'gesproken', a
      heading 'FRANS'; not 'Frans vertelde', 'meester Frans', 'Frans de Vries'): dropped;
    - session 29: right after the article 'het' opening a phrase ('in het Sranan'; not 'is het Mickael
      zelf', 'Van het Reve'): dropped;
    - ordinary words (the 'O' list: OpenTaal words never written as a proper noun, and compounds of them
      as long as the model's compound flag asks) that are no listed name, opening a sentence or written
      in capitals: dropped ('Cellen', 'VACATURES'; not 'Daar groeien Cellen'); such a compound also
      elsewhere ('start Kinderboekenweek');
    - a known word opening a sentence right before a subject pronoun: a verb, dropped ('Bent u');
    - only abbreviations that are no listed name: dropped ('ISAE', 'GB RAM', 'Wlz');
    - session 31: a cell of a table column whose header names a class ('| Merk en type |'; not '| Naam |');
    - session 30: the words around it (person_context.py); session 31 last: its shape (person_layout.py), since
      session 34 also items of an enumeration joined like an inverted name ('Franken, Friezen en Saksen')."""
    doc = span.doc
    if span.start > 0 and plain(doc[span.start - 1].text) in words.titles:
        return None
    tokens = [t for t in span if not t.is_punct or t.text in ("&",)]
    if not tokens:
        return Verdict("leeg")
    texts = [t.text for t in tokens]
    if in_capitals(texts) and surname_first(doc, span.end) and not ROMAN_NUMBER.fullmatch(texts[0]):
        return None  # 'HOBBS, Seth'; not a numbered heading 'II. CELLEN, WEEFSELS' (session 31)
    if all(_never_a_name(t, words, lists, alone=len(texts) == 1) for t in texts):
        return Verdict("geen naamwoord")
    if len(texts) == 1 and INITIALS.fullmatch(texts[0]) and span.start > 0 \
            and plain(doc[span.start - 1].text) in words.never:
        return Verdict("nummering")  # 'Bijlage A.', 'Stap C.': a letter numbering a part, not an initial
    if len(texts) == 2 and len(texts[0]) == 2 and INITIALS.fullmatch(texts[0]) and plain(texts[1]) in words.closed \
            and not lists.named(plain(texts[1])):
        return Verdict("nummering")  # session 38: 'C. Het heeft ...', a lettered item; no surname is a function word
    if _eponym(span, texts, words):
        return Verdict("ziekte")
    if _law(span, words):
        return Verdict("wet van")
    if span.start > 0 and words.around("sky-before", doc[span.start - 1].lower_):
        return Verdict("ster")  # 'de rode reus Antares'; not 'de rijzende ster Polo Montanez'
    folded = [plain(t) for t in texts]
    if folded[0] in words.organisation and not lists.named(folded[0]):
        return Verdict("organisatie", "ORG")  # the head comes first: 'Inspectie van het Onderwijs'; not 'Karla Bond'
    if _place(span, folded, words, lists) or _named_place(folded, words, lists) \
            or _place_context(span, folded, words, lists):
        return Verdict("plaats", "LOC")
    content = [t for t in texts if t.casefold() not in PARTICLES]
    if _table_cells(texts, folded, words, lists):
        return Verdict("tabelcellen")
    if _product(span, texts, folded, words, lists):
        return Verdict("product")
    if content and all(words.kind(plain(t)) in ("language", "people", "adjective") for t in content) and (
            not any(lists.named(plain(t)) for t in content) or _alone_surname(span, folded, words, lists)):
        return Verdict("taal of volk")
    if _languages_in_context(span, words, lists) or _in_language_list(span, folded, words, lists):
        return Verdict("taal in context")
    if _after_neuter_article(span):
        return Verdict("na het")
    if content and texts[0] == content[0] and texts[-1] == content[-1] \
            and all(plain(t) and not lists.named(plain(t)) and lists.ordinary(plain(t)) for t in content):
        if opens_sentence(doc, span.start) or in_capitals(content):
            return Verdict("gewoon woord")
        if len(content) == 1 and lists.compounds and len(plain(content[0])) >= lists.compounds \
                and not lists.has("ordinary", plain(content[0])):
            return Verdict("samenstelling")
    if len(texts) == 1 and span.end < len(doc) and plain(doc[span.end].text) in words.pronouns \
            and lists.has("lexicon", folded[0]) and opens_sentence(doc, span.start):
        return Verdict("werkwoord")
    if len(content) == len(texts) and all(abbreviation(t) and not lists.named(t.casefold()) for t in texts):
        return Verdict("afkorting")
    column = column_class(span, words)  # session 31: a table column headed by a class ('| Merk en type |')
    if column is not None:
        return Verdict("tabelkolom", column_label(column))
    around = context_reason(span, folded, words, lists, judged)  # session 30: the words around it
    if around is not None:
        return Verdict(*around)
    shape = layout_reason(span, folded, words, lists)  # session 31: a species' name, a numbered heading
    return None if shape is None else Verdict(shape)


def _never_a_name(text: str, words: CheckWords, lists: ModelLists, alone: bool) -> bool:
    word = plain(text)
    numeral = text.rstrip(".")
    if not word or word.isdigit() or ROMAN.fullmatch(numeral) and (len(numeral) > 1 or numeral == text):
        return True  # 'IV', 'MDCCC', 'C'; but 'L.' and 'M.' are initials
    if len(word) == 1 and word.isalpha() and not text.endswith("."):
        return True  # a letter without a full stop ('Opdracht B', 'vitamine C'); 'J.' is an initial
    if word in words.never or word.replace("\u0307", "") in words.never \
            or any(word.endswith(end) and len(word) > len(end) for end in words.law_ends):
        return True
    return alone and word in words.closed and not lists.named(word)  # 'Daarom'; not 'De Werd'


def _eponym(span: Span, texts: list[str], words: CheckWords) -> bool:
    """'M. Crohn', 'Morbus Crohn', 'ziekte van Pfeiffer', or 'Marfan' in a text naming the 'syndroom van Marfan'."""
    rest = texts[1:] if texts[0].casefold() in MORBUS and len(texts) > 1 else texts
    name = " ".join(plain(t) for t in rest)
    if name not in words.eponyms:
        return False
    text = span.doc.text
    if rest is not texts or DISEASE_BEFORE.search(text[max(0, span.start_char - 40):span.start_char]):
        return True
    return re.search(rf"\b(?:ziekte|syndroom) van (?:\w+ ){{0,3}}{re.escape(name)}\b", text, re.IGNORECASE) is not None


def _alone_surname(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """A people's name that the lists know only as a surname (a part of one: 'van Grieken'), alone with no
    particle before it: a surname is not written so, a people is ('Grieken en Romeinen'). Not a language
    ('Engels' is a surname too), nor a plural in -sen, which Dutch patronymics share ('Fransen'), nor a
    first name ('Frans')."""
    doc = span.doc
    word = folded[0]
    return len(folded) == 1 and words.proper.get(word) == "people" and not word.endswith("sen") \
        and not lists.has("first", word) and not (span.start > 0 and doc[span.start - 1].lower_ in PARTICLES)


def _used_as(doc: Doc, i: int, kind: str, words: CheckWords, lists: ModelLists) -> bool:
    """Whether token `i`, a language's or a people's name ('language', 'people'), is used as one: in a list
    with another of its class ('Frans, Duits en Engels', 'Grieken en Romeinen'); a language also with a
    school subject ('aardrijkskunde en Frans'), after 'het' ('in het Frans'; not 'Van het Reve'), after a
    language noun ('les Frans') or an adjective of a place ('Belgisch Frans'), or before one ('Frans spreken', 'Frans
    wordt gesproken')."""
    for j, step in ((i - 1, -1), (i + 1, 1)):
        cell = next_cell(doc, i, step)
        if cell is not None and _language_cell(doc[cell].text, kind, words, lists):
            return True  # session 30: a table row 'Frans Duits Spaans', 'Frans Frankrijk'
        k = j + step
        if 0 <= k < len(doc) and doc[j].lower_ in COORDINATORS:
            other = doc[k]
            if (other.text[:1].isupper() and words.kind(plain(other.text)) == kind) \
                    or (kind == "language" and words.around("subject", other.lower_)):
                return True
    if kind != "language":
        return False
    before = doc[i - 1].lower_ if i > 0 else ""
    if words.around("language-before", before) and not (before == "het" and i > 1 and doc[i - 2].lower_ == "van"):
        return True
    if i > 0 and doc[i - 1].text[:1].isupper() and not doc[i - 1].lower_.endswith("e") \
            and words.kind(plain(doc[i - 1].text)) == "adjective":
        return True  # session 38: a variety, 'Belgisch Frans' (a language is neuter: the adjective takes no -e;
        # 'de Belgische Frans' is a person)
    if before in PREPOSITIONS and _parallel_language(doc, i, before, words, lists):
        return True  # session 30: 'voor Frans ..., voor Spaans ...'

    after = [t.lower_ for t in doc[i + 1:i + 3]]
    if after and words.around("language-after", after[0]):
        return True
    if not after or after[0] not in ("wordt", "worden", "werd", "is"):
        return False
    for token in doc[i + 2:i + 2 + PASSIVE_REACH]:  # 'Frans wordt op vijf continenten gesproken' (session 30)
        if token.is_punct:
            return False
        if words.around("language-after", token.lower_):
            return True
    return False


def _parallel_language(doc: Doc, i: int, preposition: str, words: CheckWords, lists: ModelLists) -> bool:
    """The same preposition before another language that is no listed name elsewhere in the text, as a
    parallel phrase ('Voor Frans is dat het DELF, voor Spaans het DELE'; not 'voor Frans en voor Amira')."""
    for j in range(len(doc) - 1):
        nxt = doc[j + 1]
        if j != i - 1 and doc[j].lower_ == preposition and nxt.text[:1].isupper() \
                and words.kind(plain(nxt.text)) == "language" and not lists.named(plain(nxt.text)):
            return True
    return False


def _language_cell(text: str, kind: str, words: CheckWords, lists: ModelLists) -> bool:
    """A neighbouring cell of a table row of languages: a capitalised language that is no listed name, or a
    country both place lists know (`_territory`), right next to a language's name with no word between."""
    word = plain(text)
    return kind == "language" and text[:1].isupper() and not lists.named(word) and (
        words.kind(word) == "language" or _territory(word, words, lists))


def _in_language_list(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """One word no list knows, in a list with a language that is no listed name ('Nederlands, Tarifit en
    Turks'): a language too. Not beside 'Engels' or 'Frans', which are names as well ('Engels en
    Yara')."""
    doc, start, end = span.doc, span.start, span.end
    if len(folded) != 1 or words.kind(folded[0]) or lists.named(folded[0]) or lists.has("place", folded[0]):
        return False
    for j, k in ((start - 1, start - 2), (end, end + 1)):
        if 0 <= k < len(doc) and 0 <= j < len(doc) and doc[j].lower_ in COORDINATORS:
            other = plain(doc[k].text)
            if doc[k].text[:1].isupper() and words.kind(other) == "language" and not lists.named(other):
                return True
    return False


def _languages_in_context(span: Span, words: CheckWords, lists: ModelLists) -> bool:
    """A span of languages or peoples (with places or adjectives of proper_nouns.txt) whose every listed
    name is a language or people used as one (`_used_as`), or a heading in capitals of one language: not
    'Frans vertelde', 'meester Frans' (a title keeps it), 'Frans de Vries' (no language)."""
    content = [t for t in span if not t.is_punct and t.lower_ not in PARTICLES]
    classes = [words.kind(plain(t.text)) for t in content]
    if not content or not {"language", "people"} & set(classes) or not all(
            c in ("language", "place", "people", "adjective") for c in classes):
        return False
    if not any(lists.named(plain(t.text)) for t in content):
        return False  # no listed name: the rule for languages and peoples alone judges
    if len(content) == 1 and classes[0] == "language" and in_capitals([content[0].text]):
        return True  # a heading 'FRANS' ('HOBBS, Seth' is kept before)
    return all(not lists.named(plain(t.text))
               or (c in ("language", "people") and _used_as(span.doc, t.i, c, words, lists))
               for t, c in zip(content, classes, strict=True))


def _after_neuter_article(span: Span) -> bool:
    """Right after the neuter article 'het' that opens a phrase, at the start of a clause or after a
    preposition ('in het Sranan', 'bij het Ruhrgebied', ', het Rampjaar,'): Dutch puts no article before
    a person's name, and 'het' takes languages, regions, buildings and works. Not the pronoun 'het' after a
    verb ('is het Mickael zelf'), not a surname 'Van het Reve'."""
    doc, start = span.doc, span.start
    if start == 0 or doc[start - 1].lower_ != "het":
        return False
    return start == 1 or doc[start - 2].is_punct or doc[start - 2].lower_ in PREPOSITIONS


def _place_context(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """A place by the words around it: a noun or adjective of context_words.txt [place-before] right before
    it ('de regio Bretagne', 'de westelijke Algarve'), a noun of nature and 'van' ('het meer van Genève'),
    or one word in a list joined by 'en'/'of' with a place no listed name ('Java en Bali': 'Bali' is a first
    name of the lists too; 'de Sahara, de Gobi'); never a span that opens with a particle ('Van
    Diepenbeek') but for an article after a place's noun ('sporthal De Meerkoet')."""
    doc, start, end = span.doc, span.start, span.end
    before = doc[start - 1].lower_ if start > 0 else ""
    if words.around("place-before", before) and (folded[0] not in PARTICLES or folded[0] in PLACE_ARTICLES):
        return True  # session 38: also a place's name with its article ('sporthal De Meerkoet', 'het dorp De Rijp')
    if folded[0] in PARTICLES:
        return False
    if before == "van" and start > 1 and words.around("place-of", doc[start - 2].lower_):
        return True
    if len(folded) != 1:
        return False

    def known(k: int) -> bool:
        text = doc[k].text
        word = plain(text)
        return text[:1].isupper() and bool(word) and not lists.named(word) and (
            word in words.places or words.proper.get(word) == "place" or lists.has("place", word))

    if (before not in PARTICLES or before in PLACE_PREPOSITIONS) and folded[0].endswith("ië") \
            and len(folded[0]) >= 5 and not lists.named(folded[0]):
        return True  # 'Aquitanië', 'Anatolië': Dutch names of lands and regions; not 'van Bourgondië'
    if start >= 2 and before in ("en", "of") and known(start - 2):
        return True
    if start >= 3 and before in ("de", "het") and doc[start - 2].lower_ in COORDINATORS and known(start - 3):
        return True
    return end + 1 < len(doc) and doc[end].lower_ in ("en", "of") and known(end + 1)


def _table_cells(texts: list[str], folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """Cells of a table row run together ('Andes Zuid-Amerika Peru', 'India Hindi'): two words or more,
    no particle, no listed first name and no listed surname after the first word ('Oman Jansen'), the
    first word or two of them a place or language of proper_nouns.txt or the model's place list that is no
    listed name, or one after an abbreviation ('EUR Duitsland': a currency's code in one cell, the next
    row's country in the next), or a place with a compass point ('Andes Zuid-Amerika': no surname is
    written so). One such word last is a surname after a first name no list holds ('Myriam Holland',
    'Anne Seymour')."""
    if len(texts) < 2 or any(f in PARTICLES or lists.has("first", f) for f in folded) \
            or any(lists.has("surname", f) for f in folded[1:]):
        return False  # 'Oman Jansen': a first name the lists keep as a country only, before a surname
    known = [not lists.named(f) and (words.kind(f) in ("place", "language") or lists.has("place", f))
             for f in folded]
    compass = any(k and f.split("-")[0] in COMPASS and "-" in f for k, f in zip(known, folded, strict=True))
    if known[0] or sum(known) >= 2 or compass or (abbreviation(texts[0]) and any(known)):
        return True
    # session 30: a country or region both lists know last ('Drakens Mongolië'; 'Holland' is on one list only,
    # so 'Myriam Holland' stays), or a language that is no listed name after the first word ('Maji Swahili')
    return _territory(folded[-1], words, lists) or any(
        words.kind(f) == "language" and not lists.named(f) for f in folded[1:])


def _territory(word: str, words: CheckWords, lists: ModelLists) -> bool:
    """A country or region: on the model's place list and in proper_nouns.txt [place] (CLDR, GeoNames,
    OpenTaal), and no listed name. No held-out surname of the name pools is such a word (session 30)."""
    return lists.has("place", word) and words.proper.get(word) == "place" and not lists.named(word)


def _product(span: Span, texts: list[str], folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """A brand and its product line (a word of context_words.txt [product] last, 'Basic', 'Kids', and no
    listed name in the span: not 'Mud Max'; alone right after a capitalised word: 'Blokko Essential'),
    a word written as products are ('PowerPoint', 'iPad': `PRODUCT_SHAPE`), or one word right before a model's code
    ('Zenix T450', `MODEL_CODE`; a class is written '8B', digits first)."""
    if any(lists.named(f) for f in folded):
        return False  # not the listed first name 'ObaniJesu'
    if any(PRODUCT_SHAPE.search(t) for t in texts):
        return True
    doc, start, end = span.doc, span.start, span.end
    if len(texts) == 1 and end < len(doc) and MODEL_CODE.fullmatch(doc[end].text):
        return True
    if not words.around("product", folded[-1]):
        return False
    return len(texts) >= 2 or (start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha)


def _named_place(folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """The span ends in a noun that ends a place's name: as its own word after an adjective ('Kaspische
    Zee', 'Zwarte Woud'; not 'Begoña Dam') or as the end of a compound whose first part is a known word or
    place ('Noordzee', 'Brouwersdam', 'Waterloopbos'); it holds no particle and no listed name ('Oskar van
    Aalsmeer'; 'Saydam': 'say' is no word)."""
    last = folded[-1]
    if not words.place_heads or any(f in PARTICLES or lists.named(f) for f in folded):
        return False
    if last in words.place_heads:
        return len(folded) > 1 and _adjective(folded[-2], lists)
    if last.isalpha() and any(last.endswith(head) and len(last) - len(head) >= OPEN_PART for head in words.open_heads):
        return True  # session 30: 'Morvanwoestijn', 'Trollvikfjord'
    return last.isalpha() and any(last.endswith(head) and _known_part(last[:-len(head)], lists)
                                  for head in words.place_heads)


def _adjective(word: str, lists: ModelLists) -> bool:
    """An inflected adjective before a place's noun: a geographic one ('kaspische', 'middellandse') or a
    known word ending in -e ('zwarte', 'dode')."""
    return word.endswith(("ische", "sche", "se")) or (word.endswith("e") and (
        lists.has("lexicon", word) or lists.has("ordinary", word)))


def _known_part(part: str, lists: ModelLists) -> bool:
    """The first part of a compound: a word of the lexicon, ordinary or place lists of four letters or
    more, perhaps with the linking 's' ('brouwers', 'noord', 'waterloop')."""
    options = [part, part[:-1]] if part.endswith("s") else [part]
    return any(len(p) >= 4 and (lists.has("lexicon", p) or lists.has("ordinary", p) or lists.has("place", p))
               for p in options)


def _law(span: Span, words: CheckWords) -> bool:
    """'wet van Pascal', 'wetten van Mendel', 'stelling van Pythagoras', 'wet van Gay-Lussac': one word
    right after 'van' and a word of not_names.txt [eponym]. A law is named after a scientist, whatever the
    name lists say; 'de tas van Pascal' keeps its person, and so does a decree of a king ('de wet van
    Koning Lodewijk Napoleon': more than one word)."""
    doc = span.doc
    i = span.start
    if doc[i].lower_ == "van" and len(span) > 1:
        i += 1
    return span.end - i == 1 and i >= 2 and doc[i - 1].lower_ == "van" and plain(doc[i - 2].text) in words.laws


def _place(span: Span, folded: list[str], words: CheckWords, lists: ModelLists) -> bool:
    """places.txt or world_cities.txt has the span ('Den Haag', 'Buenos Aires') or places.txt every word
    ('Drenthe'), or every word is on the model's place list or in the [place] class of proper_nouns.txt
    ('Azië', 'Scandinavië') and no listed name ('Assen')."""
    if span.text.casefold() in words.places or _in_place_phrase(span, words, lists):
        return True
    if folded[0] in PARTICLES:
        return False  # 'Van Diepenbeek', 'De Bilt' only as a whole place of places.txt
    return all(f and f not in PARTICLES and (f in words.places or (
        (lists.has("place", f) or words.proper.get(f) == "place") and not lists.named(f))) for f in folded)


def _in_place_phrase(span: Span, words: CheckWords, lists: ModelLists) -> bool:
    """Part of a longer place of places.txt or world_cities.txt as the text writes it, the NER's span taking
    only some of its words (session 38: 'Dar es [Salaam]', '[São] Paulo'), with the span's words outside it
    places too (table cells run together: 'São [Paulo Brazilië]')."""
    doc, start, end = span.doc, span.start, span.end
    for a in range(max(0, start - PLACE_PHRASE_REACH), end):
        if doc[a].text.casefold() not in words.place_firsts:
            continue
        for b in range(max(a + 2, start + 1), min(len(doc), end + PLACE_PHRASE_REACH) + 1):
            if (a >= start and b <= end) or doc[a:b].text.casefold() not in words.places:
                continue
            rest = [plain(t.text) for t in span if not a <= t.i < b and t.is_alpha]
            if all(place_word_any(f, words, lists) for f in rest):
                return True
    return False


@Language.factory(FACTORY, default_config={
    "never_names": "not_names.txt", "closed_class": "function_words.txt", "salutations": "salutations.txt",
    "organisation": "organisation_words.txt", "places": "places.txt", "eponyms": "special_categories.tsv",
    "proper_nouns": "", "place_heads": "", "context_words": ""})
def make_person_check(nlp: Language, name: str, never_names: str, closed_class: str, salutations: str,
                      organisation: str, places: str, eponyms: str, proper_nouns: str,
                      place_heads: str, context_words: str) -> PersonCheck:
    """spaCy factory: the lexicon files are named relative to config/lexicons. `proper_nouns` and
    `place_heads` are empty in pipelines saved before session 28b, `context_words` in those saved before
    session 29 (their check then knows none of them)."""
    return PersonCheck(nlp, name, read_check_words(never_names, closed_class, salutations, organisation, places,
                                                   eponyms, proper_nouns, place_heads, context_words))
