"""Triage file validation, accepted / expired / false-positive decisions, possible breaches, history diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.kernel.model import Report
from scanner.triage import ACCEPTED, EXPIRED, FALSE_POSITIVE, OPEN, TriageError, actionable, load_triage
from tests.reports.conftest import sample_report


def test_triage_errors_name_the_file_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "triage.yaml"
    bad.write_text("accepted:\n  - {id: 0123456789abcdef, reason: x, owner: FG, expires: volgend jaar}\n",
                   encoding="utf-8")
    with pytest.raises(TriageError, match=r"triage.yaml: accepted\[0\]\.expires"):
        load_triage(bad)
    bad.write_text("accepted:\n  - {id: BSN-111222333, reason: x, owner: FG, expires: 2027-01-01}\n", encoding="utf-8")
    with pytest.raises(TriageError, match=r"accepted\[0\]\.id: .*16 tekens"):
        load_triage(bad)
    bad.write_text("acepted: []\n", encoding="utf-8")
    with pytest.raises(TriageError, match="acepted: onbekende sleutel; bedoelde u `accepted`"):
        load_triage(bad)
    with pytest.raises(TriageError, match="kan het triagebestand niet lezen"):
        load_triage(tmp_path / "missing.yaml")


def test_decisions_history_and_breaches(reviewed: tuple[Report, Path]) -> None:
    report, _ = reviewed
    status = {v.rule: v.status for v in report.violations}
    assert status == {"open-access": OPEN, "bsn-outside-administration": FALSE_POSITIVE,
                      "retention-expired": ACCEPTED, "unknown-subject": EXPIRED}
    assert actionable(report) == report.open_violations == 2  # open + expired acceptance
    assert {r.rule for r in report.history.resolved} == {"consent-missing"}
    assert all(v.change == "persisting" for v in report.violations)
    assert report.triage.unmatched == ["0123456789abcdef"]
    assert len(report.history.audits) == 2 and report.history.audits[-1].open_violations == 2
    [breach] = report.breaches
    assert breach.categories == ["HEALTH", "NL_BSN"] and breach.identity == report.violations[0].identity
    # discovered at the first audit, not now: the 72 hours run from discovery
    assert report.history.previous is not None and breach.discovered_at == report.history.previous.started_at


def test_plain_report_has_breaches_but_no_identities() -> None:
    from reports.view import reviewed

    report = reviewed(sample_report())
    assert [b.categories for b in report.breaches] == [["HEALTH", "NL_BSN"]]
    assert all(v.identity == "" for v in report.violations) and actionable(report) == 4


def test_an_id_of_digits_only_written_without_quotes_is_still_an_id(tmp_path: Path) -> None:
    """YAML reads `- id: 0412345678901234` unquoted as a number; the ID in the report is text."""
    from scanner.triage import load_triage

    path = tmp_path / "triage.yaml"
    path.write_text("false_positives:\n  - id: 1412345678901234\n    reason: geen leerlinggegevens\n",
                    encoding="utf-8")
    assert [e.id for e in load_triage(path).false_positives.values()] == ["1412345678901234"]
