"""The columnar table path (scanner/columnar.py) reports exactly what the row path reports, on SQLite,
PostgreSQL and MariaDB: the same items, findings, subjects and violations, in the same order."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

import scanner.columnar as columnar
from scanner import kept_scan
from scanner.audit import audit
from scanner.config import load_config

REMARKS = [
    "ziek", "afspraak i.v.m. ADHD", None, "te laat (bus)", "fysiotherapie", "zusje Emma heeft astma",  # a kinship word
    "vader", "Met vriendelijke groet", "bel 06-12345678", "Sanne de Vries heeft dyslexie",  # a role, a sign-off, a name
    "diploma uitgereikt", "x" * 4100 + " ADHD",  # a legal-hold term; a cell the row path splits
]


@pytest.fixture(params=["sqlite", "postgres", "mariadb"])
def url(request: pytest.FixtureRequest) -> Iterator[str]:
    yield request.getfixturevalue(f"{request.param}_url")


def fill(url: str, rows: int) -> None:
    """A register, a long absence table whose values repeat, a natural-keyed table and a register-like
    table of unique names."""
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE leerlingen (id INTEGER PRIMARY KEY, leerlingnummer VARCHAR(20) NOT NULL, "
                             "roepnaam VARCHAR(40), achternaam VARCHAR(60), geboortedatum VARCHAR(10), "
                             "uitschrijving VARCHAR(10))"))
        conn.execute(sa.text("CREATE TABLE verzuim (id INTEGER PRIMARY KEY, leerling_id INTEGER REFERENCES "
                             "leerlingen(id), datum VARCHAR(10), soort VARCHAR(20), uren DECIMAL(4,1), "
                             "opmerking TEXT, verzonden_op VARCHAR(10))"))
        conn.execute(sa.text("CREATE TABLE vakken (code VARCHAR(10) PRIMARY KEY, omschrijving VARCHAR(60))"))
        conn.execute(sa.text("CREATE TABLE contacten (id INTEGER PRIMARY KEY, naam VARCHAR(60), email VARCHAR(80))"))
        conn.execute(sa.text("INSERT INTO leerlingen VALUES (:i, :n, :r, :a, :g, :u)"), [
            {"i": i, "n": str(20100 + i), "r": r, "a": a, "g": f"2015-0{i}-1{i}", "u": "2019-07-31" if i == 3 else None}
            for i, (r, a) in enumerate([("Sanne", "de Vries"), ("Daan", "Bakker"), ("Emma", "Jansen")], 1)])
        conn.execute(sa.text("INSERT INTO verzuim VALUES (:i, :l, :d, :s, :u, :o, :v)"), [
            {"i": i, "l": None if i % 17 == 0 else 1 + i % 3, "d": f"2026-0{1 + i % 9}-{10 + i % 19}",
             "s": ["geoorloofd", "ongeoorloofd"][i % 2], "u": 1.5, "o": REMARKS[i % len(REMARKS)],
             "v": "2026-03-01" if i % 11 == 0 else None} for i in range(1, rows + 1)])
        conn.execute(sa.text("INSERT INTO vakken VALUES (:c, :o)"),
                     [{"c": c, "o": "ziek gemeld"} for c in ("12.5", "20101/a", "Jansen", "rekenen")])
        conn.execute(sa.text("INSERT INTO contacten VALUES (:i, :n, :e)"),
                     [{"i": i, "n": f"Contact{i} Achternaam{i}", "e": f"c{i}@voorbeeld.nl"} for i in range(1, 60)])
    engine.dispose()


def config(tmp_path: Path, url: str) -> Path:
    cfg = tmp_path / "avgscan.yaml"
    cfg.write_text(f"""organisation: {{name: Test}}
sources:
  - {{name: las, type: database, url: "{url}", register_tables: [leerlingen], roles: {{verzuim: care}}}}
records:
  register: {{url: "{url}", table: leerlingen}}
policy:
  retention: {{legal_hold: [diploma]}}
as_of: 2026-11-29
""", encoding="utf-8")
    return cfg


def _one_table(tmp_path: Path, ddl: str) -> tuple[Any, Any, Any, Any]:
    """(source, its settings, the plan of its one table, the row work) of an SQLite database holding `ddl`'s table."""
    from types import SimpleNamespace

    from connectors.database import DatabaseSource, TableRows
    from scanner.kernel.keys import Keyer

    db = tmp_path / "las.db"
    with sa.create_engine(f"sqlite:///{db}").begin() as conn:
        conn.execute(sa.text(ddl))
    cfg = load_config(config(tmp_path, f"sqlite:///{db}")).sources[0]
    source = DatabaseSource(cfg)  # type: ignore[arg-type]
    plan = next(t for t in source.tables() if isinstance(t, TableRows))
    return source, cfg, plan, SimpleNamespace(hold_terms=[], keyer=Keyer(), judged=None)


