"""A possible violation that rests on a weak pupil link is reviewed, not reported, in every output."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from reports import write_all
from scanner.config import load_config
from scanner.pipeline import run_scan
from tests.reports.conftest import build_school
from tests.reports.test_writers import validate
from tests.test_cli import write_docx

WEAK = "Algemeen/Notulen teamoverleg.docx"


def test_initials_of_a_former_pupil_go_to_review(tmp_path: Path) -> None:
    cfg = build_school(tmp_path)
    # 'A. el Amrani' fits former pupil 1004 only by an initial: not enough for retention-expired
    write_docx(tmp_path / "share" / WEAK, "Besproken: de aanvraag van A. el Amrani is verlopen.")
    report = run_scan(load_config(cfg))
    assert not [v for v in report.violations if v.path == WEAK]
    review = [v for v in report.to_review if v.path == WEAK]
    assert [(v.rule, v.leerlingnummer) for v in review] == [("retention-expired", "1004")]
    assert "verkorte naam" in review[0].review_reason and "Amrani" not in review[0].review_reason
    planted = next(v for v in report.violations if v.rule == "retention-expired")
    assert planted.linked_by.startswith("sterk: dossiermap")

    out = tmp_path / "rapport"
    write_all(report, out)
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    validate(data)
    assert [(r["rule"], r["path"]) for r in data["to_review"]] == [("retention-expired", WEAK)]
    assert all(v["path"] != WEAK for v in data["violations"])
    sheet = load_workbook(out / "report.xlsx")["Te beoordelen"]
    assert any(c.value == WEAK for row in sheet.iter_rows() for c in row)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="te-beoordelen"' in html and "Notulen teamoverleg" in html


def test_rule_messages_and_links_follow_the_language(tmp_path: Path) -> None:
    from scanner.kernel.messages import set_language

    cfg = build_school(tmp_path)
    set_language("en")
    try:
        report = run_scan(load_config(cfg))
    finally:
        set_language("nl")
    by_rule = {v.rule: v for v in report.violations}
    assert by_rule["retention-expired"].message.startswith("Pupil 1004 left on")
    assert by_rule["retention-expired"].linked_by.startswith("strong: the pupil's dossier folder")
    assert "outside the administration" in by_rule["bsn-outside-administration"].message
    assert by_rule["consent-out-of-scope"].message == (
        "Shared with Jeugd-GGZ on 01-03-2025 (date of the letter): consent T1 does not cover: gezondheid.")
    assert by_rule["open-access"].message.endswith("the item is in a folder open to everyone.")
    dutch = run_scan(load_config(cfg))
    retention = next(v for v in dutch.violations if v.rule == "retention-expired")
    assert retention.message.startswith("Leerling 1004 is uitgeschreven")


def test_a_scan_whose_reports_failed_keeps_the_old_ids_translatable(tmp_path: Path) -> None:
    """Switching a folder to the organisation's key is recorded with the audit: when the reports could
    not be written, the next scan still recognises the folder's earlier violations."""
    import pytest

    from scanner.triage import ReviewSession
    from tests.reports.conftest import sample_report

    out, key = tmp_path / "rapport", b"k" * 32
    ReviewSession.open(out).apply(sample_report())
    with pytest.raises(OSError), ReviewSession.open(out, org_key=key).applied(sample_report()):
        raise OSError("schijf vol")
    review = ReviewSession.open(out, org_key=key).apply(sample_report())
    assert {v.change for v in review.violations} == {"persisting"}
