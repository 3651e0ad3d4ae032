"""Rescans re-run linking and the rules only for items whose inputs changed (scanner.evaluation_cache),
and their report equals a --full scan's."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from scanner import kept_scan
from scanner.config import load_config
from scanner.evaluation_cache import ACCESS_FIELDS, ITEM_FIELDS
from scanner.kernel.model import Access, Item, Report
from scanner.pipeline import run_scan
from scanner.state import StateStore
from tests.conftest import consent_rows, demo_with_csv_consents, write_consent_rows

VOLATILE = ("seconds", "cache_hits", "cache_misses", "judgements_reused", "resumed_interrupted_scan",
            "unchanged_rescan")


def essence(report: Report) -> dict:
    """Everything a writer reads of the scan (values blanked: only --show-values shows them, and it never
    reads a cache)."""
    findings = [asdict(f) | {"value": ""} for f in report.findings]
    return {"items": [asdict(i) for i in report.items], "findings": findings,
            "violations": [asdict(v) for v in report.violations], "to_review": [asdict(v) for v in report.to_review],
            "exempt": [asdict(e) for e in report.exempt], "kept_by_law": report.kept_by_law,
            "skipped_rules": report.skipped_rules, "subjects": report.subjects, "settings": asdict(report.settings),
            "statistics": {k: v for k, v in report.statistics.items() if k not in VOLATILE}}


@pytest.fixture(autouse=True)
def per_item(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about the per-item caches: a rescan that finds nothing changed would otherwise take
    the previous scan's whole result over (scanner.kept_scan; tests/test_kept_scan.py)."""
    monkeypatch.setattr(kept_scan, "ENABLED", False)


def scan(cfg_path: Path, out: Path, **kw: object) -> Report:
    with StateStore.open(out) as store:
        return run_scan(load_config(cfg_path), store=store, workers=1, **kw)


def rescan_equals_full(cfg_path: Path, out: Path, **kw: object) -> Report:
    """The rescan's report, checked against a --full scan of the same inputs into the same folder."""
    again = scan(cfg_path, out, **kw)
    full = scan(cfg_path, out, full=True, **kw)
    assert full.statistics["judgements_reused"] == 0
    assert essence(again) == essence(full)
    return again