def report(cfg: Path, out: Path, on: bool, workers: int, monkeypatch: pytest.MonkeyPatch,
           full: bool = True) -> dict[str, object]:
    monkeypatch.setattr(columnar, "ENABLED", on)
    audit(load_config(cfg), out, formats=["json"], progress=False, workers=workers, full=full)
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    data["statistics"].pop("seconds")
    text = json.dumps(data, sort_keys=True)
    for stamp in {v for v in _stamps(data)}:
        text = text.replace(stamp, "T")
    return json.loads(text)  # type: ignore[no-any-return]


def _stamps(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for v in node.values():
            yield from _stamps(v)
    elif isinstance(node, list):
        for v in node:
            yield from _stamps(v)
    elif isinstance(node, str) and len(node) >= 19 and node[4] == "-" and node[10] == "T":
        yield node


def test_same_report_as_the_row_path(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     caplog: pytest.LogCaptureFixture) -> None:
    fill(url, 400)
    cfg = config(tmp_path, url)
    rows = report(cfg, tmp_path / "rows", False, 1, monkeypatch)
    with caplog.at_level(logging.INFO, logger="scanner.columnar"):
        by_column = report(cfg, tmp_path / "columns", True, 1, monkeypatch)
    assert by_column == rows
    said = caplog.text
    assert "tabel verzuim" in said and "per kolom" in said and "overgenomen" in said  # the path was taken
    lent = re.search(r"tabel verzuim: \d+ rijen gescand, \d+ van een gelijke rij overgenomen \((\d+) met", said)
    assert lent and int(lent[1]) > 100  # most copies took their first row's judgement: the rules did not run
    assert "tabel contacten" in said and "per rij" in said  # a name per row: nothing to share
    paths = [i["path"] for i in rows["items"]]  # type: ignore[index]
    assert "table:vakken#20101/a" in paths and len(paths) == 3 + 400 + 4 + 59
    found = {(v["rule"], v["path"].split("#")[0]) for v in rows["violations"]}  # type: ignore[union-attr,index]
    assert {("retention-expired", "table:verzuim"), ("unknown-subject", "table:verzuim")} <= found


def test_same_report_with_workers(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows left to the row path are detected beside the workers' files, in crawl order: a table whose values
    differ from row to row ('contacten') by the workers (columnar.PooledRow), the others' in the parent."""
    import os

    from scanner import executor

    fill(sqlite_url, 150)
    cfg = config(tmp_path, sqlite_url)
    parent, here = os.getpid(), []
    real = executor.detect_task

    def noted(scanner: object, sources: object, task: tuple[str, object, object]) -> object:
        if os.getpid() == parent:
            here.append(task[1].path)  # type: ignore[attr-defined]
        return real(scanner, sources, task)  # type: ignore[arg-type]

    monkeypatch.setattr(executor, "detect_task", noted)
    by_column = report(cfg, tmp_path / "c", True, 2, monkeypatch)
    assert here and not [p for p in here if p.startswith("table:contacten")]
    assert by_column == report(cfg, tmp_path / "r", False, 2, monkeypatch)
    assert [p for p in here if p.startswith("table:contacten")]  # the row path alone: in the parent


def test_first_scan_into_a_folder_and_its_rescan(sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    """A first scan into an output folder reads the table by column and keeps its rows in the item and
    evaluation caches as the row path does: the rescan answers every row from them, with the same report.
    (The per-item caches: not the previous scan's whole result, scanner.kept_scan.)"""
    monkeypatch.setattr(kept_scan, "ENABLED", False)
    fill(sqlite_url, 300)
    cfg = config(tmp_path, sqlite_url)
    with caplog.at_level(logging.INFO, logger="scanner.columnar"):
        by_column = report(cfg, tmp_path / "c", True, 1, monkeypatch, full=False)
    assert "tabel verzuim: " in caplog.text and "overgenomen" in caplog.text
    assert by_column == report(cfg, tmp_path / "r", False, 1, monkeypatch, full=False)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="scanner.columnar"):
        again = report(cfg, tmp_path / "c", True, 1, monkeypatch, full=False)
    assert "tabel verzuim: per rij (rijen in de cache)" in caplog.text and "overgenomen" not in caplog.text
    stats = again["statistics"]
    assert stats["cache_hits"] == stats["items"] and stats["judgements_reused"] == stats["items"]  # type: ignore[index]
    assert again == report(cfg, tmp_path / "r", False, 1, monkeypatch, full=False)  # the row path's rescan


def test_silent_values_and_plain_locators() -> None:
    assert columnar.plain_locator("12") and columnar.plain_locator("rij7")
    assert not columnar.plain_locator("Jansen") and not columnar.plain_locator("a/b") \
        and not columnar.plain_locator("12.5") and not columnar.plain_locator("rij")


def test_a_value_is_written_as_its_own_class_whatever_came_first(tmp_path: Path) -> None:
    """A column's memo keys values of its usual class by themselves and others with their class: 1, 1.0,
    True, Decimal('1.0') and '1' are equal or hash alike, yet each is written as the row path writes it."""
    from datetime import date
    from decimal import Decimal

    from connectors.db_rows import cell_text
    from scanner.kernel.model import Detected

    source, cfg, plan, work = _one_table(tmp_path, "CREATE TABLE cijfers (id INTEGER PRIMARY KEY, waarde NUMERIC)")
    values = [1, 1.0, True, Decimal("1.0"), "1", Decimal("1.5"), date(2026, 1, 2), 2, "2", 2.0, b"\x01", (1,)]
    for order in (values, values[::-1], values[1:] + values[:1]):
        scan = columnar.TableScan(work, source, cfg, plan,  # type: ignore[arg-type]
                                  lambda task: (task[1], Detected()))
        for raw in order * 2:  # the second time from the memo
            assert scan.value(1, raw)[0] == cell_text(raw).strip(), (order[0], raw)
            assert scan.signature((7, raw))[1] == len(cell_text(raw).strip()), (order[0], raw)
    source.close()


@pytest.mark.parametrize("terms", [
    ["diploma"], ["verzuim"], ["Cijferlijst", "diploma"], ["rij"], ["ij"], ["12 dipl"], ["#1"], ["m#r"], [],
    ["vrijstelling leerplicht"], [" uitgereikt"], ["diploma "], [" "], ["ma uit", "zuim"], ["ma uit", "7"],
])
def test_legal_hold_of_a_row_is_the_row_paths(terms: list[str]) -> None:
    """RowHolds answers per distinct title what pipeline.legal_hold answers per row, also for terms that
    lie across the table's name, the locator and the title."""
    from scanner.kernel.model import Item
    from scanner.kernel.text import fold
    from scanner.pipeline import legal_hold

    pairs = [(t, fold(t)) for t in terms]
    holds = columnar.RowHolds(pairs, "table:main.verzuim#")
    titles = ["Diploma uitgereikt", "2026-03-12", "diploma", "ziek", "Cijferlijst 2025", "", "dipl", "rijbewijs",
              "Vrijstelling  leerplicht", "vrijstelling leerplicht (art. 5)", "uitgereikt"]
    for locator in ("12", "1", "rij3", "rij12", "7"):
        for title in titles * 2:  # the second time from the memo
            item = Item(source="las", path=f"table:main.verzuim#{locator}", kind="row")
            assert holds(locator, title) == legal_hold(item, title[:200], pairs), (terms, locator, title)
    # a term with a space but no digit is answered per title too (the default 'vrijstelling leerplicht')
    assert (holds.by_title is None) == any(any(ch.isdigit() or ch == "#" for ch in term) or term in "rij"
                                           for _, term in pairs)


def _mixed_table(tmp_path: Path, holds: str) -> Path:
    """An absence table whose rows are mostly plain copies, between rows with findings, a legal-hold term in
    the first cell (the row's title), a kinship word, values of odd classes (a decimal, a float, a number in a
    text column, a blob), a NULL reference, text that is not UTF-8 and a cell over the configured text limit."""
    import sqlite3

    db = tmp_path / "las.db"
    fill(f"sqlite:///{db}", 1)
    con = sqlite3.connect(db)
    con.execute("DROP TABLE verzuim")
    con.execute("CREATE TABLE verzuim (id INTEGER PRIMARY KEY, soort VARCHAR(20), leerling_id INTEGER REFERENCES "
                "leerlingen(id), datum VARCHAR(10), uren DECIMAL(4,1), opmerking TEXT, bijlage BLOB)")
    remarks: list[object] = ["ziek", "ziek", "tandarts", "afspraak i.v.m. ADHD", "ziek", "diploma uitgereikt",
                             12, 3.25, "zusje Emma heeft astma", None, "tandarts"]
    con.executemany("INSERT INTO verzuim VALUES (?, ?, ?, ?, ?, ?, ?)", [
        (i, "diploma" if i % 5 == 0 else "geoorloofd", None if i % 23 == 0 else 1 + i % 3,
         f"2026-0{1 + i % 3}-1{i % 2}", [1.5, "2", 3][i % 3], remarks[i % len(remarks)],
         b"\x01\x02" if i % 7 == 0 else None) for i in range(1, 701)])
    con.execute("INSERT INTO verzuim VALUES (701, 'geoorloofd', 1, '2026-01-10', 1.5, "
                "CAST(X'42534E20313131323232333333204AEB6E' AS TEXT), NULL)")  # TEXT that is not UTF-8
    con.execute("INSERT INTO verzuim VALUES (702, 'geoorloofd', 2, '2026-01-10', 1.5, ?, NULL)",
                ("ziek " * 3000,))  # over the 0.01 MB limit below
    con.executemany("INSERT INTO verzuim VALUES (?, 'geoorloofd', 3, '2026-01-10', 1.5, 'ziek', NULL)",
                    [(i,) for i in range(703, 760)])
    con.commit()
    con.close()
    cfg = config(tmp_path, f"sqlite:///{db}")
    text = cfg.read_text(encoding="utf-8").replace("legal_hold: [diploma]", f"legal_hold: [{holds}]")
    cfg.write_text(text + "limits: {max_text_mb: 0.01}\n", encoding="utf-8")
    return cfg


@pytest.mark.parametrize("holds", ["diploma", "diploma, '#7'"])  # a term with '#': the legal hold asked per row
def test_copied_rows_in_batches_report_as_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     holds: str) -> None:
    """Plain copies handed on in batches (scanner.kernel.model.CopiedRows, no output folder) give the report of
    the same rows handed on one by one: items, findings, subjects, violations, column profiles and counts; a
    hostile row is still reported by itself, with its Dutch reason."""
    from reports.json_report import write_json
    from scanner.progress import ScanProgress

    cfg = _mixed_table(tmp_path, holds)
    handed: list[int] = []
    hand = columnar.TableScan._handed

    def counting(self: columnar.TableScan, batch: object) -> object:
        handed.append(len(batch.items))  # type: ignore[attr-defined]
        return hand(self, batch)  # type: ignore[arg-type]

    monkeypatch.setattr(columnar.TableScan, "_handed", counting)

    def scanned(batch: int, out: Path) -> dict[str, object]:
        monkeypatch.setattr(columnar, "COPIED_ROWS", batch)
        out.mkdir()
        write_json(audit(load_config(cfg), None, progress=False, workers=2).report, out)
        data = json.loads((out / "report.json").read_text(encoding="utf-8"))
        data["statistics"].pop("seconds")
        text = json.dumps(data, sort_keys=True)
        for stamp in set(_stamps(data)):
            text = text.replace(stamp, "T")
        return json.loads(text)  # type: ignore[no-any-return]

    one_by_one = scanned(0, tmp_path / "one")
    assert not handed
    batched = scanned(3, tmp_path / "batched")
    assert batched == one_by_one
    assert sum(handed) > 300 and max(handed) == 3  # many rows came in batches, cut at the batch size
    items = {i["path"]: i for i in batched["items"]}  # type: ignore[attr-defined]
    assert items["table:verzuim#702"]["status"] == "unreadable"
    assert items["table:verzuim#702"]["reason"].startswith("te veel tekst")
    assert items["table:verzuim#701"]["status"] == "scanned"
    assert len(items) == 3 + 759 + 4 + 59
    found = {(v["rule"], v["path"].split("#")[0]) for v in batched["violations"]}  # type: ignore[attr-defined]
    assert ("retention-expired", "table:verzuim") in found
    kept = {k["reason"] for k in batched["kept_by_law"] if k["path"].startswith("table:verzuim#")}  # type: ignore[attr-defined]
    assert "Archiefwet: diploma" in kept and ("Archiefwet: #7" in kept) == ("#7" in holds)

    # the progress line and run_scan's own progress count every row of a batch as an item
    from scanner import pipeline

    meter, seen = ScanProgress(show=False), []
    report = pipeline.run_scan(load_config(cfg), progress=seen.append, on_scanned=meter, workers=2)
    assert meter.done == len(seen) == report.statistics["items"] == len(items)


def test_signatures_of_a_batch_are_each_rows_own(tmp_path: Path) -> None:
    """TableScan.signatures (a column at a time) gives every row the signature, size and title signature()
    gives it alone: with NULLs, empty text, a value that says something, values new in the batch, a column of
    mixed classes (1, 1.0, True: row by row), an unhashable value and a column that is NULL throughout."""
    from scanner.kernel.model import Content, Detected

    source, cfg, plan, work = _one_table(tmp_path, "CREATE TABLE notities (id INTEGER PRIMARY KEY, soort TEXT, "
                                                   "uren NUMERIC, opmerking TEXT, leeg TEXT)")
    finding = object()  # silent() asks only whether there is one

    def detect(task: tuple[str, object, Content]) -> tuple[object, Detected]:
        said = any("ADHD" in u.text for u in task[2].units)
        return task[1], Detected(findings=[finding] if said else [])  # type: ignore[list-item]

    batches = [
        [(1, "ziek", 1, "afspraak i.v.m. ADHD", None), (2, None, None, None, None), (3, "ziek", 2, "  ", None)],
        [(4, "tandarts", 3, "ziek", None), (5, "", 1, "ADHD", None), (6, "ziek", 4, None, None)],  # new values
        [(7, "ziek", 1.0, "ziek", None), (8, "ziek", True, "ziek", None)],  # 1, 1.0 and True: row by row
        [(9, memoryview(b"ab"), 1, "ziek", None)],  # unhashable
        [(10, None, None, None, None)] * 3,
    ]
    scan = columnar.TableScan(work, source, cfg, plan, detect)  # type: ignore[arg-type]
    alone = columnar.TableScan(work, source, cfg, plan, detect)  # type: ignore[arg-type]
    for rows in batches * 2:  # the second time from the memo
        each = [alone.signature(row) for row in rows]
        assert scan.signatures(rows) == ([s[0] for s in each], [s[1] for s in each], [s[2] for s in each]), rows
    said = scan.signatures(batches[0])[0][0]
    assert said[3] == (3, "afspraak i.v.m. ADHD") and said[1] is None  # 'ziek' is silent, the remark is not
    source.close()


def _whole_sample_choice(scan: columnar.TableScan, sample: list[tuple[str, tuple[object, ...]]]) -> bool:
    """The path as the whole sample's signatures give it (how `columnar` chose before it stopped early)."""
    heard: dict[object, set[object]] = {}
    counts: dict[object, int] = {}
    for _, row in sample:
        sig = scan.signature(row)[0]
        for part in (("ref", sig[0]), *filter(None, sig[1:])):
            if part[1] is not None:
                heard.setdefault(part[0], set()).add(part[1])
                counts[part[0]] = counts.get(part[0], 0) + 1
    return not any(counts[k] >= columnar.MIN_SAMPLE and len(seen) > columnar.UNIQUE_SHARE * counts[k]
                   for k, seen in heard.items())


@pytest.mark.parametrize(("table", "by_column", "analysed"), [
    # a pupil per row (a register, a contact list): by row, and no value is analysed alone
    ([(i, i, f"Naam{i}", "ziek") for i in range(40)], False, 0),
    # pupils repeat, the remark has a value per row: by row, once the remarks are analysed
    ([(i, i % 5, "ziek", f"belde om {i} uur") for i in range(40)], False, 40),
    # everything repeats: by column, every distinct value analysed once
    ([(i, i % 5, ["ziek", "tandarts"][i % 2], "ADHD" if i % 3 else "geen") for i in range(40)], True, 4),
    # a column with a value per row only once its silent values are left out: by row
    ([(i, i % 5, "ziek" if i < 20 else f"ADHD {i}", "x") for i in range(40)], False, 21),
])
def test_the_path_is_the_whole_sample_s_choice_with_fewer_values_analysed(
        tmp_path: Path, table: list[tuple[object, ...]], by_column: bool, analysed: int) -> None:
    from scanner.kernel.model import Content, Detected

    source, cfg, plan, work = _one_table(tmp_path, "CREATE TABLE notities (id INTEGER PRIMARY KEY, leerlingnummer "
                                                   "TEXT, soort TEXT, opmerking TEXT)")
    asked: list[str] = []

    def detect(task: tuple[str, object, Content]) -> tuple[object, Detected]:
        asked.append(task[2].units[0].text)
        said = any("ADHD" in u.text or "uur" in u.text or "Naam" in u.text for u in task[2].units)
        return task[1], Detected(findings=[object()] if said else [])  # type: ignore[list-item]

    sample = [(str(row[0]), row) for row in table]
    scan = columnar.TableScan(work, source, cfg, plan, detect)  # type: ignore[arg-type]
    assert scan.columnar(sample) is by_column
    assert len(asked) == analysed
    whole = columnar.TableScan(work, source, cfg, plan, detect)  # type: ignore[arg-type]
    assert _whole_sample_choice(whole, sample) is by_column
    source.close()
