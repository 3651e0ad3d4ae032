"""Issue 15, case 3: SQLite sources and record tables are opened read-only in every case or not at
all, and nothing appears in their folder; a path that does not exist is an error (exit 2).

Before: a path with '#' or '?' was cut by SQLite's URI parser (the `file:` URI was not escaped), so
`mode=ro` was lost, an empty database was created in the source folder and the scan said "nothing
to report"; a WAL database with a left-over `-wal` got a new `-shm`; record tables used a normal,
writable session, and a mistyped path created a file.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest

from connectors.database import DatabaseSource
from scanner.cli import main
from scanner.config import ConfigError, RecordFile, build_config, check_sqlite_files
from scanner.records.tabular import RecordError, read_records
from tests.connectors.conftest import source_config


def make_db(path: Path, rows: int = 3, wal: bool = False) -> None:
    con = sqlite3.connect(path)
    if wal:
        con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE leerlingen (id INTEGER PRIMARY KEY, leerlingnummer TEXT, achternaam TEXT, "
                "roepnaam TEXT, geboortedatum TEXT, uitschrijving TEXT)")
    con.executemany("INSERT INTO leerlingen VALUES (?, ?, ?, ?, ?, ?)",
                    [(i, str(4000 + i), f"Achternaam{i}", f"Roep{i}", "01-02-2015", "") for i in range(rows)])
    con.commit()
    con.close()


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for `path`: '?' must be escaped at that level (it starts the URL's query)."""
    return "sqlite:///" + quote(str(path), safe="/#")


@pytest.mark.parametrize("name", ["las#2024.db", "las?oud.db", "las%20x.db", "las 2024.db"])
def test_odd_names_are_read_and_nothing_is_created(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "bron#map?"
    folder.mkdir()
    make_db(folder / name)
    before = listing(folder)
    source = DatabaseSource(source_config(name="las", type="database", url=sqlite_url(folder / name)))
    items = list(source.crawl())
    source.close()
    assert len([i for i in items if i.kind == "row" and i.status == "scanned"]) == 3, items
    assert listing(folder) == before
    assert not any(p.exists() for p in (tmp_path / "bron", tmp_path / "bron#map?" / "las"))


def leftover_wal(folder: Path) -> Path:
    """A WAL database whose writer crashed: the db and its -wal (with rows not yet checkpointed),
    no -shm."""
    work = folder.parent / "werk"
    work.mkdir()
    make_db(work / "las.db", rows=1, wal=True)
    con = sqlite3.connect(work / "las.db")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.executemany("INSERT INTO leerlingen VALUES (?, ?, ?, ?, ?, ?)",
                    [(i, str(4000 + i), f"Wal{i}", "Roep", "01-02-2015", "") for i in range(10, 14)])
    con.commit()
    shutil.copyfile(work / "las.db", folder / "las.db")
    shutil.copyfile(work / "las.db-wal", folder / "las.db-wal")
    con.close()
    return folder / "las.db"


def test_leftover_wal_is_read_without_a_new_shm(tmp_path: Path) -> None:
    folder = tmp_path / "las"
    folder.mkdir()
    db = leftover_wal(folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    source = DatabaseSource(source_config(name="las", type="database", url=f"sqlite:///{db}"))
    items = [i for i in source.crawl() if i.kind == "row"]
    source.close()
    assert len(items) == 5, items  # the rows still in the WAL are read too
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_missing_sqlite_source_is_an_error_and_creates_nothing(tmp_path: Path,
                                                              capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "avgscan.yaml").write_text("sources:\n  - {name: las, type: database, url: 'sqlite:///lass.db'}\n",
                                           encoding="utf-8")
    code = main(["scan", "--config", str(tmp_path / "avgscan.yaml"), "--out", str(tmp_path / "uit")])
    assert code == 2
    assert "bestaat niet" in capfd.readouterr().err
    assert not (tmp_path / "lass.db").exists()


def test_missing_record_database_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    raw = {"sources": [{"name": "s", "type": "filesystem", "path": str(tmp_path)}],
           "records": {"register": {"url": f"sqlite:///{tmp_path / 'registr.db'}", "table": "leerlingen"}}}
    with pytest.raises(ConfigError) as caught:
        check_sqlite_files(build_config(raw, "test", tmp_path), "test")
    assert "bestaat niet" in str(caught.value) and "records.register.url" in str(caught.value)
    assert not (tmp_path / "registr.db").exists()


def test_record_table_is_read_through_the_read_only_session(tmp_path: Path) -> None:
    """An idle WAL database: a normal session would leave -wal and -shm beside it (and could write)."""
    folder = tmp_path / "register"
    folder.mkdir()
    make_db(folder / "las.db", wal=True)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert set(before) == {"las.db"}
    cfg = build_config({"sources": [{"name": "s", "type": "filesystem", "path": str(tmp_path)}]}, "test", tmp_path)
    spec = RecordFile(url=f"sqlite:///{folder / 'las.db'}", table="leerlingen")
    name, rows = read_records(spec, cfg, {"leerlingnummer": []}, ["leerlingnummer"])
    assert len(list(rows)) == 3
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_record_table_that_vanished_is_a_record_error(tmp_path: Path) -> None:
    cfg = build_config({"sources": [{"name": "s", "type": "filesystem", "path": str(tmp_path)}]}, "test", tmp_path)
    spec = RecordFile(url=f"sqlite:///{tmp_path / 'weg.db'}", table="leerlingen")
    with pytest.raises(RecordError):
        read_records(spec, cfg, {"leerlingnummer": []}, ["leerlingnummer"])
    assert not (tmp_path / "weg.db").exists()


def test_scan_of_a_database_with_a_hash_in_its_path_finds_its_rows(tmp_path: Path) -> None:
    folder = tmp_path / "LAS #1"
    folder.mkdir()
    make_db(folder / "export#2024.db")
    out = tmp_path / "uit"
    main(["scan", sqlite_url(folder / "export#2024.db"), "--out", str(out), "--workers", "1"])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["statistics"]["items"] == 3
    assert listing(folder) == {"export#2024.db"}
