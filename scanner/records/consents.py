"""Consent records (toestemmingen): who agreed to share which data with which party, and when."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scanner.config import RecordFile, ScanConfig
from scanner.kernel.dates import parse_date
from scanner.records.headers import record_headers
from scanner.records.tabular import RowProblem, clean, read_records

FIELDS = ("id", "leerlingnummer", "partij", "gegevens", "doel", "gegeven_door", "datum_gegeven", "geldig_tot",
          "ingetrokken_op")  # headers: config/record_columns.yaml
REQUIRED = ["leerlingnummer", "partij", "gegevens", "gegeven_door", "datum_gegeven"]


@dataclass(frozen=True)
class Consent:
    id: str
    leerlingnummer: str
    partij: str
    gegevens: frozenset[str]
    gegeven_door: str
    datum_gegeven: date
    geldig_tot: date | None
    ingetrokken_op: date | None


PARENT_WORDS = {"ouder", "ouders", "verzorger", "verzorgers", "voogd", "voogden", "gezaghebbende", "gezaghebbenden",
                "wettelijk", "wettelijke", "vertegenwoordiger", "vertegenwoordigers", "moeder", "vader",
                "pleegouder", "pleegouders", "gezinsvoogd"}
PUPIL_WORDS = {"leerling", "kind", "jongere", "pupil", "student", "deelnemer"}
FILLER = {"de", "het", "beide", "zelf", "en/of"}


def _role(part: str) -> str:
    """'ouder(s)/verzorger(s)', 'beide ouders', 'wettelijk vertegenwoordiger' -> 'ouder'; 'de leerling zelf' ->
    'leerling'; anything else as written."""
    plain = re.sub(r"\((?:s|en|n)\)", "s", part)  # ouder(s) -> ouders
    words = [w for w in re.split(r"[\s/]+", plain) if w and w not in FILLER and not w.isdigit()]
    if words and all(w in PARENT_WORDS for w in words):
        return "ouder"
    if words and all(w in PUPIL_WORDS for w in words):
        return "leerling"
    return part


def normalise_giver(text: str) -> str:
    """'Ouder + leerling', 'leerling en ouder(s)' and 'ouder+leerling' are the same giver.

    Parents, guardians and legal representatives all count as 'ouder'; the pupil as 'leerling'.
    Anything else is kept as written, so it never silently matches a requirement.
    """
    plain = re.sub(r"\((?!s\)|en\)|n\))[^)]*\)", " ", text.strip().lower())  # a note: 'leerling (16+)'
    parts = [p.strip() for p in re.split(r"\s*(?:\+|&|,|\ben\b|\bmet\b)\s*", plain) if p.strip()]
    roles = {_role(re.sub(r"\s+", " ", p)) for p in parts}
    order = {"ouder": 0, "leerling": 1}
    return "+".join(sorted(roles, key=lambda r: (order.get(r, 2), r)))


def _consent(n: int, row: dict[str, object], name: str, problems: list[RowProblem]) -> Consent | None:
    for fld in REQUIRED:
        if not clean(row.get(fld)):
            problems.append(RowProblem(name, n, fld, "leeg; rij overgeslagen"))
            return None
    dates: dict[str, date | None] = {}
    for fld in ("datum_gegeven", "geldig_tot", "ingetrokken_op"):
        raw = clean(row.get(fld))
        dates[fld] = parse_date(raw)
        if raw and dates[fld] is None:
            problems.append(RowProblem(name, n, fld, "geen datum; rij overgeslagen"))
            return None
    cats = frozenset(c.strip().lower() for c in re.split(r"[,;/]", clean(row.get("gegevens"))) if c.strip())
    given = dates["datum_gegeven"]
    assert given is not None
    return Consent(
        id=clean(row.get("id")) or f"rij {n}", leerlingnummer=clean(row.get("leerlingnummer")),
        partij=clean(row.get("partij")), gegevens=cats,
        gegeven_door=normalise_giver(clean(row.get("gegeven_door"))), datum_gegeven=given,
        geldig_tot=dates["geldig_tot"], ingetrokken_op=dates["ingetrokken_op"],
    )


def load_consents(spec: RecordFile, cfg: ScanConfig) -> tuple[list[Consent], list[RowProblem]]:
    name, rows = read_records(spec, cfg, record_headers("consents", FIELDS), REQUIRED)
    consents: list[Consent] = []
    problems: list[RowProblem] = []
    for n, row in rows:
        c = _consent(n, row, name, problems)
        if c is not None:
            consents.append(c)
    return consents, problems
