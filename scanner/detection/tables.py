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
from scanner.detection.lexicon import load_lexicon
from scanner.kernel.dates import parse_date
from scanner.kernel.entities import Catalogue, EntityType, catalogue
from scanner.kernel.text import fold, norm_header

# The headers of each type are the catalogue's (config/entities.yaml, `headers` and `fields`).


def column_group(etype: str, value: str) -> str | None:
    """The lexicon group of a special-category cell: the first known term decides ('WISC-V' is PSY), else
    the type's first group (a 'Diagnose' cell is GEZ); None for a type without lexicon groups."""
    groups = catalogue().describe(etype).lexicon_groups
    if not groups:
        return None
    folded = value.lower()
    for term in load_lexicon():
        if not term.context_only and term.group in groups and re.search(
                rf"(?<!\w){re.escape(term.text.lower())}", folded):
            return term.group
    return groups[0]


_NAME = re.compile(r"^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' .,()-]*$")  # 'Ritsema, W. (Wessel)' as Magister lists a pupil
_NOT_A_VALUE = {"ja", "nee", "geen", "onbekend", "n.v.t.", "nvt", "-", "x"}
# 'geen bijzonderheden', 'niet van toepassing' in a Diagnose or Godsdienst cell say there is nothing
_NOTHING = re.compile(r"^(geen|nee|niet|n\.?v\.?t\.?|nvt|onbekend)\b", re.IGNORECASE)


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


def column_type(header: str | None) -> str | None:
    """The entity type a column's header says its cells are (catalogue `headers`), or None."""
    return _column_type(catalogue(), header) if header else None


@lru_cache(maxsize=4096)
def _column_type(cat: Catalogue, header: str) -> str | None:
    types = cat.header_types
    h = norm_header(header)
    if h in types:
        return types[h]
    # 'E-mail ouder 1', 'Telefoon vader': the longest known header it starts with decides
    known = max((k for k in types if len(k) >= 5 and h.startswith(k)), key=len, default=None)
    if known is not None:
        return types[known]
    base = without_roles(header)  # 'Naam moeder', 'Naam van de leerling'
    return types.get(base) if base else None


def _digits(v: str) -> str:
    return "".join(c for c in v if c.isdigit())


# the catalogue's `cell` checks (config/entities.yaml): how a cell of a typed column must look
CELL_CHECKS: dict[str, Callable[[str], bool]] = {
    "name": lambda v: bool(_NAME.match(v)) and any(c.isupper() for c in v) and len(v) > 1,
    "date": lambda v: parse_date(v) is not None,
    "postcode": lambda v: postcode.is_valid(v),
    "phone": lambda v: _phone(v),
    "email": lambda v: "@" in v and "." in v.split("@")[-1],
    "bsn": lambda v: bsn.is_valid(_digits(v).zfill(9)) and not onderwijsnummer.is_valid(_digits(v)),
    "onderwijsnummer": lambda v: onderwijsnummer.is_valid(_digits(v)),
    "iban": lambda v: iban.is_valid(v),
    "street": lambda v: any(c.isdigit() for c in v) and any(c.isalpha() for c in v),
    "text": lambda v: len(v) > 1,
}


def valid_for(etype: str, value: str) -> bool:
    """Whether a cell value has the shape of its column's type (an 'Achternaam' cell saying 'nee' is not a
    name)."""
    return _valid_for(catalogue().describe(etype), value)


@lru_cache(maxsize=65536)
def _valid_for(etype: EntityType, value: str) -> bool:
    """Cached: a column repeats its values on many rows."""
    v = value.strip()
    if not v or v.lower() in _NOT_A_VALUE or (etype.kind == "term" and _NOTHING.match(v)):
        return False  # 'geen bijzonderheden' in a Diagnose or Godsdienst cell says there is nothing
    return CELL_CHECKS[etype.cell](v)


def _phone(v: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(v, "NL"))
    except phonenumbers.NumberParseException:
        return False
