"""Allow-listed people (staff, parents): found as PERSON, but never a pupil or an unknown child."""

from __future__ import annotations

from scanner.config import RecordFile, ScanConfig
from scanner.records.headers import record_headers
from scanner.records.tabular import RowProblem, clean, read_records

FIELDS = ("naam", "voornaam", "voorvoegsel", "achternaam")  # headers: config/record_columns.yaml


def load_people(spec: RecordFile, cfg: ScanConfig) -> tuple[list[str], list[RowProblem]]:
    name, rows = read_records(spec, cfg, record_headers("people", FIELDS), [])
    people: list[str] = []
    problems: list[RowProblem] = []
    for n, row in rows:
        full = clean(row.get("naam")) or " ".join(
            p for p in (clean(row.get("voornaam")), clean(row.get("voorvoegsel")),
                        clean(row.get("achternaam"))) if p)
        if full:
            people.append(full)
        else:
            problems.append(RowProblem(name, n, "naam", "geen naam; rij overgeslagen"))
    return people, problems