def from_cache(report: Report) -> int:
    return report.statistics["cache_hits"] + report.statistics["cache_misses"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo school with its consents as CSV (so a test can edit one row), scanned once."""
    root = tmp_path_factory.mktemp("demo")
    cfg_path = demo_with_csv_consents(root)
    out = root / "out"
    first = scan(cfg_path, out)
    assert first.statistics["judgements_reused"] == 0 and first.violations
    return cfg_path, out


def test_unchanged_rescan_judges_nothing_again_and_reports_as_a_full_scan(demo: tuple[Path, Path]) -> None:
    cfg_path, out = demo
    again = rescan_equals_full(cfg_path, out)
    assert again.statistics["judgements_reused"] == from_cache(again) > 0
    assert again.violations


def test_one_pupils_consent_rejudges_only_that_pupils_items(demo: tuple[Path, Path]) -> None:
    cfg_path, out = demo
    before = scan(cfg_path, out)
    rows = consent_rows(cfg_path)
    linked = {n for pupils in before.subjects.values() for n, _ in pupils}
    row = next(r for r in rows if r["leerlingnummer"] in linked and not r["ingetrokken_op"])
    nummer = row["leerlingnummer"]
    row["ingetrokken_op"] = (date.fromisoformat(str(before.settings.as_of)) - timedelta(days=400)).strftime("%d-%m-%Y")
    write_consent_rows(cfg_path, rows)
    about = sum(1 for pupils in before.subjects.values() if any(n == nummer for n, _ in pupils))
    again = rescan_equals_full(cfg_path, out)
    assert about > 0
    assert from_cache(again) - again.statistics["judgements_reused"] == about


def test_a_policy_change_rejudges_everything(demo: tuple[Path, Path]) -> None:
    cfg_path, out = demo
    scan(cfg_path, out)
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg.setdefault("policy", {}).setdefault("retention", {})["default_years"] = 1
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    again = rescan_equals_full(cfg_path, out)
    assert again.statistics["judgements_reused"] == 0 and again.statistics["cache_hits"] == from_cache(again)


def test_another_reference_date_recomputes_retention(demo: tuple[Path, Path]) -> None:
    cfg_path, out = demo
    now = scan(cfg_path, out)
    later = rescan_equals_full(cfg_path, out, as_of=date(2040, 1, 1))
    assert later.statistics["judgements_reused"] == 0
    expired = [v for v in later.violations if v.rule == "retention-expired"]
    assert len(expired) > len([v for v in now.violations if v.rule == "retention-expired"])


def test_a_changed_file_is_judged_again(demo: tuple[Path, Path]) -> None:
    cfg_path, out = demo
    before = scan(cfg_path, out)
    path = next(p for (s, p), pupils in before.subjects.items() if s == "share" and p.endswith(".txt") and pupils)
    file = cfg_path.parent / "share" / path
    file.write_text(file.read_text(encoding="utf-8") + "\nBSN 111222333 staat hier ook.\n", encoding="utf-8")
    again = rescan_equals_full(cfg_path, out)
    assert again.statistics["cache_misses"] == 1
    assert from_cache(again) - again.statistics["judgements_reused"] == 1
    assert [f for f in again.findings if f.path == path] != [f for f in before.findings if f.path == path]


def test_a_register_change_rejudges_everything(demo: tuple[Path, Path]) -> None:
    """Linking reads the whole register (namesakes, unknown children): no per-pupil slice is sound.

    Compared with a rescan that links every item afresh, not with --full: detection's own cache does not
    depend on the register (its names recognizer does), which is scanner.cache's business."""
    cfg_path, out = demo
    scan(cfg_path, out)
    register = cfg_path.parent / "records" / "leerlingen.csv"
    lines = register.read_text(encoding="utf-8-sig").splitlines()
    register.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # one pupil left the register
    again = scan(cfg_path, out)
    assert again.statistics["judgements_reused"] == 0
    conn = sqlite3.connect(out / "avgscan-state.sqlite")
    conn.execute("delete from item_outcomes")
    conn.commit()
    conn.close()
    relinked = scan(cfg_path, out)
    assert relinked.statistics["judgements_reused"] == 0 and relinked.statistics["cache_hits"] == from_cache(again)
    assert essence(again) == essence(relinked)
    assert scan(cfg_path, out).statistics["judgements_reused"] == from_cache(again)


def test_the_store_keeps_no_pupil_number_name_or_path(demo: tuple[Path, Path]) -> None:
    cfg_path, out = demo
    report = scan(cfg_path, out)
    numbers = {v.leerlingnummer for v in report.violations if v.leerlingnummer}
    assert numbers
    conn = sqlite3.connect(out / "avgscan-state.sqlite")
    stored = [row[0].decode() for row in conn.execute("select payload from item_outcomes")]
    stored += [row[0] for row in conn.execute("select pupils from item_outcomes")]
    conn.close()
    assert stored
    text = "\n".join(stored)
    for nummer in numbers:
        assert not re.search(rf"(?<!\w){nummer}(?!\w)", text), nummer
    for v in report.violations[:50]:
        assert v.path not in text
    assert not any(f.value and f.entity_type == "PERSON" and f.value in text for f in report.findings)


def test_every_item_field_is_an_input() -> None:
    """A new field of Item or Access (a connector's new permission) must reach the inputs digest."""
    item = Item("s", "p", "file", access=Access())
    assert set(ITEM_FIELDS) | {"access", "fingerprint"} == set(asdict(item))
    assert set(ACCESS_FIELDS) == set(asdict(item.access))


def test_a_generated_style_rescan_equals_a_full_scan(tmp_path: Path) -> None:
    from scanner.demo import build_demo_school

    cfg_path = build_demo_school(tmp_path / "school", seed=11, pupils=40, documents=120, style="zuidrand")
    out = tmp_path / "out"
    first = scan(cfg_path, out)
    again = rescan_equals_full(cfg_path, out)
    assert again.statistics["judgements_reused"] == from_cache(again) == from_cache(first)
    assert essence(again) == essence(first)


def test_a_rescan_answered_from_the_cache_never_loads_the_nlp_stack(demo: tuple[Path, Path]) -> None:
    """Presidio and spaCy took a third of a rescan just to be imported."""
    cfg_path, out = demo
    scan(cfg_path, out)
    code = ("import sys\nfrom scanner.cli import main\ntry:\n"
            "    main(['scan', '-c', sys.argv[1], '--out', sys.argv[2], '--workers', '1'])\n"
            "except SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in ('presidio_analyzer', 'spacy', 'thinc') if m in sys.modules))")
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code, str(cfg_path), str(out)], capture_output=True, text=True,
                          cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, check=False)
    assert "LOADED []" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]


