"""Plain data of the demo school: who is in it, what is written where, and what the scanner should report.

The planner fills these; the writers only render them. Keeping the plan free of I/O is what makes the
school reproducible for a seed and lets the truth be derived from the same facts the files are written
from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Consent categories as schools record them (docs/rules.md); the truth is computed in these terms.
ONDERWIJS, GEZONDHEID, ONTWIKKELING, GEZIN = "onderwijsgegevens", "gezondheid", "ontwikkeling", "gezinssituatie"
CATEGORIES = (ONDERWIJS, GEZONDHEID, ONTWIKKELING, GEZIN)


@dataclass(frozen=True)
class School:
    name: str
    kind: str  # 'SO' (4-12) or 'VSO' (12-20)
    brin: str
    street: str
    postcode: str
    city: str
    phone: str
    domain: str  # e-mail domain of the organisation's staff

    @property
    def description(self) -> str:
        return "school voor speciaal onderwijs" if self.kind == "SO" else "school voor voortgezet speciaal onderwijs"


@dataclass(frozen=True)
class Organisation:
    name: str
    kvk: str
    schools: tuple[School, ...]
    # How this organisation's letterhead reads; fields: org, school, description, street, postcode, city,
    # brin, kvk, phone. Each school board has its own house style.
    letterhead: str = ("{org} | {school}, {description} | {street}, {postcode} {city} | BRIN {brin} | KvK {kvk}")


@dataclass(eq=False)
class Person:
    """A name split the way a Dutch register keeps it."""

    roepnaam: str
    voorvoegsel: str
    achternaam: str

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.roepnaam, self.voorvoegsel, self.achternaam) if p)

    @property
    def surname(self) -> str:
        return " ".join(p for p in (self.voorvoegsel, self.achternaam) if p)

    @property
    def sorted_name(self) -> str:
        """'Vries, Sanne de': how LAS lists and dossier folders write a name."""
        return f"{self.achternaam}, {self.roepnaam}{' ' + self.voorvoegsel if self.voorvoegsel else ''}"

    @property
    def initial_form(self) -> str:
        """'S. de Vries'."""
        return f"{self.roepnaam[0]}. {self.surname}"


@dataclass(eq=False)
class Staff(Person):
    function: str = ""
    school: str = ""  # school name, or '' for the whole organisation
    email: str = ""
    phone: str = ""


@dataclass(eq=False)
class Contact(Person):
    """Someone at an external party (a care worker, the SWV's secretary): nobody allow-lists them."""

    email: str = ""
    sex: str = "V"

    @property
    def addressed(self) -> str:
        """'mw. J. de Boer', as a letter's contact line writes it."""
        return f"{'mw.' if self.sex == 'V' else 'dhr.'} {self.initial_form}"


@dataclass(eq=False)
class Parent(Person):
    relatie: str = "moeder"  # moeder, vader, pleegmoeder, ...
    phone: str = ""
    email: str = ""
    iban: str = ""
    gezag: bool = True


@dataclass
class Fact:
    """One sentence about a pupil and the consent category it belongs to."""

    text: str
    category: str


@dataclass
class CareProfile:
    """What a special school knows about a pupil: diagnoses, medication, tests, youth care, family."""

    diagnoses: list[tuple[str, int, str]] = field(default_factory=list)  # (diagnosis, year, by whom)
    medication: list[tuple[str, str, str]] = field(default_factory=list)  # (drug, dose, when)
    tiq: tuple[int, int] | None = None  # (TIQ, year of the WISC-V)
    youth_care: str | None = None  # key into care.YOUTH_CARE
    religion: str | None = None  # key into care.RELIGION
    background: str | None = None  # key into care.BACKGROUND (ethnicity / migration)
    family: str | None = None  # key into care.FAMILY
    outflow: str = "praktijkonderwijs"


@dataclass(eq=False)
class Pupil(Person):
    id: int = 0  # primary key in las.db
    leerlingnummer: str = ""
    voornamen: str = ""
    geslacht: str = "M"
    geboortedatum: date = date(2015, 1, 1)
    bsn: str = ""
    onderwijsnummer: str = ""
    school: School | None = None
    organisation: Organisation | None = None  # the board of `school` (its other school is where pupils move on)
    inschrijving: date = date(2020, 8, 20)
    uitschrijving: date | None = None
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    woonplaats: str = "Almere"
    origin: str = "nl"  # name group: nl, tr, ma, sr, pl, sy, gh
    care: CareProfile = field(default_factory=CareProfile)
    parents: list[Parent] = field(default_factory=list)
    status: str = "current"  # current, left (less than 3 years ago), expired (more than 3 years ago)

    @property
    def pronoun(self) -> str:
        return "hij" if self.geslacht == "M" else "zij"

    @property
    def possessive(self) -> str:
        return "zijn" if self.geslacht == "M" else "haar"

    @property
    def address(self) -> str:
        return f"{self.straat} {self.huisnummer}"

    @property
    def voorletters(self) -> str:
        """'J.J.': the initials of the official first names, as Magister lists them."""
        return "".join(f"{n[0]}." for n in (self.voornamen or self.roepnaam).split())

    @property
    def magister_name(self) -> str:
        """'Boer, J.J. (Jesse) de': how Magister-style lists write a pupil."""
        prefix = f" {self.voorvoegsel}" if self.voorvoegsel else ""
        return f"{self.achternaam}, {self.voorletters} ({self.roepnaam}){prefix}"

    @property
    def folder(self) -> str:
        """Dossier folder name: 'Vries, Sanne de (20345)'."""
        return f"{self.sorted_name} ({self.leerlingnummer})"


@dataclass
class Consent:
    id: str
    leerlingnummer: str
    partij: str
    gegevens: tuple[str, ...]
    doel: str
    gegeven_door: str
    datum_gegeven: date
    geldig_tot: date | None = None
    ingetrokken_op: date | None = None


@dataclass
class Block:
    """A piece of a document: 'title', 'heading', 'para', 'form' (label|value rows), 'table', 'bullets'."""

    kind: str
    text: str = ""
    rows: list[list[object]] = field(default_factory=list)


@dataclass
class Mail:
    sender: str  # 'Name <address>'
    to: str
    subject: str
    cc: str = ""


@dataclass
class Place:
    """Where data sits and what the rules need to know about it; the truth is computed from this."""

    source: str  # 'share' or 'las'
    path: str  # share-relative path, or 'table:<name>#<pk>'
    role: str | None = None
    party: str | None = None
    subjects: list[Pupil] = field(default_factory=list)  # pupils the data is about (and is linkable to)
    categories: dict[str, set[str]] = field(default_factory=dict)  # leerlingnummer -> consent categories
    share_date: date | None = None
    bsn: bool = False  # a BSN is written in it
    personal: bool = False  # personal data of anyone but staff
    world_readable: bool = False
    unknown_children: list[str] = field(default_factory=list)  # names of children not in the register
    legal_hold: bool = False
    needs: str = ""  # what the scanner needs to see the pupil ('' or 'foreign key', 'ner'); for the report
    note: str = ""


@dataclass
class Doc:
    """A file on the share: rendered by the writer for its suffix."""

    place: Place
    date: date
    title: str
    blocks: list[Block] = field(default_factory=list)
    sheet: list[list[object]] = field(default_factory=list)  # xlsx/csv: header row first
    sheet_name: str = "Blad1"
    more_sheets: list[tuple[str, list[list[object]]]] = field(default_factory=list)  # xlsx: further tabs
    delimiter: str = ";"  # csv: ',' exports quote every field
    mail: Mail | None = None
    mode: int = 0o640
    author: str = ""
    xml_indented: bool = False  # odt: the office suite writes its XML indented (not as LibreOffice does)


@dataclass
class Row:
    """A row in las.db; `values` in column order of its table."""

    place: Place
    table: str
    values: dict[str, object]


@dataclass
class Expected:
    rule: str
    source: str
    path: str
    leerlingnummer: str | None
    note: str = ""


@dataclass
class Plan:
    seed: int
    as_of: date
    organisation: Organisation
    staff: list[Staff]
    pupils: list[Pupil]
    consents: list[Consent] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    parties: dict[str, str] = field(default_factory=dict)  # share folder -> party name
    exempt: tuple[str, ...] = ()
    style: str = "flevo"  # key of the school's house style (scanner.demo.styles)
    applicants: list[Pupil] = field(default_factory=list)  # children in application forms, not in the register
    contacts: list[Contact] = field(default_factory=list)  # people at external parties named in documents
    # issue 13's namesakes: (kind 'staff'/'contact'/'parent', the adult's full name, the former pupil's number)
    namesakes: list[tuple[str, str, str]] = field(default_factory=list)
    traps: dict[str, list[str]] = field(default_factory=dict)  # trap class -> paths where it is planted
