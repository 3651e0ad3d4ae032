"""Forms are records: label-value pairs in documents are read like the cells of a table row.

An intake form says 'Achternaam: ten Brink / Voornamen: Noor Fenna / Roepnaam: Noor' - as lines of a
txt, pdf or e-mail, as docx/odt paragraphs, or as a two-column table that the extractor glues into
'label: value'. A spreadsheet says the same in columns, and there detection already reads a cell by
its header. Reading a form field as a cell with its label as the column gives documents the same:
the column classifier types a value by its label ('Adres: Kotter 14' is an ADDRESS whatever the
street looks like), and the split name fields of one form section make one person (linking's
RowKeys), whose section says whether it is the child or an adult.

Records are form sections. A heading line ('Gegevens ouder/verzorger 1'), a field that repeats one of
the section ('Naam' twice: two parents) or a name field in another role ('Naam moeder' after the
child's fields) starts a new one. The heading stays in the record id, so later stages can tell the
child's section from a parent's ('sectie 2: Gegevens ouder/verzorger 1').

Free prose never becomes a cell: a label is short, and either a known header or a label-shaped phrase
followed by ':' at the start of the line. Only a label that says what its value is (a known column
header or name field) makes a cell; any other field, and a value that does not look like its label's
type ('Moeder: ze slaapt slecht'), stays the text it was. Runs before paragraphs.join_lines, which
leaves cells alone and still rejoins the prose lines around them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import regex
import yaml

from config import CONFIG_DIR
from scanner.detection.house_number import HOUSE_NUMBER
from scanner.detection.name_evidence import common_compound, common_words
from scanner.detection.tables import (
    column_type,
    folded_words,
    is_role,
    role_words,
    valid_for,
    without_roles,
)
from scanner.kernel.dates import parse_date
from scanner.kernel.entities import Catalogue, catalogue
from scanner.kernel.model import TABLE_RECORD, TextUnit
from scanner.kernel.names import PARTICLES
from scanner.kernel.text import fold, norm_header

FORM_RECORD = "sectie"  # record ids of form sections start with this word
MAX_LABEL_WORDS = 5
MAX_VALUE_WORDS_ALONE = 6  # a value on the line after its label ('Achternaam' / 'ten Brink' in a pdf)


@dataclass(frozen=True)
class Vocabulary:
    name_fields: dict[str, str]  # normalised header -> name field ('achternaam', 'roepnaam', ...)
    form_labels: frozenset[str]
    adult: frozenset[str]
    child: frozenset[str]
    function_words: frozenset[str]


def vocabulary() -> Vocabulary:
    """The form vocabulary: the entity catalogue's name and birth-date fields (config/entities.yaml,
    `fields`) and the other fields and labels of config/form_fields.yaml."""
    return _vocabulary(catalogue())


@lru_cache(maxsize=2)
def _vocabulary(cat: Catalogue) -> Vocabulary:
    data = yaml.safe_load((CONFIG_DIR / "form_fields.yaml").read_text(encoding="utf-8"))
    adult, child = role_words()
    return Vocabulary(
        name_fields={**cat.header_fields,
                     **{norm_header(h): f for f, headers in data["name_fields"].items() for h in headers}},
        form_labels=frozenset(norm_header(w) for w in data["form_labels"]),
        adult=adult, child=child, function_words=folded_words("function_words.txt"))


# -- labels ------------------------------------------------------------------------------------------

def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", fold(text))


@lru_cache(maxsize=4096)
def role_of(text: str) -> str | None:
    """'adult' or 'child' when a heading, label or record id says whose it is; the first role word decides
    ('Ouders van de leerling' is the parents' section)."""
    v = vocabulary()
    for word in _words(text):
        if is_role(word, v.adult):
            return "adult"
        if is_role(word, v.child):
            return "child"
    return None


def name_field(label: str) -> str | None:
    """The name field a label stands for, with or without a role word: 'Achternaam moeder' and
    'Naam leerling' are achternaam and naam; 'Moeder' alone is a name too."""
    return _name_field(catalogue(), label)


@lru_cache(maxsize=4096)
def _name_field(cat: Catalogue, label: str) -> str | None:
    fields = _vocabulary(cat).name_fields
    h = norm_header(label)
    if h in fields:
        return fields[h]
    base = without_roles(label)
    if base is None:
        return None
    return fields.get(base) if base else "naam"


def label_type(label: str) -> str | None:
    """The entity type a label's value has, as for a column header ('Naam moeder' is a PERSON)."""
    return _label_type(catalogue(), label)


@lru_cache(maxsize=4096)
def _label_type(cat: Catalogue, label: str) -> str | None:
    etype = column_type(label)
    if etype is None:  # a name field with a role word ('Achternaam moeder'): the type of its field
        return cat.field_types.get(name_field(label) or "")
    return etype


def _term(etype: str | None) -> bool:
    """A type the catalogue calls a `term` (a diagnosis, a religion): its label's word alone is no value."""
    return etype is not None and catalogue().describe(etype).kind == "term"


def known_label(label: str) -> bool:
    return label_type(label) is not None or name_field(label) is not None


def _exact_label(label: str) -> bool:
    """A known header as written, without prefix matching: for labels without ':' after them."""
    h = norm_header(label)
    return h in catalogue().header_types or h in vocabulary().name_fields


_ABBREVIATION = re.compile(r"^[A-Z]{2,5}\.?$")


def label_shaped(label: str) -> bool:
    """A phrase that can be a form label: 1-5 words, a letter first, later words not capitalised (a
    name is not a label: 'Noor ten Brink:' / 'Juf Anna:'), one word only when it is a known label."""
    words = label.split()
    if not 1 <= len(words) <= MAX_LABEL_WORDS or not label[:1].isalpha():
        return False
    if known_label(label):
        return True
    v = vocabulary()
    if fold(words[0]) in v.function_words:
        return False  # 'Zij zegt:', 'Wat ging goed:' open a sentence
    if len(words) == 1:
        return norm_header(label) in v.form_labels or bool(_ABBREVIATION.match(label))
    for k, w in enumerate(words[1:], 2):
        if w[:1].isupper() and not _ABBREVIATION.match(w) and not role_of(w):
            return False
        if any(c.isdigit() for c in w) and not (w.isdigit() and len(w) == 1 and k == len(words)):
            return False  # 'Ouder 2' is a label, 'Gesprek 12-03' is not
    return not any(c.isdigit() for c in words[0])


def _column_word(cell: str) -> bool:
    """'Stamgroep', 'Bespreekpunt': one ordinary Dutch word (never a proper noun) can head a column."""
    word = cell.strip().rstrip(":").casefold()
    return " " not in word and (word in common_words() or common_compound(word))


def header_row(cells: list[str]) -> bool:
    """A document table's first row is a header row (read like a sheet) when every cell is a label and
    one of them is a known label (both, for two columns: 'Naam | Geboortedatum'; a two-column form
    starts 'Achternaam | ten Brink')."""
    if len(cells) < 2 or not all(cells) or not all(label_shaped(c) or _column_word(c) for c in cells):
        return False
    known = sum(known_label(c) for c in cells)
    # 'Leerling | Stamgroep | Bespreekpunt': one known label among three or more label-shaped cells
    return known == len(cells) if len(cells) == 2 else known >= 1


# -- values ------------------------------------------------------------------------------------------

NAME_WORD = regex.compile(r"^\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)*$")
INITIALS = regex.compile(r"^(?:\p{Lu}\.){1,4}$")


def name_shaped(value: str) -> bool:
    """Written like a person's name: capitalised words, initials and particles, a comma for 'Brink, Noor
    ten' ('Noor heeft ADHD' and 'ADHD' are not)."""
    words = value.replace(",", " , ").split()
    if not 1 <= len(words) <= 6 or words[0] == "," or words.count(",") > 1:
        return False
    names = 0
    for w in words:
        if NAME_WORD.match(w):
            names += 1
        elif not (w == "," or w.lower() in PARTICLES and w.islower() or INITIALS.match(w)):
            return False
    return names >= 1


# street and number (4a, 12-II, 7 hs; '2e Jan Steenstraat'), maybe postcode and place: a cell, not a sentence
ADDRESS_SHAPE = regex.compile(
    rf"^(?:\d{{1,2}}e[ ])?(?:\p{{Lu}}|'s-)[\p{{L}}'. -]*[ ]{HOUSE_NUMBER}"
    r"(?:,?\s+(?:\d{4}[ ]?[A-Z]{2}\b)?[ ]*(?:\p{Lu}[\p{L}'-]*(?:[ ][\p{L}'-]+){0,3})?)?$")


# A form value is checked harder than a table cell for these catalogue `cell` checks: a name written like
# one, a street and number as a cell (not a sentence), a short date.
FORM_CHECKS: dict[str, Callable[[str], bool]] = {
    "name": name_shaped,
    "street": lambda v: bool(ADDRESS_SHAPE.match(v)),
    "date": lambda v: parse_date(v) is not None and len(v) <= 20,
}


def _fits(etype: str | None, value: str, strict: bool) -> bool:
    """Whether a value has the shape of its label's type. Strict for a value not set off by ':' or a
    tab ('Achternaam ten Brink' on a pdf line): only values whose whole text is of the type."""
    v = value.strip()
    if not v:
        return False
    if etype is None:
        return not strict or (v.isdigit() and len(v) <= 12)  # a leerlingnummer
    row = catalogue().describe(etype)
    check = FORM_CHECKS.get(row.cell)
    if check is not None:
        return check(v)
    if row.kind == "term":
        return not strict and valid_for(etype, v)  # 'geen bijzonderheden' is no value (tables.valid_for)
    return valid_for(etype, v)


# -- lines -------------------------------------------------------------------------------------------

_COLON = re.compile(r"^\s*(?P<label>[^\W\d_][^:\n]{0,48}?)\s*:+(?!//)\s*(?P<value>.*?)\s*$")
_GAP = re.compile(r"^\s*(?P<label>[^\W\d_][^\t\n]{0,48}?)(?:\t+|[ ]{2,})(?P<value>\S.*?)\s*$")


@dataclass
class Line:
    unit: TextUnit
    kind: str  # 'field', 'label' (a label alone), 'text', 'other' (a cell or a multi-line unit)
    label: str = ""
    value: str = ""


def parse_line(text: str) -> tuple[str, str, bool] | None:
    """(label, value, strict) of a form line, or None: 'Label: value', 'Label<tab>value', or a known
    label and a value of its exact type ('Geboortedatum 31-01-2011'). An empty value: a label alone."""
    m = _COLON.match(text)
    if m and label_shaped(m["label"]):
        return m["label"], m["value"], False
    m = _GAP.match(text)
    if m and _exact_label(m["label"].strip()):
        return m["label"].strip(), m["value"], False
    words = text.split()
    if 1 <= len(words) <= 3 and _exact_label(text):
        return text.strip(), "", False
    for n in (3, 2, 1):
        if len(words) > n and _exact_label(" ".join(words[:n])):
            label, value = " ".join(words[:n]), " ".join(words[n:])
            if _fits(label_type(label), value, strict=True):
                return label, value, True
            return None
    return None


def _classify(unit: TextUnit) -> Line:
    if unit.record is not None or unit.column is not None:
        return Line(unit, "other")
    first, newline, rest = unit.text.strip().partition("\n")
    if newline:  # a table cell of several lines ('Adres | Kotter 14 / 1234 AB Almere'): 'label: value' only
        m = _COLON.match(first)
        if m and label_shaped(m["label"]) and (m["value"] or rest.strip()):
            return Line(unit, "field", m["label"], f"{m['value']}\n{rest}".strip())
        return Line(unit, "other")
    parsed = parse_line(unit.text)
    if parsed is None:
        return Line(unit, "text")
    label, value, _ = parsed
    return Line(unit, "field" if value else "label", label, value)


_HEADING_END = re.compile(r"[.,;!?]$")


_ENUMERATION = re.compile(r"^(?:\d{1,2}|[A-Za-z])[.)]\s+|^\d{1,2}\s+(?=\D)")


def _heading_like(text: str) -> bool:
    t = _ENUMERATION.sub("", text.strip().rstrip(":").strip())  # '1. Gegevens leerling', 'B) Ouders'
    words = t.split()
    return (1 <= len(words) <= 6 and len(t) <= 60 and t[:1].isalpha() and t[:1].isupper()
            and not _HEADING_END.search(t))


def _record_heading(text: str) -> str:
    """The heading as kept in a record id: without capitalised words that are no form vocabulary (a
    name in a heading, 'Aanmelding Noor ten Brink', must not reach the cache or a report)."""
    words = text.strip().rstrip(":").split()
    kept = [words[0]] if words else []
    for w in words[1:]:
        plain = re.sub(r"[^\w/-]", "", w)
        if plain[:1].isupper() and not (role_of(plain) or known_label(plain) or _ABBREVIATION.match(plain)):
            kept.append(plain[0] + ".")
        else:
            kept.append(w)
    return " ".join(kept)[:60]


# a pdf or text line ('pagina 1 regel 12'), or a word-processor paragraph ('alinea 7': a card with the
# label and its value in paragraphs of their own)
_LINE_PLACE = re.compile(r"^(?P<prefix>.*?)(?:regel|alinea) (?P<n>\d+)(?:-\d+)?$")


def _line_no(place: str) -> tuple[str, int] | None:
    m = _LINE_PLACE.match(place)
    return (m["prefix"], int(m["n"])) if m else None


@dataclass
class _Sections:
    """The running state of a document's form: current heading, record id, and its fields."""

    count: int = 0
    heading: str | None = None
    role: str | None = None
    record: str | None = None
    seen: set[str] = field(default_factory=set)

    def start(self, heading: str | None, role: str | None) -> None:
        self.heading, self.role, self.record = heading, role, None

    def record_for(self, label: str) -> str:
        base = name_field(label) or norm_header(label)
        is_name = name_field(label) in ("naam", "roepnaam", "voornamen", "achternaam", "voorvoegsel")
        lrole = role_of(label) if is_name else None
        if self.record is not None and is_name and lrole and self.role and lrole != self.role:
            self.start(label, lrole)  # 'Naam moeder' after the child's fields: the parent's own record
        elif self.record is not None and base in self.seen:
            self.record = None  # a repeated field: the next person of the same section
        if self.record is None:
            self.count += 1
            heading = _record_heading(self.heading) if self.heading else ""
            self.record = f"{FORM_RECORD} {self.count}" + (f": {heading}" if heading else "")
            self.seen = set()
        if is_name and lrole and not self.role:
            self.role = lrole
        self.seen.add(base)
        return self.record


def _field_unit(line: Line, record: str) -> TextUnit:
    """The cell of a field: the value alone, with its label as the column, when the label says what the
    value is (the classifier reads the whole cell). Any other field stays the line it was, free text for
    the recognizers and rejoined with its paragraph: a label they do not know ('Ingeschreven sinds:',
    'Datum geboorte:') is context they may need, and a value that does not fit its label ('Moeder: ze
    slaapt slecht') is no cell."""
    etype, nf = label_type(line.label), name_field(line.label)
    if _term(etype) or (etype is not None or nf is not None) and _fits(etype, line.value, strict=False):
        # a special-category label's word is no finding ('Godsdienst: geen'); the classifier checks the value
        return TextUnit(place=line.unit.place, text=line.value, column=line.label, record=record)
    return line.unit


def _next_line(a: TextUnit, b: TextUnit) -> bool:
    """`b` is the line or paragraph right after `a` (a pdf table's value under or beside its label, a
    card's value in the paragraph after its label)."""
    x, y = _line_no(a.place), _line_no(b.place)
    return x is not None and y is not None and x[0] == y[0] and y[1] == x[1] + 1


def _label_value_pairs(unit: TextUnit) -> list[TextUnit]:
    """'Achternaam | Kalloe | Roepnaam | Kiran': a table row of label|value pairs as a pdf or text file
    writes it, one 'Label: value' unit per pair; any other unit as it is."""
    if unit.record is not None or unit.text.count(" | ") < 3:
        return [unit]
    cells = [c.strip() for c in unit.text.split(" | ")]
    labels = cells[0::2]
    if len(cells) % 2 or not all(labels) or not all(label_shaped(c.rstrip(":")) for c in labels) \
            or not any(known_label(c.rstrip(":")) for c in labels):
        return [unit]
    return [TextUnit(place=f"{unit.place} veld {k}", text=f"{label.rstrip(':')}: {value}")
            for k, (label, value) in enumerate(zip(labels, cells[1::2], strict=True), 1) if value]


def read_forms(units: list[TextUnit]) -> list[TextUnit]:
    """The units with form fields turned into cells (column = label, record = form section)."""
    if all(u.record is not None for u in units):
        return units  # a sheet or a database row: cells already
    units = [part for u in units for part in _label_value_pairs(u)]
    lines = [_classify(u) for u in units]
    if not any(ln.kind in ("field", "label") for ln in lines):
        return units
    out: list[TextUnit] = []
    state = _Sections()
    i = 0
    while i < len(lines):
        ln = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        follows_field = nxt is not None and nxt.kind in ("field", "label")
        if ln.kind == "label" and nxt is not None and nxt.kind == "text" and known_label(ln.label) \
                and _next_line(ln.unit, nxt.unit) and len(nxt.unit.text.split()) <= MAX_VALUE_WORDS_ALONE \
                and not nxt.unit.text.rstrip().endswith(".") \
                and _fits(label_type(ln.label), nxt.unit.text, strict=not _term(label_type(ln.label))):
            pair = Line(nxt.unit, "field", ln.label, nxt.unit.text.strip())
            out.append(ln.unit)
            out.append(_field_unit(pair, state.record_for(ln.label)))
            i += 2
            continue
        if ln.kind in ("label", "text") and follows_field and _heading_like(ln.unit.text):
            heading = ln.label if ln.kind == "label" else ln.unit.text.strip()
            state.start(heading, role_of(heading))
            out.append(ln.unit)
        elif ln.kind == "field":
            out.append(_field_unit(ln, state.record_for(ln.label)))
        elif ln.kind == "other" and ln.unit.record and ln.unit.record.startswith(TABLE_RECORD) and state.heading:
            u = ln.unit
            out.append(TextUnit(u.place, u.text, u.column, f"{u.record} ({_record_heading(state.heading)})"))
        else:
            out.append(ln.unit)
        i += 1
    return out


# -- records -----------------------------------------------------------------------------------------

@dataclass
class FormRecord:
    """What one record (row, form section) says about whose it is, raw values (detection time only)."""

    record: str
    fields: dict[str, str] = field(default_factory=dict)  # name field -> value, child's or neutral labels
    adult_fields: dict[str, str] = field(default_factory=dict)  # from labels with an adult role word
    labels: list[str] = field(default_factory=list)

    @property
    def subject(self) -> bool:
        """False for an adult: the record id (heading, sheet name) says so, or only adult-labelled
        name fields name someone."""
        if role_of(self.record) == "adult":
            return False
        return bool(self.fields.keys() & _NAME_PARTS) or not (self.adult_fields.keys() & _NAME_PARTS)

    @property
    def cells(self) -> dict[str, str]:
        return self.fields if self.subject else {**self.fields, **self.adult_fields}

    def full_name(self) -> str | None:
        """Split name fields as one name ('Noor' + 'ten Brink'), else the 'Naam' field."""
        c = self.cells
        given = c.get("roepnaam") or (c.get("voornamen") or "").split(" ")[0]
        if c.get("achternaam") and given:
            return " ".join(x for x in (given, *surname_parts(c.get("voorvoegsel", ""), c["achternaam"])) if x)
        return c.get("naam") or None

    def given_name(self) -> str | None:
        c = self.cells
        given = c.get("roepnaam") or (c.get("voornamen") or "").split(" ")[0]
        if given and c.get("achternaam"):
            return given
        naam = c.get("naam") or ""
        if "," in naam:  # 'Brink, Noor ten'
            after = naam.split(",", 1)[1].split()
            return after[0] if after else None
        return naam.split(" ")[0] or None


_NAME_PARTS = {"naam", "roepnaam", "voornamen", "achternaam"}


def surname_parts(voorvoegsel: str, achternaam: str) -> tuple[str, str]:
    """(voorvoegsel, achternaam) with an administrative 'Schuijt, van der' in the surname field put in
    reading order, as the register's name forms are."""
    name, comma, after = achternaam.partition(",")
    if comma and after.split() and all(w.lower() in PARTICLES for w in after.split()):
        return " ".join(x for x in (voorvoegsel.strip(), after.strip()) if x), name.strip()
    return voorvoegsel.strip(), achternaam.strip()


def records(units: list[TextUnit]) -> dict[str, FormRecord]:
    """The name fields of each record, from the cells that have a record and a column."""
    out: dict[str, FormRecord] = {}
    for u in units:
        if u.record is None or not u.column:
            continue
        rec = out.get(u.record)
        if rec is None:
            rec = out[u.record] = FormRecord(u.record)
        rec.labels.append(u.column)
        fld = name_field(u.column)
        if fld is None:
            continue
        target = rec.adult_fields if role_of(u.column) == "adult" else rec.fields
        target.setdefault(fld, u.text.strip())
    return out


def document_record(record: str | None) -> bool:
    """A form section or a document table row (not a sheet or database row)."""
    return bool(record) and record.startswith((FORM_RECORD + " ", TABLE_RECORD + " "))  # type: ignore[union-attr]
