"""Whether a PERSON span of the NER has any evidence of being a name, on ordinary Dutch prose.

The statistical NER reads a capitalised word in an unusual place as a name: a law ('Awb',
'Leerplichtwet'), a heading ('Hoofdstuk II', 'Bijlage 3'), a month, a Roman numeral, an abbreviation
('MR', 'FG'), a disease named after its first describer ('ziekte van Alzheimer', 'M. Crohn'), an
organisation ('Auditdienst Rijk'). On a school share, which is mostly policy, lesson material and
newsletters, those outnumber the names. A span is no person when it is explained as one of those
classes; the vocabulary is data (config/lexicons/not_names.txt, organisation_words.txt, and the
eponyms of the special-category lexicon), the rules here are about the shape of the span.

Only the NER's spans are judged: a register name, a name after a title or a form label, carries its
own evidence.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache

import regex

from config import CONFIG_DIR, lexicon_sections
from scanner.detection.lexicon import load_lexicon
from scanner.detection.ner_gate import ordinary_word
from scanner.kernel.text import fold

NOT_NAMES_FILE = CONFIG_DIR / "lexicons" / "not_names.txt"
ORGANISATION_WORDS_FILE = CONFIG_DIR / "lexicons" / "organisation_words.txt"
OPENTAAL_FILE = CONFIG_DIR / "lexicons" / "opentaal_words.txt.gz"  # training/common_words.py
PLACES_FILE = CONFIG_DIR / "lexicons" / "places.txt"
PROPER_NOUNS_FILE = CONFIG_DIR / "lexicons" / "proper_nouns.txt"  # training/proper_nouns.py
MIN_COMPOUND_HEAD = 5  # letters: 'Auditdienst' ends in 'dienst', but 'Frederik' does not end in 'rijk'
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}'’.-]+")
_ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,4})")
_NEXT_WORD = regex.compile(r"[ \t]+([\p{L}\p{M}]+)")
_EPONYM_TERM = re.compile(r"^(?:ziekte|syndroom) van (.+)$", re.IGNORECASE)
_MORBUS = frozenset({"m.", "morbus"})
_DISEASE_BEFORE = re.compile(r"(?:\b[Mm]\.|\b(?i:morbus)|\b(?i:ziekte|syndroom) van(?: \w+){0,3})[ \t]*$")
# What opens a sentence: the start of the text or a line, '!', '?', ';', a cell border, or a full stop
# after a word of five letters or more or a number (not after an abbreviation: 'fam. Stook'); then
# markup, bullets and numbering ('**', '- ', '3.2 ').
_OPENING = regex.compile(r"(?:^|(?:[\n!?;|]|(?<=[\p{L}\p{M}]{5}|\d)\.)[ \t]*)"
                         r"(?:[ \t]*(?:[-*•#>(\"'„“]+|\d+(?:\.\d+)*[.)]?))*[ \t]*$")
_ORGANISATION_BEFORE = 80  # characters: 'Ministerie van Onderwijs, Cultuur en Wetenschap'
_CAPITALISED_PHRASE = regex.compile(r"(?:(?:van|voor|de|der|den|het|en|&|,)[ \t]*|\p{Lu}[\p{L}\p{M}'’-]*[ \t]*)*$")
_CAPITALISED_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}'’-]*")
MIN_COMPOUND_PART = 4  # letters of each part of a compound of ordinary words ('gas' + 'lucht' is too short)
MIN_COMPOUND_NOUN = 6  # letters: 'Privacy' beside 'privacybeleid'; 'Bas' beside 'basisschool' is no evidence
_ARTICLES = frozenset({"de", "het", "een", "den", "der", "'t", "’t"})  # 'De Leerplichtwet'
_PARTICLES = frozenset({"van", "voor", "en", "op", "in", "aan", "te", "ten", "ter", "bij", "met", "over", "uit"})
INITIAL = regex.compile(r"(?:\p{Lu}\.)+")


@dataclass(frozen=True)
class NameVocabulary:
    words: frozenset[str]  # every word of not_names.txt, folded
    legal: frozenset[str]  # its [legal] section: ends a name even in lower case ('Algemene wet')
    suffixes: tuple[str, ...]  # compounds ending in these are laws ('Jeugdwet')
    organisation: frozenset[str]
    pronouns: frozenset[str]  # subject pronouns: a capitalised word right before one opens a question or a request
    eponyms: frozenset[str]  # folded names of diseases' first describers ('alzheimer', 'gilles de la tourette')


def eponyms() -> frozenset[str]:
    """The people diseases and syndromes are named after, from the special-category lexicon's
    'ziekte van X' and 'syndroom van X' terms: the vocabulary lives in one place."""
    found = set()
    for term in load_lexicon():
        m = _EPONYM_TERM.match(term.text)
        if m:
            name = m.group(1).casefold()
            found.add(name)
            found.add(name.split()[-1])
    return frozenset(found)


@lru_cache(maxsize=1)
def vocabulary() -> NameVocabulary:
    sections, suffixes = lexicon_sections(NOT_NAMES_FILE.name)
    org, _ = lexicon_sections(ORGANISATION_WORDS_FILE.name)
    return NameVocabulary(words=frozenset().union(*sections.values()), legal=frozenset(sections.get("legal", ())),
                          suffixes=tuple(sorted(suffixes)), organisation=frozenset().union(*org.values()),
                          pronouns=frozenset(sections.get("pronoun", ())),
                          eponyms=eponyms())


@dataclass(frozen=True)
class DutchWords:
    """The OpenTaal word list: `lower` its lower-case entries (ordinary words), `proper` its capitalised
    ones, folded (places, institutions, brands and many surnames), `common` the ordinary words that are
    never also a proper noun ('scholing'; not 'roos')."""

    lower: frozenset[str]
    proper: frozenset[str]
    common: frozenset[str]


@lru_cache(maxsize=1)
def dutch_words() -> DutchWords:
    with gzip.open(OPENTAAL_FILE, "rt", encoding="utf-8") as fh:
        entries = [line.strip() for line in fh if not line.startswith("#")]
    lower = frozenset(e for e in entries if e.islower())
    proper = frozenset(e.casefold() for e in entries if e[:1].isupper())
    return DutchWords(lower=lower, proper=proper, common=lower - proper)


def common_words() -> frozenset[str]:
    """Dutch words never written as a proper noun ('scholing', 'inhoud')."""
    return dutch_words().common


@lru_cache(maxsize=1)
def person_names() -> frozenset[str]:
    """Dutch first names and surnames (Faker's nl_NL lists, MIT): a place or word that is also a
    name keeps the NER's benefit of the doubt ('Roos', 'Kampen')."""
    from faker.providers.person.nl_NL import Provider as Names

    full = {fold(n) for n in (*Names.first_names_male, *Names.first_names_female, *Names.last_names)}
    return frozenset(full | {n.split()[-1] for n in full})  # 'van dijk' and 'dijk'


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Dutch towns and provinces (Faker's nl_NL address lists, MIT) less those that are also names, and
    the waters and regions of config/lexicons/places.txt."""
    from faker.providers.address.nl_NL import Provider as Address

    own = [line.strip() for line in PLACES_FILE.read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")]
    towns = frozenset(fold(p) for p in (*Address.cities, *Address.provinces)) - person_names()
    return towns | {fold(p) for p in own}  # the own list is curated: 'Maas' and 'Rijn' are rivers there


def common_compound(word: str) -> bool:
    """'burgerschapsonderwijs' = 'burgerschap' + 's' + 'onderwijs', 'koningsspelen': a compound of two
    ordinary words that is no proper noun itself."""
    words = dutch_words()
    if word in words.proper:
        return False
    for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        head, tail = word[:i], word[i:]
        if tail in words.lower and (head in words.lower or (head.endswith(("s", "e")) and head[:-1] in words.lower)):
            return True
    return False


def _ordinary(token: str) -> bool:
    """A word no one is named: an ordinary word or compound, an article or particle, not a known name."""
    word = _plain(token)
    if word in _ARTICLES or word in _PARTICLES:
        return True
    return (word in common_words() or common_compound(word)) and fold(word) not in person_names()


def _place(tokens: list[str]) -> bool:
    """'Eindhoven', 'Den Haag', 'DE RIJN', 'Noord-Brabant': the span is a place ('de' may open it)."""
    name = fold(" ".join(tokens))
    return name in places() or (tokens[0].casefold() in _ARTICLES and fold(" ".join(tokens[1:])) in places())


def _plain(token: str) -> str:
    return token.strip(".'’-").casefold()


def _organisation(word: str, voc: NameVocabulary) -> bool:
    return word in voc.organisation or word.endswith(_compound_heads(voc.organisation))


@lru_cache(maxsize=4)
def _compound_heads(organisation: frozenset[str]) -> tuple[str, ...]:
    """Organisation words that also count at the end of a compound, for one str.endswith call."""
    return tuple(sorted(w for w in organisation if len(w) >= MIN_COMPOUND_HEAD))


def _not_a_name_word(token: str, voc: NameVocabulary) -> bool:
    """A Roman numeral, a number, a bare letter, an article, a listed word or a law's compound."""
    word = _plain(token)
    if not word or word.isdigit() or _ROMAN.fullmatch(token.rstrip(".")):
        return True
    if len(word) == 1 and not token.endswith("."):
        return True
    return word in voc.words or word in _ARTICLES or any(
        word.endswith(s) and len(word) > len(s) for s in voc.suffixes)


def _eponym(tokens: list[str], text: str, start: int, voc: NameVocabulary) -> bool:
    """'M. Alzheimer', 'Morbus Crohn', or 'Parkinson' in a text that names the 'ziekte van Parkinson'."""
    rest = tokens[1:] if tokens[0].casefold() in _MORBUS and len(tokens) > 1 else tokens
    name = " ".join(_plain(t) for t in rest)
    if name not in voc.eponyms:
        return False
    if rest is not tokens or _DISEASE_BEFORE.search(text, max(0, start - 40), start):
        return True
    return re.search(rf"\b(?:ziekte|syndroom) van (?:\w+ ){{0,3}}{re.escape(name)}\b", text, re.IGNORECASE) is not None


def _in_organisation_name(text: str, start: int, voc: NameVocabulary) -> bool:
    """The span continues a capitalised phrase that an organisation word opens ('Ministerie van
    Onderwijs, Cultuur en Wetenschap', 'Centrum voor Jeugd en Gezin')."""
    lo = max(0, start - _ORGANISATION_BEFORE)
    phrase = _CAPITALISED_PHRASE.search(text, lo, start)
    if phrase is None:
        return False
    words = _CAPITALISED_WORD.finditer(text, phrase.start(), start)
    return any(_organisation(m.group().casefold(), voc) for m in words)


def _head_of_compound(word: str, lower_words: set[str]) -> bool:
    """'Privacy' where the text writes 'privacybeleid': a noun, not a name."""
    if len(word) < MIN_COMPOUND_NOUN:
        return False
    return any(w.startswith(word) and len(w) > len(word) + 2 for w in lower_words)


def opens_sentence(text: str, start: int) -> bool:
    return _OPENING.search(text, max(0, start - 20), start) is not None


def no_name_evidence(text: str, start: int, end: int, lower_words: set[str],
                     dutch_words: Container[str] = frozenset(), voc: NameVocabulary | None = None) -> str | None:
    """Why `text[start:end]`, a PERSON span of the NER, is no person; None when it may be one.

    `lower_words` are the words `text` writes in lower case: a single word that the same text also
    writes in lower case is a common noun at the start of a heading or a sentence ('Privacy',
    'Datalek'), not a name; so is an ordinary Dutch word (`dutch_words`, see ner_gate.ordinary_word)
    that opens a sentence, the way the NER gate judges a sentence's first word."""
    voc = voc or vocabulary()
    tokens = _TOKEN.findall(text[start:end])
    if not tokens:
        return "leeg"
    if any(_organisation(_plain(t), voc) for t in tokens):
        return "organisatie"
    if _eponym(tokens, text, start, voc):
        return "ziekte"
    if _in_organisation_name(text, start, voc):
        return "organisatie"
    if all(_not_a_name_word(t, voc) for t in tokens):
        return "geen naamwoord"
    if _place(tokens):
        return "plaats"
    if len(tokens) > 1 and all(_ordinary(t) for t in tokens):
        return "gewone woorden"  # 'Vergelijk de Gouden Eeuw'
    if len(tokens) > 1 and INITIAL.fullmatch(tokens[0]) and all(_ordinary(t) for t in tokens[1:]):
        return "opsomming"  # 'A. Prijzenblad', 'B. Conceptovereenkomst'
    if len(tokens) > 1 and all(t.isupper() and len(t) <= 5 for t in tokens) \
            and not any(fold(t) in person_names() for t in tokens):
        return "afkorting"  # 'VMBO BB/KB'; not 'JAN DE BOER'
    nxt = _NEXT_WORD.match(text, end)
    if nxt:
        word = nxt.group(1)
        if word.casefold() in voc.legal or (word[0].isupper() and word.casefold() in voc.words):
            return "deel van een titel"
    if len(tokens) == 1:
        word = tokens[0]
        if len(word) > 1 and word.isupper() or len(word) <= 4 and sum(c.isupper() for c in word) >= 2 \
                or abbreviation_compound(word):
            return "afkorting"  # 'FG', 'CvB', 'NvI', 'AVI-niveau'
        folded = word.casefold()
        if folded in lower_words or _head_of_compound(folded, lower_words):
            return "gewoon woord"
        if (folded in common_words() or common_compound(folded)) and fold(word) not in person_names():
            return "gewoon woord"  # 'Scholing', 'Burgerschapsonderwijs': never a proper noun in Dutch
        if opens_sentence(text, start):
            if ordinary_word(folded, dutch_words):
                return "gewoon woord aan het begin van een zin"
            if text[end:end + 1] == ".":
                return "kopje"  # '**Afscheid.** Na de vakantie ...': a one-word sentence is a run-in heading
            if nxt and nxt.group(1).casefold() in voc.pronouns:
                return "werkwoord"  # 'Meld u aan', 'Heeft u ...': a verb before its subject
    return None


def abbreviation(word: str) -> bool:
    """'BRIN', 'VSO', 'KvK': capitals no one is named; a span of such words is an abbreviation
    (see no_name_evidence) unless one of them is a known name ('JAN', 'ALI')."""
    letters = word.replace("-", "")
    if not (2 <= len(letters) <= 5 and letters.isalpha()):
        return False
    capitals = sum(c.isupper() for c in letters)
    return (letters.isupper() or (len(letters) <= 4 and capitals >= 2)) and fold(word) not in person_names()


@lru_cache(maxsize=1)
def proper_non_names() -> frozenset[str]:
    """Places, languages, peoples and their adjectives (proper_nouns.txt, the towns and waters of
    `places`) that are no listed first name or surname: the person check after the NER turns a span
    made of them into a place or no entity ('Flevoland', 'Nederlands', 'Syrië'), so they alone never
    make the NER worth running; 'Engels' or 'Frans' keep the benefit of the doubt."""
    sections, _ = lexicon_sections(PROPER_NOUNS_FILE.name)
    return (frozenset().union(*sections.values()) | places()) - person_names()


def proper_non_name(folded: str) -> bool:
    """`proper_non_names`, also inflected as an adjective ('Syrische', 'Turkse') when that is no name
    ('Romee' is one)."""
    words = proper_non_names()
    return folded in words or (folded.endswith("e") and folded[:-1] in words and folded not in person_names())


def abbreviation_compound(word: str) -> bool:
    """'AVI-niveau', 'Jeugd-GGZ', 'ICT-coördinator': a hyphenated word with an abbreviation part whose
    other parts are abbreviations or ordinary words that are no listed name. Names are not written
    that way: 'Al-Ahmad', 'Coret-Coredo' and 'Jan-Willem' have no abbreviation part, and in
    'GGZ-Jansen' the other part is a surname."""
    parts = [p for p in word.split("-") if p]
    if len(parts) < 2 or not any(abbreviation(p) for p in parts):
        return False
    return all(abbreviation(p) or _ordinary(p) for p in parts)


def adds_no_name(text: str, start: int, word: str, dutch_words: Container[str] = frozenset()) -> bool:
    """Whether the capitalised `word` at `start` cannot give the NER a name that no_name_evidence
    keeps, so the NER gate need not send its sentence for it: an organisation word or a word inside
    an organisation's name (every span with it is dropped), an abbreviation or a hyphenated word
    with one ('AVI-niveau'), a place, language or people that is no name, or an ordinary Dutch
    word that labels a form field ('Leerling:', 'Datum:') anywhere in a line, or a word Dutch never
    writes as a proper noun ('Voortgangsverslag', 'Cijferlijst': a title run on after a letterhead)."""
    voc = vocabulary()
    plain = _plain(word)
    if _organisation(plain, voc) or abbreviation(word) or abbreviation_compound(word) or proper_non_name(fold(word)):
        return True
    if (plain in common_words() or common_compound(plain)) and fold(word) not in person_names():
        return True
    if (text[start + len(word):start + len(word) + 2].lstrip(" ")[:1] == ":"
            and ordinary_word(plain, dutch_words) and fold(word) not in person_names()):
        return True
    return _in_organisation_name(text, start, voc)  # last: a search back through the line
