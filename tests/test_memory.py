"""The scan's process does not hold what the scan finds: items and findings go to a ledger on disk as
they are judged, and the writers read them back in pages (issue 17)."""

from __future__ import annotations

import copy
import gc
import json
import weakref
from collections.abc import Iterator
from pathlib import Path

from reports import write_all
from reports.html_report import ROWS_SHOWN
from reports.json_report import report_dict, write_json
from scanner.config import load_config
from scanner.kernel.ledger import Ledger
from scanner.kernel.model import Finding, Item, ScannedItem
from scanner.pipeline import evaluate, run_scan
from scanner.records.loading import load_records
from scanner.rules import RuleContext
from tests.test_cli import school  # noqa: F401  (fixture)


def _finding(n: int) -> Finding:
    return Finding(source="share", path=f"doc{n}.txt", place="p1", entity_type="PERSON", score=0.9,
                   evidence=f"J*** {n}", recognizer="test", value=f"Jan {n}")


def test_a_ledger_keeps_order_and_positions_across_pages() -> None:
    ledger: Ledger[Finding] = Ledger(page=7)
    for n in range(100):
        ledger.append(_finding(n))
    assert len(ledger) == 100 and ledger
    assert [f.evidence for f in ledger] == [f"J*** {n}" for n in range(100)]
    assert ledger[0].evidence == "J*** 0" and ledger[-1].evidence == "J*** 99" and ledger[50].evidence == "J*** 50"
    assert [f.evidence for f in ledger[95:]] == [f"J*** {n}" for n in range(95, 100)]
    assert ledger == [_finding(n) for n in range(100)]
    assert copy.deepcopy(ledger) == list(ledger)
    assert not Ledger()


def test_a_ledger_sorts_in_runs_like_sorted() -> None:
    ledger: Ledger[tuple[int, int]] = Ledger((n % 13, n) for n in range(500))
    assert list(ledger.sorted(lambda e: e[0], run=37)) == sorted(ledger, key=lambda e: e[0])


def test_the_rules_let_go_of_each_item_once_judged(school: Path) -> None:  # noqa: F811
    """With the items of a share all held until the rules ran, the scan's memory grew with the share."""
    cfg = load_config(school / "avgscan.yaml")
    records = load_records(cfg)
    ctx = RuleContext(policy=cfg.policy, as_of=cfg.as_of, register=None, consents=None)
    alive: list[weakref.ref[ScannedItem]] = []
    held_at_most = 0

    def arriving() -> Iterator[ScannedItem]:
        nonlocal held_at_most
        for n in range(200):
            gc.collect()
            held_at_most = max(held_at_most, sum(r() is not None for r in alive))
            scanned = ScannedItem(item=Item(source="share", path=f"doc{n}.txt", kind="file"), findings=[_finding(n)])
            alive.append(weakref.ref(scanned))
            yield scanned

    seen: list[str] = []
    out = evaluate(arriving(), ctx, records, done=lambda s: seen.append(s.item.path))
    assert held_at_most <= 2
    assert seen == [f"doc{n}.txt" for n in range(200)]
    assert isinstance(out.findings, Ledger) and [f.evidence for f in out.findings] == [f"J*** {n}" for n in range(200)]


def test_streamed_report_json_is_what_report_dict_says(school: Path, tmp_path: Path) -> None:  # noqa: F811
    report = run_scan(load_config(school / "avgscan.yaml"), workers=1)
    assert isinstance(report.items, Ledger) and isinstance(report.findings, Ledger) and report.findings
    path = write_json(report, tmp_path)
    assert path.read_text(encoding="utf-8") == json.dumps(report_dict(report), ensure_ascii=False, indent=1,
                                                          default=str)
    report.items, report.findings = Ledger(), Ledger()  # empty lists are laid out as []
    path = write_json(report, tmp_path)
    assert path.read_text(encoding="utf-8") == json.dumps(report_dict(report), ensure_ascii=False, indent=1,
                                                          default=str)


def test_the_dashboard_caps_the_item_table_and_says_where_the_rest_is(school: Path, tmp_path: Path) -> None:  # noqa: F811
    report = run_scan(load_config(school / "avgscan.yaml"), workers=1)
    report.items.extend(Item(source="share", path=f"extra/{n:06}.txt", kind="file", status="unreadable",
                             reason="te groot") for n in range(ROWS_SHOWN + 10))
    write_all(report, tmp_path, ["html", "xlsx"])
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count(f"extra/{ROWS_SHOWN - 1 - 4:06}.txt") == 2  # in the problems and in all items
    assert f"extra/{ROWS_SHOWN + 9:06}.txt" not in page
    assert page.count("de volledige lijst staat in report.xlsx") == 2
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "report.xlsx", read_only=True)["Dekking"]
    paths = {row[1] for row in sheet.iter_rows(values_only=True)}
    assert f"extra/{ROWS_SHOWN + 9:06}.txt" in paths  # the workbook has them all
