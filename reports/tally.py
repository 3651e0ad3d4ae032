"""What the writers count over a report's violations, counted in one pass per report.

Every writer summed the violations again for each figure it shows (new and persisting since the last
audit, per rule, source, school and severity, the FG's decisions, what is handled or assigned): about
twenty passes per report, each reading every violation back from disk. On an open share of 100 000
files that was a quarter of an unchanged rescan. Inside one_report() the counts are made once; the
violations with a decision, a handling or an assignment are few (the FG makes each by hand) and are
kept themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from reports.priority import settled
from scanner.kernel.model import Report, Violation


@dataclass
class Tally:
    changes: Counter[str] = field(default_factory=Counter)  # "new", "persisting" (or "")
    rules: Counter[str] = field(default_factory=Counter)
    sources: Counter[str] = field(default_factory=Counter)
    schools: Counter[str] = field(default_factory=Counter)  # "" when no single pupil is concerned
    severities: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    decided: list[Violation] = field(default_factory=list)  # with a decision of the FG, in report order
    handled: list[Violation] = field(default_factory=list)
    assigned: list[Violation] = field(default_factory=list)

    @property
    def new(self) -> int:
        return self.changes["new"]

    @property
    def persisting(self) -> int:
        return self.changes["persisting"]


def tally(report: Report) -> Tally:
    """The counts of `report`'s violations; shared within one_report(), not to be changed by the caller."""
    return settled("tally", report, lambda: _counted(report))


def _counted(report: Report) -> Tally:
    t = Tally()
    for v in report.violations:
        t.changes[v.change or ""] += 1
        t.rules[v.rule] += 1
        t.sources[v.source] += 1
        t.schools[v.school or ""] += 1
        t.severities[v.severity] += 1
        t.statuses[v.status] += 1
        if v.decision:
            t.decided.append(v)
        if v.handled:
            t.handled.append(v)
        if v.assigned:
            t.assigned.append(v)
    return t


__all__ = ["Tally", "tally"]
