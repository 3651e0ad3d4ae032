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
    review = report.review
    status = {v.rule: r.status for v, r in zip(report.violations, review.violations, strict=True)}
    assert status == {"open-access": OPEN, "bsn-outside-administration": FALSE_POSITIVE,
                      "retention-expired": ACCEPTED, "unknown-subject": EXPIRED}
    assert actionable(report) == review.open_violations == 2  # open + expired acceptance
    assert {r.rule for r in review.resolved} == {"consent-missing"}
    assert all(r.change == "persisting" for r in review.violations)
    assert review.unmatched_triage == ["0123456789abcdef"]
    assert len(review.audits) == 2 and review.audits[-1].open_violations == 2
    [breach] = review.breaches
    assert breach.categories == ["HEALTH", "NL_BSN"] and breach.identity == review.violations[0].identity
    # discovered at the first audit, not now: the 72 hours run from discovery
    assert breach.discovered_at == review.previous.started_at


def test_plain_report_has_breaches_but_no_identities() -> None:
    from reports.view import review_of

    report = sample_report()
    review = review_of(report)
    assert [b.categories for b in review.breaches] == [["HEALTH", "NL_BSN"]]
    assert all(r.identity == "" for r in review.violations) and actionable(report) == 4
