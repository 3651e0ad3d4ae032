"""Database rows that are hostile in their own way (SQLite is enough: the row handling is shared):
NULLs everywhere, blobs, text of many MB, TEXT that is not valid UTF-8, odd table and column names,
a database in WAL mode; and the session is read-only (a write through it fails, no side files)."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from connectors.database import Config, DatabaseSource
from tests.hostile.conftest import OUTCOMES, Scan, scan_tree

BSN = "111222333"


def _database(path: Path, wal: bool = False) -> None:
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
    con.executescript("""
        CREATE TABLE leerling (id INTEGER PRIMARY KEY, naam TEXT, bsn TEXT, foto BLOB, notitie TEXT);
        CREATE TABLE "rare ""naam""; DROP TABLE leerling; --" ("select" TEXT, "kolom met spatie" TEXT);
        CREATE TABLE zonder_sleutel (waarde TEXT, extra BLOB);
    """)
    rows = [
        (1, None, None, None, None),  # nothing but NULLs
        (2, "Sanne", BSN, b"\x89PNG\r\n\x1a\n" + os.urandom(2048), None),  # a photo blob
        (3, "Daan", None, None, "x " * (15 * 1024 * 1024) + f"BSN {BSN}"),  # 30 MB of text (limit 20 MB)
        (4, "Zoë", None, None, f"BSN {BSN} " + "lang " * 200_000),  # 1 MB: read
    ]
    con.executemany("INSERT INTO leerling VALUES (?, ?, ?, ?, ?)", rows)
    # TEXT that is not UTF-8 (a cp1252 client wrote it): sqlite3 refuses to decode it by default
    con.execute("INSERT INTO leerling VALUES (5, CAST(X'43616680E9' AS TEXT), ?, NULL, "
                "CAST(X'42534E20313131323232333333204AEB6E' AS TEXT))", (BSN,))
    con.execute('INSERT INTO "rare ""naam""; DROP TABLE leerling; --" VALUES (?, NULL)', (f"BSN {BSN}",))
    con.executemany("INSERT INTO zonder_sleutel VALUES (?, ?)", [(None, None), (f"BSN {BSN}", b"\0" * 10)])
    con.commit()
    con.close()


@pytest.fixture(scope="module")
def db_scan(tmp_path_factory: pytest.TempPathFactory) -> Scan:
    base = tmp_path_factory.mktemp("db")
    (base / "las").mkdir()
    (base / "wal").mkdir()
    _database(base / "las" / "las.db")
    _database(base / "wal" / "las.db", wal=True)
    assert sorted(os.listdir(base / "wal")) == ["las.db"]  # WAL mode, nobody has it open
    sources = [{"name": "las", "type": "database", "url": f"sqlite:///{base / 'las' / 'las.db'}"},
               {"name": "wal", "type": "database", "url": f"sqlite:///{base / 'wal' / 'las.db'}"}]
    return scan_tree(base, sources, show_values=True)


CASES = [
    ("row with only NULLs", "table:leerling#1", "scanned", r"^$"),
    ("row with a blob", "table:leerling#2", "scanned", r"^$"),
    ("row with 30 MB of text (limit 20 MB)", "table:leerling#3", "unreadable",
     r"^te veel tekst \(30 MB, grens 20 MB\)"),
    ("row with 1 MB of text", "table:leerling#4", "scanned", r"^$"),
    ("TEXT that is not valid UTF-8", "table:leerling#5", "scanned", r"^$"),
    ("table name with quotes and SQL", 'table:rare "naam"; DROP TABLE leerling; --#rij1', "scanned", r"^$"),
    ("table without a key, NULL row", "table:zonder_sleutel#rij1", "scanned", r"^$"),
]


@pytest.mark.parametrize(("case", "path", "status", "reason"), CASES, ids=[c[0] for c in CASES])
def test_hostile_rows(db_scan: Scan, case: str, path: str, status: str, reason: str) -> None:  # noqa: ANN001
    scan = db_scan
    item = next((i for i in scan.report.items if i.source == "las" and i.path == path), None)
    assert item is not None, sorted(i.path for i in scan.report.items)
    seconds = scan.times[f"las:{path}"]
    OUTCOMES.append((f"database: {case}", item.status, item.reason or "", seconds))
    assert item.status == status and re.search(reason, item.reason or ""), (item.status, item.reason)
    assert seconds < 30


def test_no_table_is_lost_and_no_raw_value_in_a_reason(db_scan: Scan) -> None:
    """Invalid UTF-8 used to make the whole table unreadable, with the cell's bytes in the reason."""
    for item in db_scan.report.items:
        assert item.kind == "row", (item.path, item.reason)
        assert "Caf" not in (item.reason or "") and BSN not in (item.reason or "")


def test_values_are_found_in_odd_places(db_scan: Scan) -> None:
    found = {(f.source, f.path) for f in db_scan.report.findings if f.entity_type == "NL_BSN"}
    for path in ("table:leerling#2", "table:leerling#4", "table:leerling#5",
                 'table:rare "naam"; DROP TABLE leerling; --#rij1', "table:zonder_sleutel#rij2"):
        assert ("las", path) in found, path


def test_wal_database_is_read_and_left_without_side_files(db_scan: Scan) -> None:
    """A WAL database opened mode=ro would get -wal and -shm files that a read-only connection
    cannot remove; it is read as immutable instead."""
    wal_rows = [i for i in db_scan.report.items if i.source == "wal"]
    assert len(wal_rows) == len([i for i in db_scan.report.items if i.source == "las"])
    folder = Path(db_scan.root) / "wal"
    assert sorted(os.listdir(folder)) == ["las.db"]
    assert sorted(os.listdir(Path(db_scan.root) / "las")) == ["las.db"]


def test_session_cannot_write(tmp_path: Path) -> None:
    """A write through the connector's own connection fails, and the file is unchanged."""
    path = tmp_path / "las.db"
    _database(path)
    before = path.read_bytes()
    source = DatabaseSource(Config(name="las", type="database", url=f"sqlite:///{path}"))
    try:
        with source.connect() as conn, pytest.raises(sa.exc.OperationalError, match="readonly|read-only"):
            conn.execute(sa.text("DELETE FROM leerling"))
            conn.commit()
        with source.connect() as conn, pytest.raises(sa.exc.OperationalError):
            conn.execute(sa.text("CREATE TABLE x (a)"))
    finally:
        source.close()
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["las.db"]
