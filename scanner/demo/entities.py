"""The entity truth of a generated school: every planted value, per file or row, exactly as written.

The generator knows every person, address, number and diagnosis it planted, so the truth is found by
looking for those known values in the text each document renders to (the same text the writers put in
the file). Nothing is guessed: a value is listed only where one of the school's own people or terms
was written, and values that merely look like personal data (the school's own address, BRIN, KvK,
invoice numbers, meeting dates) are listed as decoys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from scanner.demo.care import DIAGNOSES, SHORT, SIBLING_CONDITIONS
from scanner.demo.layout import fmt_date, long_date
from scanner.demo.model import Doc, Person, Plan, Pupil, Row
from scanner.demo.names import SIBLING_NAMES
from scanner.demo.writers import text_lines

HEALTH_TERMS = tuple(sorted({*DIAGNOSES, *SHORT.values(), *SIBLING_CONDITIONS, "autisme", "TIQ", "WISC-V",
                             *(drug for _, meds in DIAGNOSES.values() for drug, _ in meds)},
                           key=lambda t: (-len(t), t)))  # ties by text: a set's order changes per process
DATE_FORMATS = ("dd-mm-yyyy", "d-m-yyyy", "dd/mm/yyyy", "iso", "long")
_ANY_DATE = re.compile(r"(?<![\d/-])(?:\d{1,2}[-/]\d{1,2}[-/]\d{4}|\d{4}-\d{2}-\d{2})(?![\d/-])")
_KIN = re.compile(r"\b(?:[Bb]roertje|[Zz]usje) ([A-Z][a-z]+)")
NAME_HEADERS = ("naam", "roepnaam", "achternaam", "voornaam", "leerling", "ouder/verzorger")


def _cell(value: object) -> str:
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return "" if value is None else str(value)


def doc_text(doc: Doc) -> str:
    """The text a scanner reads from the document (headers of an e-mail included)."""
    lines = []
    if doc.mail:
        lines += [f"From: {doc.mail.sender}", f"To: {doc.mail.to}", f"Subject: {doc.mail.subject}"]
    lines += text_lines(doc.blocks)
    lines += [" | ".join(_cell(v) for v in row) for sheet in _sheets(doc) for row in sheet]
    return "\n".join(lines)


def _sheets(doc: Doc) -> list[list[list[object]]]:
    return [doc.sheet, *(rows for _, rows in doc.more_sheets)]


def row_text(row: Row) -> str:
    return "\n".join(_cell(v) for k, v in row.values.items() if k not in ("id", "leerling_id", "leerlingnummer"))


class Finder:
    """Finds known values in a text; longer values first, and a shorter one only outside a longer hit."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken: list[tuple[int, int]] = []

    def find(self, value: str, claim: bool = True) -> bool:
        if not value or len(value) < 2 or value not in self.text:
            return False
        rx = re.compile(r"(?<![\w@.])" + re.escape(value) + r"(?![\w@])")
        free = [m.span() for m in rx.finditer(self.text)
                if not any(a <= m.start() < b or a < m.end() <= b for a, b in self.taken)]
        if claim:  # every occurrence: a part of a name is only listed where it stands on its own
            self.taken.extend(free)
        return bool(free)


def _person_forms(p: Person) -> list[str]:
    forms = [p.full, p.sorted_name, p.initial_form, f"{p.roepnaam} {p.achternaam[0]}."]
    if p.voorvoegsel:  # 'de Vries, Sanne': class lists that keep the prefix in front
        forms.append(f"{p.surname}, {p.roepnaam}")
    if isinstance(p, Pupil):  # 'Boer, J.J. (Jesse) de': Magister-style lists
        forms.append(p.magister_name)
    if isinstance(p, Pupil) and p.voornamen and p.voornamen != p.roepnaam:
        forms += [f"{p.voornamen} {p.surname}", p.voornamen]
    return forms


def people(plan: Plan, applicants: Iterable[Pupil], contacts: Iterable[Person]) -> list[Person]:
    out: list[Person] = [*plan.pupils, *applicants, *plan.staff, *contacts]
    seen = {id(p) for p in out}
    for p in [*plan.pupils, *applicants]:
        for parent in p.parents:
            if id(parent) not in seen:
                seen.add(id(parent))
                out.append(parent)
    return out