def test_purge_removes_the_kept_outcomes(demo: tuple[Path, Path]) -> None:
    from scanner.purge import purge

    cfg_path, out = demo
    scan(cfg_path, out)
    count = "select count(*) from item_outcomes"
    conn = sqlite3.connect(out / "avgscan-state.sqlite")
    assert conn.execute(count).fetchone()[0] > 0
    conn.close()
    purge(out, older_than_days=-1)
    conn = sqlite3.connect(out / "avgscan-state.sqlite")
    assert conn.execute(count).fetchone()[0] == 0
    conn.close()


def test_the_caches_hold_nothing_per_kept_item(tmp_path: Path) -> None:
    """A rescan asks the state store for each item's entry; both caches once read every kept entry into a
    dict at the start (a kilobyte per item: 1.2 GB on a rescan of a million files). Opening them over a
    store of 20 000 entries must take no more memory than over an empty one, and a lookup still answers."""
    import tracemalloc
    from datetime import date as day

    from scanner.cache import ItemCache
    from scanner.evaluation_cache import EvaluationCache
    from scanner.kernel.model import Item
    from scanner.linking import RegisterIndex
    from scanner.state import StateStore, item_cache, item_outcomes

    def opened(out: Path) -> tuple[int, ItemCache, EvaluationCache]:
        store = StateStore.open(out)
        assert store is not None
        tracemalloc.start()
        cache = ItemCache(store, "scan", read=True)
        judged = EvaluationCache(cache, "inputs", RegisterIndex({}, store.keyer()), None, read=True)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak, cache, judged

    empty, *_ = opened(tmp_path / "leeg")
    store = StateStore.open(tmp_path / "vol")
    assert store is not None
    keys = [store.keyer().of("item", f"share\x00map/{n:05}.txt") for n in range(20_000)]
    today = day.today().isoformat()
    with store.engine.begin() as conn:
        conn.execute(item_cache.insert(), [{"item_key": k, "fingerprint": "12:3.0", "scan_fingerprint": "scan",
                                            "status": "scanned", "reason": None, "payload": None,
                                            "stored_at": today} for k in keys])
        conn.execute(item_outcomes.insert(), [{"item_key": k, "inputs": "i" * 32, "pupils": "[]", "consents": "c" * 32,
                                               "payload": b"{}" * 300, "stored_at": today} for k in keys])
    store.close()
    full, cache, judged = opened(tmp_path / "vol")
    assert full < empty + 512 * 1024, (empty, full)
    hit, _ = cache.lookup(Item(source="share", path="map/00007.txt", kind="file"), "12:3.0")
    miss, _ = cache.lookup(Item(source="share", path="map/00008.txt", kind="file"), "13:3.0")
    assert hit and not miss and judged._kept(keys[7]) == ("i" * 32, "[]", "c" * 32, b"{}" * 300)
