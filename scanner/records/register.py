"""The pupil register (leerlingenregister) as exported from the LAS."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stdnum.nl import bsn as std_bsn
from stdnum.nl import onderwijsnummer as std_onr

from scanner.config import RecordFile, ScanConfig
from scanner.kernel.dates import parse_date
from scanner.records.headers import record_headers
from scanner.records.tabular import RowProblem, clean, read_records

FIELDS = ("leerlingnummer", "achternaam", "voorvoegsel", "roepnaam", "voornamen", "geboortedatum", "bsn",
          "onderwijsnummer", "school", "groep", "inschrijving", "uitschrijving")  # headers: config/record_columns.yaml
REQUIRED = ["leerlingnummer", "achternaam", "roepnaam", "geboortedatum", "uitschrijving"]


@dataclass(frozen=True)
class Pupil:
    leerlingnummer: str
    achternaam: str
    voorvoegsel: str
    roepnaam: str
    voornamen: str
    geboortedatum: date | None
    bsn: str
    onderwijsnummer: str
    school: str
    groep: str
    inschrijving: date | None
    uitschrijving: date | None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.roepnaam, self.voorvoegsel, self.achternaam) if p)


def _digits(value: object) -> str:
    return "".join(c for c in clean(value) if c.isdigit())


def _pupil(n: int, row: dict[str, object], name: str, problems: list[RowProblem]) -> Pupil | None:
    nummer = clean(row.get("leerlingnummer"))
    if not nummer:
        problems.append(RowProblem(name, n, "leerlingnummer", "leeg; rij overgeslagen"))
        return None
    dates: dict[str, date | None] = {}
    for fld in ("geboortedatum", "inschrijving", "uitschrijving"):
        raw = clean(row.get(fld))
        dates[fld] = parse_date(raw)
        if raw and dates[fld] is None:
            problems.append(RowProblem(name, n, fld, "geen datum; rij overgeslagen"))
            return None
    bsn, onr = _digits(row.get("bsn")), _digits(row.get("onderwijsnummer"))
    if bsn and not std_bsn.is_valid(bsn.zfill(9)):
        problems.append(RowProblem(name, n, "bsn", "voldoet niet aan de 11-proef; BSN genegeerd"))
        bsn = ""
    if onr and not std_onr.is_valid(onr):
        problems.append(RowProblem(name, n, "onderwijsnummer", "ongeldig; genegeerd"))
        onr = ""
    return Pupil(
        leerlingnummer=nummer, achternaam=clean(row.get("achternaam")),
        voorvoegsel=clean(row.get("voorvoegsel")), roepnaam=clean(row.get("roepnaam")),
        voornamen=clean(row.get("voornamen")), geboortedatum=dates["geboortedatum"],
        bsn=bsn.zfill(9) if bsn else "", onderwijsnummer=onr, school=clean(row.get("school")),
        groep=clean(row.get("groep")), inschrijving=dates["inschrijving"],
        uitschrijving=dates["uitschrijving"],
    )


def load_register(spec: RecordFile, cfg: ScanConfig) -> tuple[list[Pupil], list[RowProblem]]:
    name, rows = read_records(spec, cfg, record_headers("register", FIELDS), REQUIRED)
    pupils: list[Pupil] = []
    problems: list[RowProblem] = []
    seen: set[str] = set()
    for n, row in rows:
        pupil = _pupil(n, row, name, problems)
        if pupil is None:
            continue
        if pupil.leerlingnummer in seen:
            problems.append(RowProblem(name, n, "leerlingnummer",
                                       f"{pupil.leerlingnummer} komt dubbel voor; rij overgeslagen"))
            continue
        seen.add(pupil.leerlingnummer)
        pupils.append(pupil)
        problems += _replaced_characters(name, n, row)
    return pupils, problems


_REPLACED = re.compile(r"\ufffd|(?<=\w)\?|\?(?=\w)")
NAME_FIELDS = ("achternaam", "voorvoegsel", "roepnaam", "voornamen")


def _replaced_characters(name: str, n: int, row: dict[str, object]) -> list[RowProblem]:
    """A register exported as ANSI (Windows-1252) has '?' for letters that code page lacks (ń, ğ, ş):
    the name is then linked wrongly or not at all, so the FG must hear of it."""
    return [RowProblem(name, n, fld, "naam bevat een vervangen teken ('?'): het bestand is waarschijnlijk als "
                       "ANSI/Windows-1252 opgeslagen, waarin letters als ń, ğ en ş niet bestaan; exporteer het "
                       "register als UTF-8, anders wordt deze leerling niet goed herkend")
            for fld in NAME_FIELDS if _REPLACED.search(str(row.get(fld) or ""))]
