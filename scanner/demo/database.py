"""las.db: the school's administration system (LAS) as SQLite.

The register (`leerlingen`, `ouders`) is reference data; `zorgnotities` and `verzuim` refer to it by a
foreign key `leerling_id` (as ParnasSys-like systems do, without the leerlingnummer in the row), and
`export_samenwerkingsverband` is what goes out to the Samenwerkingsverband, keyed by leerlingnummer and
dated by `datum_export`. Two more exports are issue 13's date traps: `overdracht_jeugdhulp` has a `geb_datum`
beside its sending date `verzonden_op`, `aanmelding_gezinsteam` has no date column at all.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scanner.demo.model import Plan, Pupil
from scanner.demo.people import group_on

SCHEMA = """
CREATE TABLE leerlingen (
    id INTEGER PRIMARY KEY, leerlingnummer TEXT UNIQUE NOT NULL, achternaam TEXT, voorvoegsel TEXT, roepnaam TEXT,
    voornamen TEXT, geslacht TEXT, geboortedatum TEXT, bsn TEXT, onderwijsnummer TEXT, straat TEXT, huisnummer TEXT,
    postcode TEXT, woonplaats TEXT, school TEXT, groep TEXT, inschrijfdatum TEXT, uitschrijfdatum TEXT);
CREATE TABLE ouders (
    id INTEGER PRIMARY KEY, leerling_id INTEGER NOT NULL REFERENCES leerlingen(id), relatie TEXT, voornaam TEXT,
    voorvoegsel TEXT, achternaam TEXT, telefoon TEXT, email TEXT, iban TEXT, gezag INTEGER);
CREATE TABLE zorgnotities (
    id INTEGER PRIMARY KEY, leerling_id INTEGER NOT NULL REFERENCES leerlingen(id), datum TEXT, auteur TEXT,
    categorie TEXT, tekst TEXT);
CREATE TABLE verzuim (
    id INTEGER PRIMARY KEY, leerling_id INTEGER NOT NULL REFERENCES leerlingen(id), datum TEXT, soort TEXT,
    uren REAL, opmerking TEXT);
CREATE TABLE export_samenwerkingsverband (
    id INTEGER PRIMARY KEY, leerlingnummer TEXT, naam TEXT, geboortedatum TEXT, bsn TEXT, school TEXT, groep TEXT,
    diagnose TEXT, ondersteuningsbehoefte TEXT, datum_export TEXT);
CREATE TABLE overdracht_jeugdhulp (
    id INTEGER PRIMARY KEY, leerlingnummer TEXT, achternaam TEXT, voornaam TEXT, geb_datum TEXT, diagnose TEXT,
    medicatie TEXT, verzonden_op TEXT);
CREATE TABLE aanmelding_gezinsteam (
    id INTEGER PRIMARY KEY, leerlingnummer TEXT, naam TEXT, adres TEXT, postcode TEXT, woonplaats TEXT, hulpvraag TEXT);
"""


def _pupil_row(p: Pupil, as_of_group: str) -> tuple[object, ...]:
    assert p.school is not None
    return (p.id, p.leerlingnummer, p.achternaam, p.voorvoegsel or None, p.roepnaam, p.voornamen, p.geslacht,
            p.geboortedatum.isoformat(), p.bsn or None, p.onderwijsnummer or None, p.straat, p.huisnummer, p.postcode,
            p.woonplaats, p.school.name, as_of_group, p.inschrijving.isoformat(),
            p.uitschrijving.isoformat() if p.uitschrijving else None)


def write_database(path: Path, plan: Plan) -> None:
    """Create las.db from scratch (an existing file is replaced)."""
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA synchronous = OFF")  # a generated file: no need to wait for the disk
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO leerlingen VALUES (" + ",".join("?" * 18) + ")",
                         [_pupil_row(p, group_on(p, p.uitschrijving or plan.as_of)) for p in plan.pupils])
        parent_id = 0
        parent_rows = []
        for p in plan.pupils:
            for parent in p.parents:
                parent_id += 1
                parent_rows.append((parent_id, p.id, parent.relatie, parent.roepnaam, parent.voorvoegsel or None,
                                    parent.achternaam, parent.phone, parent.email, parent.iban, int(parent.gezag)))
        conn.executemany("INSERT INTO ouders VALUES (?,?,?,?,?,?,?,?,?,?)", parent_rows)
        for row in plan.rows:
            columns = list(row.values)
            conn.execute(f"INSERT INTO {row.table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         [row.values[c] for c in columns])
        conn.commit()
    finally:
        conn.close()
