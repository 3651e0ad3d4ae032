"""The record files the scanner checks against: the register export and the consent records.

The register is a LAS export (';', Dutch headers, dd-mm-yyyy); consents are written twice, as the
CSV an administrator exports and as the spreadsheet a care coordinator keeps (typed date cells), with
the same rows, so either can be configured.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from scanner.demo.model import Consent, Doc, Place, Plan
from scanner.demo.people import group_on
from scanner.demo.styles import style_by_name
from scanner.demo.writers import xlsx_bytes

REGISTER_HEADER = ["Leerlingnummer", "Achternaam", "Voorvoegsel", "Roepnaam", "Geboortedatum", "BSN",
                   "Onderwijsnummer", "School", "Groep", "Datum inschrijving", "Datum uitschrijving"]
CONSENT_HEADER = ["id", "leerlingnummer", "partij", "gegevens", "doel", "gegeven_door", "datum_gegeven",
                  "geldig_tot", "ingetrokken_op"]


def _d(value: object) -> str:
    return value.strftime("%d-%m-%Y") if hasattr(value, "strftime") else ("" if value is None else str(value))


def register_rows(plan: Plan) -> list[list[object]]:
    rows: list[list[object]] = []
    for p in plan.pupils:
        assert p.school is not None
        rows.append([p.leerlingnummer, p.achternaam, p.voorvoegsel, p.roepnaam, p.geboortedatum, p.bsn,
                     p.onderwijsnummer, p.school.name, group_on(p, p.uitschrijving or plan.as_of), p.inschrijving,
                     p.uitschrijving])
    return rows


# How care coordinators actually type the giver; the scanner must read all of them as the same giver.
GIVER_WORDING = {"ouder": ("ouder", "Ouder", "ouders", "ouder/verzorger"),
                 "ouder+leerling": ("ouder+leerling", "Ouder + leerling", "ouder en leerling", "ouders en leerling"),
                 "leerling": ("leerling", "Leerling")}


def written_giver(c: Consent, wording: dict[str, tuple[str, ...]] | None = None) -> str:
    """A wording of `gegeven_door`, fixed per record (chosen from the record number, not at random);
    `wording`: the school's own way of typing it (GIVER_WORDING when not given)."""
    variants = (wording or GIVER_WORDING).get(c.gegeven_door, (c.gegeven_door,))
    return variants[int(c.id[1:]) % len(variants)] if c.id[1:].isdigit() else variants[0]


def consent_row(c: Consent, wording: dict[str, tuple[str, ...]] | None = None) -> list[object]:
    return [c.id, c.leerlingnummer, c.partij, ",".join(c.gegevens), c.doel, written_giver(c, wording),
            c.datum_gegeven, c.geldig_tot, c.ingetrokken_op]


def _csv(header: list[str], rows: list[list[object]], delimiter: str = ";") -> bytes:
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if delimiter == "," else csv.QUOTE_MINIMAL  # ',' exports quote every field
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n", quoting=quoting)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_d(v) for v in row])
    return buf.getvalue().encode("utf-8")


def write_records(folder: Path, plan: Plan) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"register": folder / "leerlingen.csv", "consents_csv": folder / "toestemmingen.csv",
             "consents_xlsx": folder / "toestemmingen.xlsx"}
    style = style_by_name(plan.style)
    if style.register_export is not None:  # a LAS with its own columns and its own CSV dialect
        header, rows, delimiter = style.register_export(plan)
        paths["register"].write_bytes(_csv(header, rows, delimiter))
    else:
        header = list(style.register_header)  # each LAS exports its own column names
        paths["register"].write_bytes(_csv(header, register_rows(plan)))
    consents = [consent_row(c, style.giver_wording) for c in plan.consents]
    paths["consents_csv"].write_bytes(_csv(CONSENT_HEADER, consents))
    sheet = Doc(Place("records", "toestemmingen.xlsx"), plan.as_of, "Toestemmingen",
                sheet=[CONSENT_HEADER, *consents], sheet_name="Toestemmingen")
    paths["consents_xlsx"].write_bytes(xlsx_bytes(sheet))
    for p in paths.values():
        p.chmod(0o640)
    return paths
