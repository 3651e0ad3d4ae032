"""The CLI end to end on a small school: every format, history across scans, triage and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from scanner.cli import main
from tests.reports.conftest import PLANTED, build_school
from tests.reports.test_writers import validate

FORMATS = ("report.json", "report.xlsx", "report.html", "violations.csv", "findings.csv")


def _report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def audits(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict, list[int]]:
    """Two scans into one output folder; the planted (retention) file is deleted in between."""
    root = tmp_path_factory.mktemp("school")
    config, out = build_school(root), root / "out"
    codes = [main(["scan", "--config", str(config), "--out", str(out)])]
    first = _report(out)
    (root / "share" / PLANTED).unlink()
    codes.append(main(["scan", "--config", str(config), "--out", str(out)]))
    return root, first, _report(out), codes


def test_first_scan_writes_every_format_with_a_breach_at_the_top(audits: tuple[Path, dict, dict, list[int]]) -> None:
    root, first, _, codes = audits
    assert codes == [1, 1]
    validate(first)
    assert all((root / "out" / name).exists() for name in FORMATS)
    rules = {v["rule"] for v in first["violations"]}
    assert {"retention-expired", "open-access", "consent-out-of-scope"} <= rules
    [breach] = first["possible_breaches"]
    assert breach["path"] == "Gedeeld/Zorgoverzicht groep 5.docx" and "NL_BSN" in breach["categories"]
    assert [e["party"] for e in first["exempt"]] == ["Leerplicht"]
    assert first["history"]["previous_audit"] is None and all(v["change"] is None for v in first["violations"])
    page = (root / "out" / "report.html").read_text(encoding="utf-8")
    assert page.index("Mogelijk datalek") < page.index("Overtredingen per regel")


def test_second_scan_shows_the_deleted_file_as_resolved(audits: tuple[Path, dict, dict, list[int]]) -> None:
    root, first, second, _ = audits
    validate(second)
    planted = next(v for v in first["violations"] if v["path"] == PLANTED)
    resolved = second["history"]["resolved"]
    assert [(r["id"], r["rule"]) for r in resolved] == [(planted["id"], "retention-expired")]
    assert resolved[0]["masked_path"] == "Archief/A…/M….docx"
    assert {v["id"] for v in second["violations"]} == {v["id"] for v in first["violations"]} - {planted["id"]}
    assert {v["change"] for v in second["violations"]} == {"persisting"}
    assert second["possible_breaches"][0]["discovered_at"] == first["possible_breaches"][0]["discovered_at"]
    assert [a["violations"] for a in second["history"]["audits"]] == [len(first["violations"]),
                                                                     len(first["violations"]) - 1]
    page = (root / "out" / "report.html").read_text(encoding="utf-8")
    assert planted["id"] in page and "Archief/A…/M….docx" in page
    db = (root / "out" / "avgscan-state.sqlite").read_bytes()
    assert b"Amrani" not in db and b"111222333" not in db and b"Sanne" not in db


def test_accepted_risks_do_not_count_toward_the_exit_code(audits: tuple[Path, dict, dict, list[int]],
                                                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, _, second, _ = audits
    out = tmp_path / "out"
    shutil.copytree(root / "out", out)
    entries = "\n".join(f"  - {{id: {v['id']}, reason: gepland, owner: FG, expires: 2027-12-31}}"
                        for v in second["violations"])
    triage = tmp_path / "triage.yaml"
    triage.write_text(f"accepted:\n{entries}\n", encoding="utf-8")
    args = ["scan", "--config", str(root / "avgscan.yaml"), "--out", str(out), "--triage", str(triage)]
    assert main([*args, "--lang", "en"]) == 0
    third = _report(out)
    assert {v["status"] for v in third["violations"]} == {"accepted"} and third["lang"] == "en"
    assert "POSSIBLE DATA BREACH" in capsys.readouterr().out
    triage.write_text(triage.read_text(encoding="utf-8").replace("2027-12-31", "2026-01-01"), encoding="utf-8")
    assert main(args) == 1  # expired acceptances count again
    assert {v["status"] for v in _report(out)["violations"]} == {"acceptance-expired"}
    triage.write_text("accepted: [{id: nope}]\n", encoding="utf-8")
    assert main(args) == 2
    assert "accepted[0].id" in capsys.readouterr().err


def test_history_lists_audits(audits: tuple[Path, dict, dict, list[int]], tmp_path: Path,
                              capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = audits[0]
    monkeypatch.setenv("COLUMNS", "200")
    capsys.readouterr()
    assert main(["history", "--out", str(root / "out")]) == 0
    text = capsys.readouterr().out
    assert "Verloop over audits" in text and "2026-11-29" in text and "retention-expired 1" in text
    assert main(["history", "--out", str(tmp_path / "nothing")]) == 2
    assert not (tmp_path / "nothing").exists()
