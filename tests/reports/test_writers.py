"""Every format from one hand-built, reviewed report: contract, sheets, CSV dialect, escaping, language."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook
from rich.console import Console

from reports import write_all
from reports.json_report import load_schema
from reports.summary import print_summary
from scanner.kernel.model import Report
from scanner.rules import RULES, rule

DUTCH_SHEETS = ["Samenvatting", "Mogelijk datalek", "Overtredingen", "Te beoordelen", "Per leerling", "Vrijgesteld",
                "Triage", "Verloop", "Dekking", "Bewaard op grond van de wet", "Instellingen"]


def validate(report_json: dict) -> None:
    jsonschema.Draft202012Validator(load_schema(), format_checker=jsonschema.FormatChecker()).validate(report_json)


@pytest.fixture()
def written(reviewed: tuple[Report, Path]) -> tuple[Report, Path]:
    report, out = reviewed
    write_all(report, out)
    return report, out


def test_json_validates_and_carries_review(written: tuple[Report, Path]) -> None:
    report, out = written
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    validate(data)
    assert list(data)[:6] == ["schema", "raw_values", "notice", "lang", "generated_at", "possible_breaches"]
    [breach] = data["possible_breaches"]
    assert "72 uur" in breach["guidance"] and breach["notify_by"] > breach["discovered_at"]
    assert {v["status"] for v in data["violations"]} == {"open", "accepted", "acceptance-expired", "false-positive"}
    assert [r["rule"] for r in data["history"]["resolved"]] == ["consent-missing"]
    assert "GGD" not in json.dumps(data["history"])  # the store keeps masked paths only
    assert data["triage"]["unmatched"] == ["0123456789abcdef"] and data["triage"]["open_violations"] == 2
    assert "111222333" not in (out / "report.json").read_text(encoding="utf-8")
    actions = {v["rule"]: v["action"] for v in data["violations"]}  # from the rule classes, in Dutch
    assert actions["open-access"] == rule("open-access").action.nl
    assert actions["retention-expired"].startswith("Verwijderen of, waar de wet dat eist")


def test_schema_rejects_raw_values_in_a_masked_report(written: tuple[Report, Path]) -> None:
    _, out = written
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    data["findings"][0]["value"] = "111222333"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)
    data["raw_values"] = True
    validate(data)


def test_workbook_sheets_filters_chart_and_safe_text(written: tuple[Report, Path]) -> None:
    _, out = written
    wb = load_workbook(out / "report.xlsx")
    assert wb.sheetnames == DUTCH_SHEETS
    summary = wb["Samenvatting"]
    assert len(summary._charts) == 1
    texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(s.startswith("MOGELIJK DATALEK") for s in texts) and any("72 uur" in s for s in texts)
    assert {"share", "las", "hoog", "middel"} <= set(texts)  # per source and per severity
    violations = wb["Overtredingen"]
    header = [c.value for c in violations[1]]
    assert header[:3] == ["ID", "Regel", "Omschrijving"] and "Wettelijke grondslag" in header
    assert "Aanbevolen actie" in header and "Bewijs (gemaskeerd)" in header
    assert violations.freeze_panes == "A2" and violations.auto_filter.ref.startswith("A1:")
    assert all(re.fullmatch(r"[0-9a-f]{16}", r[0].value) for r in violations.iter_rows(min_row=2))
    formula_cells = [c for row in violations.iter_rows() for c in row if str(c.value).startswith("=HYPERLINK")]
    assert formula_cells and all(c.data_type == "s" for c in formula_cells)
    coverage = [[c.value for c in r] for r in wb["Dekking"].iter_rows(min_row=2)]
    assert coverage[0][2] == "onleesbaar" and "BadZipFile" in coverage[0][3] and coverage[1][2] == "overgeslagen"
    triage = {r[1].value for r in wb["Triage"].iter_rows(min_row=2)}
    assert {"geaccepteerd", "acceptatie verlopen", "vals-positief"} <= triage
    assert [r[0].value for r in wb["Vrijgesteld"].iter_rows(min_row=2)] == ["share"]
    assert wb["Verloop"].max_row >= 3 and len(wb["Verloop"]._charts) == 1
    settings = {r[0].value: r[1].value for r in wb["Instellingen"].iter_rows(min_row=2)}
    assert settings["Peildatum"] == "2026-11-29" and settings["policy.retention.default_years"] == "3"


def test_csv_for_dutch_excel(written: tuple[Report, Path]) -> None:
    _, out = written
    raw = (out / "violations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["ID", "Regel", "Ernst"] and len(rows) == 5
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    findings = list(csv.reader(io.StringIO((out / "findings.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    assert findings[1][4] == "0,85"
    for name in ("violations.csv", "findings.csv"):
        assert "111222333" not in (out / name).read_text(encoding="utf-8-sig")


def test_html_is_self_contained_and_escaped(written: tuple[Report, Path]) -> None:
    _, out = written
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "default-src 'none'" in page
    assert page.index('id="datalek"') < page.index('id="overtredingen"')
    for section in ("grafieken", "verloop", "triage", "vrijgesteld", "dekking", "instellingen"):
        assert f'id="{section}"' in page
    assert page.count("<svg") == 4 and "Geaccepteerd risico (geldig)" in page  # rule, school, source, trend


def test_english_switches_headings(reviewed: tuple[Report, Path], tmp_path: Path) -> None:
    report, _ = reviewed
    report.lang = "en"
    out = tmp_path / "en"
    write_all(report, out)
    wb = load_workbook(out / "report.xlsx")
    assert wb.sheetnames[:5] == ["Summary", "Possible data breach", "Violations", "To review", "Per pupil"]
    assert [c.value for c in wb["Violations"][1]][:3] == ["ID", "Rule", "Description"]
    page = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Possible data breach" in page and "Autoriteit Persoonsgegevens" in page
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert data["lang"] == "en" and "72 hours" in data["possible_breaches"][0]["guidance"]
    validate(data)
    actions = {v["rule"]: v["action"] for v in data["violations"]}  # from the rule classes, in English
    assert actions["open-access"] == rule("open-access").action.en
    assert actions["bsn-outside-administration"].startswith("Remove the BSN")
    assert {a["action"] for a in data["start_here"]} <= {r.action.en for r in RULES}
    sheet = {row[1]: row[2] for row in wb["Violations"].iter_rows(min_row=2, values_only=True)}
    assert sheet["open-access"] == "Personal data openly accessible"
    console = Console(record=True, width=200)
    print_summary(report, [], console=console)
    text = console.export_text()
    assert text.startswith(" POSSIBLE DATA BREACH") and "Violations per rule" in text and "1 resolved" in text


def test_summary_puts_the_breach_first_in_dutch(reviewed: tuple[Report, Path]) -> None:
    report, _ = reviewed
    console = Console(record=True, width=200)
    print_summary(report, [], console=console)
    text = console.export_text()
    assert text.startswith(" MOGELIJK DATALEK (1)") and "Autoriteit Persoonsgegevens" in text
    assert "1 opgelost" in text and "1 geaccepteerd" in text and "111222333" not in text


def test_unreviewed_report_still_writes_every_format(tmp_path: Path) -> None:
    from tests.reports.conftest import sample_report

    report = sample_report()
    paths = write_all(report, tmp_path / "plain")
    assert [p.name for p in paths] == ["report.json", "report.xlsx", "report.html", "violations.csv", "report.pdf"]
    data = json.loads(paths[0].read_text(encoding="utf-8"))
    validate(data)
    assert data["violations"][0]["id"] is None and data["history"]["previous_audit"] is None
    assert report.breaches and not report.history.audits  # the writers gave it a plain review


def test_the_rows_of_violations_are_laid_out_once_per_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """Five writers read the violations in priority order: inside one_report they are laid out (every
    violation's findings read, sorted) once and kept on disk; outside it every call lays them out."""
    import reports.view as view
    from reports.priority import one_report
    from tests.reports.conftest import sample_report

    report = sample_report()
    expected = list(view.violation_rows(report))
    assert expected
    made: list[int] = []
    real = view._violation_rows
    monkeypatch.setattr(view, "_violation_rows", lambda r: (made.append(1), real(r))[1])
    with one_report():
        assert list(view.violation_rows(report)) == expected == list(view.violation_rows(report))
        assert list(view.review_rows(report)) == list(view.review_rows(report))
    assert len(made) == 1
    assert list(view.violation_rows(report)) == expected and len(made) == 2
    with one_report():  # the command line's, around the writers' own and the summary after them
        with one_report():
            list(view.violation_rows(report))
        assert list(view.violation_rows(report)) == expected
    assert len(made) == 3


def test_the_rows_shown_are_the_first_of_the_laid_out_rows(reviewed: tuple[Report, Path]) -> None:
    """top_rows picks the highest priorities (of the open, new or decided violations) without laying out
    every row; it must give what the first rows of violation_rows give, inside one_report and outside it."""
    from collections import Counter

    import reports.view as view
    from reports.priority import one_report
    from reports.tally import tally

    report, _ = reviewed
    everything = list(view.violation_rows(report))
    assert len(everything) > 3 and {r.status for r in everything} > {"open"}
    picks = [None, lambda r: r.status != "open", lambda r: r.status == "open", lambda r: r.change == "new"]
    for wanted in picks:
        chosen = [r for r in everything if wanted is None or wanted(r)]
        for n in (0, 1, 3, len(everything)):
            assert view.top_rows(report, n, wanted) == chosen[:n]
            with one_report():
                assert view.top_rows(report, n, wanted) == chosen[:n]  # before the rows are laid out
                list(view.violation_rows(report))
                assert view.top_rows(report, n, wanted) == chosen[:n]  # and read from them after
    counted = tally(report)
    assert counted.rules == Counter(r.rule for r in everything)
    assert counted.statuses == Counter(r.status for r in everything)
    assert counted.new == sum(r.change == "new" for r in everything)
    assert [v.identity for v in counted.decided] == [r.identity for r in sorted(everything, key=lambda r: r.index)
                                                    if r.status != "open"]


def test_smallest_is_nsmallest_for_values_pushed_one_at_a_time() -> None:
    import heapq
    import random

    from reports.priority import Smallest

    rng = random.Random(5)
    for limit in (0, 1, 5, 40):
        values = [(rng.randint(0, 6), rng.choice("abc"), n) for n in range(200)]  # many ties in the key
        best = Smallest[tuple[int, str, int]](limit)
        for v in values:
            best.add(v[:2], v)
        assert best.smallest() == heapq.nsmallest(limit, values, key=lambda v: v[:2])


def test_begin_hier_and_the_top_rows_come_from_the_priorities_pass(reviewed: tuple[Report, Path],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Inside one_report the default "Begin hier" and the highest-priority rows are taken on the pass that
    works out the priorities; each read every violation from disk again before. They must be what the
    separate passes give."""
    import reports.view as view
    from reports.priority import one_report, start_here
    from scanner.kernel.ledger import Ledger

    report, _ = reviewed
    report.violations = Ledger(list(report.violations))
    expected_actions, expected_rows = start_here(report), view.top_rows(report, 4)  # outside: passes of their own
    assert expected_actions and len(expected_rows) == 4
    passes: list[int] = []
    real_iter = Ledger.__iter__

    def counted(self: Ledger) -> Iterator:
        if self is report.violations:
            passes.append(1)
        return real_iter(self)

    monkeypatch.setattr(Ledger, "__iter__", counted)
    with one_report():
        assert view.top_rows(report, 4) == expected_rows
        assert start_here(report) == expected_actions
        assert view.top_rows(report, 2) == expected_rows[:2]
    assert len(passes) == 2, passes  # the priorities' two passes, nothing after
