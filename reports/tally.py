"""What the writers count over a report's violations, counted once per report.

Every writer summed the violations again for each figure it shows (new and persisting since the last
audit, per rule, source, school and severity, the FG's decisions, what is handled or assigned): about
twenty passes per report, each reading every violation back from disk. On an open share of 100 000
files that was a quarter of an unchanged rescan. The counts (scanner.kernel.model.Tally) are taken by
the review in its one pass over the violations, or else once per report here.
"""

from __future__ import annotations

from reports.priority import settled
from scanner.kernel.model import Report, Tally


def tally(report: Report) -> Tally:
    """The counts of `report`'s violations; shared within one_report(), not to be changed by the caller."""
    return settled("tally", report, report.tally)


__all__ = ["Tally", "tally"]