def entities_in(text: str, everyone: list[Person], subjects: list[Pupil], pupils: list[Pupil]
                ) -> list[tuple[str, str]]:
    """(entity_type, value) pairs planted in this text, each value once."""
    found: list[tuple[str, str]] = []
    names = Finder(text)
    present: list[Person] = []
    forms = sorted(((f, p) for p in everyone for f in _person_forms(p)), key=lambda fp: -len(fp[0]))
    for form, person in forms:
        if names.find(form):
            found.append(("PERSON", form))
            present.append(person)
    for person in {id(p): p for p in [*present, *subjects]}.values():
        for part in (person.roepnaam, person.surname):  # 'Roepnaam: Noor', 'Achternaam: ten Brink'
            if names.find(part):
                found.append(("PERSON", part))
    for sibling in _KIN.findall(text):
        if sibling in SIBLING_NAMES:
            found.append(("PERSON", sibling))
    values = Finder(text)
    for p in pupils:
        if values.find(p.address) or values.find(p.address.replace(" ", "\xa0")):
            found.append(("ADDRESS", p.address))
        if values.find(p.postcode):
            found.append(("NL_POSTCODE", p.postcode))
        for fmt in DATE_FORMATS:
            if values.find(fmt_date(p.geboortedatum, fmt)):
                found.append(("DATE_OF_BIRTH", fmt_date(p.geboortedatum, fmt)))
        for bsn in (p.bsn, f"{p.bsn[:3]} {p.bsn[3:6]} {p.bsn[6:]}") if p.bsn else ():
            if values.find(bsn):
                found.append(("NL_BSN", bsn))
        if p.onderwijsnummer and values.find(p.onderwijsnummer):
            found.append(("NL_ONDERWIJSNUMMER", p.onderwijsnummer))
    kinds = {"phone": "PHONE_NUMBER", "email": "EMAIL_ADDRESS", "iban": "IBAN_CODE"}
    for person in everyone:
        for attr, kind in kinds.items():
            value = getattr(person, attr, "")
            if value and values.find(value):
                found.append((kind, value))
    terms = Finder(text)
    for term in HEALTH_TERMS:
        if terms.find(term):
            found.append(("HEALTH", term))
    return list(dict.fromkeys(found))


def decoys_in(text: str, plan: Plan, births: set[str], extra: Iterable[tuple[str, str, str]] = ()
              ) -> list[tuple[str, str, str]]:
    """(decoy_kind, value, must_not_be_reported_as): the school's own data and dates that are no birth date."""
    out: list[tuple[str, str, str]] = []
    finder = Finder(text)
    org = plan.organisation
    for school in org.schools:
        for kind, value, as_ in (("ADDRESS", school.street, "ADDRESS"), ("NL_POSTCODE", school.postcode, "NL_POSTCODE"),
                                 ("BRIN", school.brin, "ANY"), ("PHONE_NUMBER", school.phone, "PHONE_NUMBER")):
            if finder.find(value, claim=False):
                out.append((kind, value, as_))
    if finder.find(org.kvk, claim=False):
        out.append(("KVK", org.kvk, "ANY"))
    for m in _ANY_DATE.finditer(text):
        if m.group(0) not in births:
            out.append(("DATE", m.group(0), "DATE_OF_BIRTH"))
    for kind, value, as_ in extra:
        if finder.find(value, claim=False):
            out.append((kind, value, as_))
    return list(dict.fromkeys(out))


def birth_strings(pupils: Iterable[Pupil]) -> set[str]:
    return {fmt_date(p.geboortedatum, f) for p in pupils for f in DATE_FORMATS} | \
        {long_date(p.geboortedatum) for p in pupils}


def sheet_names(doc: Doc) -> list[tuple[str, str]]:
    """PERSON values of a spreadsheet: the cells of its name columns (split columns each count)."""
    out: list[tuple[str, str]] = []
    for sheet in _sheets(doc):
        if not sheet:
            continue
        header = [str(h).lower() for h in sheet[0]]
        cols = [i for i, h in enumerate(header) if any(h == n or h.startswith("naam") for n in NAME_HEADERS)
                and h != "voorvoegsel"]
        out += [("PERSON", str(row[i])) for row in sheet[1:] for i in cols if i < len(row) and row[i]]
    return out
