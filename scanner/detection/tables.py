"""Column-aware detection for table cells (spreadsheets, CSV exports, database rows).

A header says what a column holds (docs/dutch-law.md, "LAS exports and column headers"). The
classifier turns a cell of a known column into a finding of that type when its value has the right
shape, so that a surname alone in an 'Achternaam' column or a date in a 'Geboortedatum' column is
found. Free-text columns (notes, remarks) still go through the text recognizers: one column can hold
names, dates and diagnoses together, so a column never gets one label for all of its content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import phonenumbers
from stdnum import iban
from stdnum.nl import bsn, onderwijsnummer, postcode

from config import lexicon_words
from scanner.detection.lexicon import GROUP_ENTITY, load_lexicon
from scanner.kernel.dates import parse_date
from scanner.kernel.text import fold, norm_header

HEADER_TYPES: dict[str, str] = {}
for _etype, _headers in {
    "PERSON": ["achternaam", "geslachtsnaam", "officieleachternaam", "familienaam", "voornaam", "voornamen",
               "roepnaam", "naam", "naamleerling", "naamkind", "volledigenaam", "leerling", "ouderverzorger",
               "ouderverzorger1", "ouderverzorger2", "naamouder", "moeder", "vader", "contactpersoon",
               "medewerker", "auteur", "mentor", "groepsleerkracht", "leerkracht", "ouder"],
    "DATE_OF_BIRTH": ["geboortedatum", "gebdatum", "gebdat", "geboren", "dob", "geboortedag", "geborenop"],
    "ADDRESS": ["adres", "woonadres", "straatenhuisnummer", "straathuisnummer", "bezoekadres"],
    "NL_POSTCODE": ["postcode"],
    "PHONE_NUMBER": ["telefoon", "telefoonnummer", "mobiel", "mobielnummer", "noodnummer", "tel",
                     "telefoonthuis", "telefoonouder", "telnr"],
    "EMAIL_ADDRESS": ["email", "emailadres", "mailadres", "emailouder"],
    "NL_BSN": ["bsn", "burgerservicenummer", "sofinummer"],
    "NL_ONDERWIJSNUMMER": ["onderwijsnummer"],
    "IBAN_CODE": ["iban", "rekeningnummer", "bankrekening", "ibanouder"],
    "HEALTH": ["diagnose", "medicatie", "medicijnen", "medicijn", "allergie", "allergieen",
               "medischegegevens", "medisch", "bijzonderhedenmedisch", "dyslexieverklaring"],
    "RELIGION": ["godsdienst", "levensbeschouwing", "religie", "geloof"],
    "ETHNICITY": ["nationaliteit", "geboorteland", "verblijfsstatus", "etniciteit", "afkomst"],
}.items():
    for _h in _headers:
        HEADER_TYPES[_h] = _etype

COLUMN_GROUPS = {"HEALTH": "GEZ", "RELIGION": "REL", "ETHNICITY": "ETN"}


def column_group(etype: str, value: str) -> str:
    """The lexicon group of a special-category cell: the first known term decides ('WISC-V' is PSY)."""
    folded = value.lower()
    for term in load_lexicon():
        if not term.context_only and GROUP_ENTITY.get(term.group) == etype and re.search(
                rf"(?<!\w){re.escape(term.text.lower())}", folded):
            return term.group
    return COLUMN_GROUPS[etype]


_NAME = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' .,()-]*$")  # 'Ritsema, W. (Wessel)' as Magister lists a pupil
_NOT_A_VALUE = {"ja", "nee", "geen", "onbekend", "n.v.t.", "nvt", "-", "x"}
# 'geen bijzonderheden', 'niet van toepassing' in a Diagnose or Godsdienst cell say there is nothing
_NOTHING = re.compile(r"^(geen|nee|niet|n\.?v\.?t\.?|nvt|onbekend)\b", re.IGNORECASE)
_SPECIAL = ("HEALTH", "RELIGION", "ETHNICITY")


def folded_words(name: str) -> frozenset[str]:
    """A lexicon's words without accents, as `fold` compares them."""
    return frozenset(fold(w) for w in lexicon_words(name))


@lru_cache(maxsize=1)
def role_words() -> tuple[frozenset[str], frozenset[str]]:
    """(adult, child) words of headers and form labels: config/lexicons/adult_labels.txt, child_labels.txt."""
    return folded_words("adult_labels.txt"), folded_words("child_labels.txt")


def is_role(word: str, words: frozenset[str]) -> bool:
    """A folded word is a role word, also as the end of a compound ('groepsleerkracht', 'pleegmoeder')."""
    return word in words or any(len(w) >= 5 and word.endswith(w) for w in words)


_FILLER = {"van", "de", "het", "der", "den", "en"}


def without_roles(header: str) -> str | None:
    """The header without its role words ('Naam moeder' -> 'naam', 'Leerling' -> ''), None when it has none."""
    adult, child = role_words()
    words = re.findall(r"[^\W_]+", fold(header))
    rest = [w for w in words if not (is_role(w, adult) or is_role(w, child) or w.isdigit() or w in _FILLER)]
    return None if len(rest) == len(words) else "".join(rest)


@lru_cache(maxsize=4096)
def column_type(header: str | None) -> str | None:
    if not header:
        return None
    h = norm_header(header)
    if h in HEADER_TYPES:
        return HEADER_TYPES[h]
    # 'E-mail ouder 1', 'Telefoon vader': the first known word decides
    for known, etype in HEADER_TYPES.items():
        if len(known) >= 5 and h.startswith(known):
            return etype
    base = without_roles(header)  # 'Naam moeder', 'Naam van de leerling'
    return HEADER_TYPES.get(base) if base else None


def _digits(v: str) -> str:
    return "".join(c for c in v if c.isdigit())


_SHAPES: dict[str, Callable[[str], bool]] = {
    "PERSON": lambda v: bool(_NAME.match(v)) and any(c.isupper() for c in v) and len(v) > 1,
    "DATE_OF_BIRTH": lambda v: parse_date(v) is not None,
    "NL_POSTCODE": lambda v: postcode.is_valid(v),
    "PHONE_NUMBER": lambda v: _phone(v),
    "EMAIL_ADDRESS": lambda v: "@" in v and "." in v.split("@")[-1],
    "NL_BSN": lambda v: bsn.is_valid(_digits(v).zfill(9)) and not onderwijsnummer.is_valid(_digits(v)),
    "NL_ONDERWIJSNUMMER": lambda v: onderwijsnummer.is_valid(_digits(v)),
    "IBAN_CODE": lambda v: iban.is_valid(v),
    "ADDRESS": lambda v: any(c.isdigit() for c in v) and any(c.isalpha() for c in v),
}


@lru_cache(maxsize=65536)
def valid_for(etype: str, value: str) -> bool:
    """Whether a cell value has the shape of its column's type (an 'Achternaam' cell saying 'nee' is not a
    name). Cached: a column repeats its values on many rows."""
    v = value.strip()
    if not v or v.lower() in _NOT_A_VALUE or (etype in _SPECIAL and _NOTHING.match(v)):
        return False
    check = _SHAPES.get(etype)
    return check(v) if check else len(v) > 1


def _phone(v: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(v, "NL"))
    except phonenumbers.NumberParseException:
        return False
