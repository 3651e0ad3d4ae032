"""Small building blocks every document template uses: dates as Dutch schools write them, the
letterhead with the school's own (decoy) address, BRIN and KvK, and block constructors."""

from __future__ import annotations

from datetime import date

from scanner.demo.model import Block, Fact, Organisation, School

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")


def d(day: date) -> str:
    """dd-mm-yyyy."""
    return day.strftime("%d-%m-%Y")


def long_date(day: date) -> str:
    """'3 maart 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def school_year(day: date) -> str:
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}-{start + 1}"


def letterhead(org: Organisation, school: School) -> Block:
    return Block("para", f"{org.name} | {school.name}, {school.description} | {school.street}, {school.postcode} "
                         f"{school.city} | BRIN {school.brin} | KvK {org.kvk}")


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
