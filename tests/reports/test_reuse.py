"""A rescan takes unchanged parts over from the previous reports (reports.reuse): whatever changed, every
report file it writes is what the writers write afresh for the same reviewed report."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from reports import write_all
from reports.reuse import PARTS_FILE
from scanner.audit import Audit, audit
from scanner.config import load_config
from tests.conftest import consent_rows, demo_with_csv_consents, write_consent_rows


def _audit(cfg_path: Path, out: Path) -> Audit:
    return audit(load_config(cfg_path), out, progress=False, workers=1)


def _sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def _pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [p.extract_text() for p in PdfReader(path).pages]


def assert_as_written_afresh(done: Audit, fresh: Path) -> None:
    """The files in the output folder equal the writers' output for the same report without reuse."""
    write_all(done.report, fresh)  # an empty folder: nothing to take over
    out = done.out
    assert out is not None
    for name in ("report.json", "findings.csv", "violations.csv", "report.html"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
    assert _sheets(out / "report.xlsx") == _sheets(fresh / "report.xlsx")
    assert _pages(out / "report.pdf") == _pages(fresh / "report.pdf")


def _digest(out: Path) -> str:
    return json.loads((out / PARTS_FILE).read_text(encoding="utf-8"))["body_digest"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo school with its consents as CSV, audited once and then once more (the caches filled)."""
    root = tmp_path_factory.mktemp("reuse")
    cfg_path = demo_with_csv_consents(root)
    out = root / "out"
    _audit(cfg_path, out)
    return cfg_path, out


def test_an_unchanged_rescan_takes_the_parts_over(demo: tuple[Path, Path], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cfg_path, out = demo
    before = _audit(cfg_path, out)
    import reports.json_report
    import reports.pdf_report
    import reports.xlsx_report

    laid_out: list[str] = []

    def counted(module: object, name: str) -> None:
        original: Callable[..., object] = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, **k: laid_out.append(name) or original(*a, **k))

    import reports.csv_report

    counted(reports.json_report, "_write_list")
    for sheet in ("_coverage", "_violations", "_to_review", "_per_pupil"):
        counted(reports.xlsx_report, sheet)
    counted(reports.pdf_report, "_list")
    counted(reports.csv_report, "_write")
    import reports.html_report

    for section in ("_violations", "_to_review", "_per_pupil", "_coverage"):
        counted(reports.html_report, section)
    while datetime.now(UTC).isoformat(timespec="seconds") <= before.report.generated_at:
        time.sleep(0.05)  # the header is the new run's: let its second differ from the first run's
    again = _audit(cfg_path, out)
    assert again.report.body_digest == before.report.body_digest != ""
    # items, findings, the coverage sheet and the PDF's list were taken over, and (the review the same as the
    # previous run's: every violation persisting) report.json's violations and possible violations,
    # violations.csv and the workbook's sheets of violations, possible violations and pupils too
    assert laid_out == []
    monkeypatch.undo()
    assert_as_written_afresh(again, tmp_path / "fresh")
    assert again.report.generated_at != before.report.generated_at


def _edit_file(cfg_path: Path) -> None:
    share = cfg_path.parent / "share"
    file = next(p for p in sorted(share.rglob("*.txt")) if p.stat().st_size > 0)
    file.write_text(file.read_text(encoding="utf-8") + "\nBSN 111222333 staat hier ook.\n", encoding="utf-8")


def _withdraw_consent(cfg_path: Path) -> None:
    rows = consent_rows(cfg_path)
    row = next(r for r in rows if not r["ingetrokken_op"])
    row["ingetrokken_op"] = (date.today() - timedelta(days=400)).strftime("%d-%m-%Y")
    write_consent_rows(cfg_path, rows)


def _drop_register_row(cfg_path: Path) -> None:
    register = cfg_path.parent / "records" / "leerlingen.csv"
    lines = register.read_text(encoding="utf-8-sig").splitlines()
    register.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")


def _change_policy(cfg_path: Path) -> None:
    cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8"))
    cfg.setdefault("policy", {}).setdefault("retention", {})["default_years"] = 1
    cfg_path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("change", [_edit_file, _withdraw_consent, _drop_register_row, _change_policy],
                         ids=["file", "consent", "register", "policy"])
def test_after_a_change_the_reports_are_written_afresh(change: Callable[[Path], None], demo: tuple[Path, Path],
                                                       tmp_path: Path) -> None:
    cfg_path, out = demo
    before = _audit(cfg_path, out)
    change(cfg_path)
    again = _audit(cfg_path, out)
    assert again.report.body_digest != before.report.body_digest
    assert _digest(out).startswith(f"{again.report.body_digest}/nl/")
    assert_as_written_afresh(again, tmp_path / "fresh")


def test_a_changed_review_lays_the_violations_out_again(demo: tuple[Path, Path], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The same items and findings, but the FG accepted a risk: the violation sections carry the new status."""
    cfg_path, out = demo
    before = _audit(cfg_path, out)
    chosen = next(v for v in before.violations if v.status == "open")
    triage = tmp_path / "triage.yaml"
    triage.write_text(yaml.safe_dump({"accepted": [{"id": chosen.identity, "reason": "bewaarplicht",
                                                    "owner": "FG", "expires": "2099-01-01"}]}), encoding="utf-8")
    import reports.csv_report
    import reports.json_report
    import reports.xlsx_report

    calls = tmp_path / "laid-out.txt"  # written by this process and by the fork that writes the pdf and csv

    def noted(name: str, original: Callable[..., object]) -> Callable[..., object]:
        def call(*a: object, **k: object) -> object:
            with calls.open("a", encoding="utf-8") as fh:
                fh.write(name + "\n")
            return original(*a, **k)
        return call

    for module, name in ((reports.json_report, "_write_list"), (reports.csv_report, "_write"),
                         (reports.xlsx_report, "_violations"), (reports.xlsx_report, "_coverage")):
        monkeypatch.setattr(module, name, noted(name, getattr(module, name)))
    again = audit(load_config(cfg_path), out, triage=triage, progress=False, workers=1)
    monkeypatch.undo()
    laid_out = calls.read_text(encoding="utf-8").split()
    assert again.report.body_digest == before.report.body_digest
    assert next(v for v in again.violations if v.identity == chosen.identity).status == "accepted"
    assert laid_out.count("_write_list") == 2 and laid_out.count("_write") == 1  # violations.csv, not findings.csv
    assert laid_out.count("_violations") == 1 and "_coverage" not in laid_out  # the workbook's violations only
    assert_as_written_afresh(again, tmp_path / "fresh")
    (tmp_path / "fresh").rename(tmp_path / "fresh-1")
    back = _audit(cfg_path, out)  # the triage file left out again: open once more, laid out again
    assert next(v for v in back.violations if v.identity == chosen.identity).status == "open"
    assert_as_written_afresh(back, tmp_path / "fresh")


def test_a_report_replaced_by_hand_is_not_taken_over(demo: tuple[Path, Path], tmp_path: Path) -> None:
    cfg_path, out = demo
    _audit(cfg_path, out)
    text = (out / "findings.csv").read_text(encoding="utf-8-sig")
    (out / "findings.csv").write_text(text.replace(";", ",", 1), encoding="utf-8-sig")  # the same size
    again = _audit(cfg_path, out)
    assert_as_written_afresh(again, tmp_path / "fresh")


def test_a_part_is_copied_over_without_holding_it(tmp_path: Path) -> None:
    """report.json's findings of a million-file share are a gigabyte: read whole to be taken over, they
    doubled a rescan's memory for a moment. A part is copied in blocks; a file that is now too short for
    its part is not taken over."""
    import io
    import tracemalloc

    from reports.reuse import Reuse

    part = b"[\n" + b'{"bron": "share", "pad": "map/notitie.txt"},\n' * 400_000 + b"]"
    (tmp_path / "report.json").write_bytes(b"{" + part + b"}")
    reuse = Reuse(tmp_path, "digest", offered={"report.json": {"findings": [1, 1 + len(part), ""],
                                                               "items": [0, 10 ** 9, ""]}})
    copied = tmp_path / "kopie.json"
    with copied.open("wb") as out:
        tracemalloc.start()
        assert reuse.copy("report.json", "findings", out)
        held = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert copied.read_bytes() == part and len(part) > 16 * 1024 * 1024 > 4 * 1024 * 1024 > held, held
    assert not reuse.copy("report.json", "items", io.BytesIO()) and not reuse.copy("report.json", "violations",
                                                                                  io.BytesIO())
