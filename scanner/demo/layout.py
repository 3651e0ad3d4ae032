"""Small building blocks every document template uses: dates as Dutch schools write them, the
letterhead with the school's own (decoy) address, BRIN and KvK, and block constructors."""

from __future__ import annotations

from datetime import date

from scanner.demo.model import Block, Fact, Organisation, School, Staff

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def d(day: date) -> str:
    """dd-mm-yyyy."""
    return day.strftime("%d-%m-%Y")


def long_date(day: date) -> str:
    """'3 maart 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def fmt_date(day: date, fmt: str) -> str:
    """A date in one of the ways Dutch forms write it: 'dd-mm-yyyy', 'd-m-yyyy', 'dd/mm/yyyy', 'iso',
    'long' ('12 maart 2014')."""
    if fmt == "d-m-yyyy":
        return f"{day.day}-{day.month}-{day.year}"
    if fmt == "dd/mm/yyyy":
        return day.strftime("%d/%m/%Y")
    if fmt == "iso":
        return day.isoformat()
    if fmt == "long":
        return long_date(day)
    return d(day)


# How minutes abbreviate functions when they write staff by initials ('A. van Dijk (IB)').
FUNCTION_SHORT = {"intern begeleider": "IB", "schoolmaatschappelijk werker": "SMW", "directeur-bestuurder": "directeur",
                  "administratief medewerker": "administratie"}


def staff_ref(person: Staff, ref: str = "full") -> str:
    """'Anouk van Dijk (intern begeleider)' or, where the school writes initials, 'A. van Dijk (IB)'."""
    if ref == "initials":
        return f"{person.initial_form} ({FUNCTION_SHORT.get(person.function, person.function)})"
    return f"{person.full} ({person.function})"


def school_year(day: date) -> str:
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


def letterhead(org: Organisation, school: School) -> Block:
    return Block("para", org.letterhead.format(org=org.name, school=school.name, description=school.description,
                                               street=school.street, postcode=school.postcode, city=school.city,
                                               brin=school.brin, kvk=org.kvk, phone=school.phone))


def title(text: str) -> Block:
    return Block("title", text)


def heading(text: str) -> Block:
    return Block("heading", text)


def para(text: str) -> Block:
    return Block("para", text)


def facts_para(facts: list[Fact]) -> Block:
    return Block("para", " ".join(f.text for f in facts))


def form(rows: list[tuple[str, object]]) -> Block:
    return Block("form", rows=[[label, value] for label, value in rows])


def bullets(items: list[str]) -> Block:
    return Block("bullets", rows=[[i] for i in items])


def table(rows: list[list[object]]) -> Block:
    return Block("table", rows=rows)
