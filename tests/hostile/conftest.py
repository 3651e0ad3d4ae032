"""Scanning hostile trees through the real pipeline, and the outcome table printed at the end.

Every hostile case is a file (or folder, or table) in a tree that `scan_tree` scans with
`scanner.pipeline.run_scan` and the limits below, timing each item. The outcome of every case
(status, reason, seconds) is collected and printed after the run, with the peak memory, so the
issue's closing note can quote real figures.
"""

from __future__ import annotations

import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from scanner.config import build_config
from scanner.kernel.model import Item, Report
from scanner.pipeline import run_scan
from scanner.records.loading import Records

# Small enough to show that the configured limits (not luck) bound every case, large enough for
# the normal documents in the same trees.
LIMITS = {"item_timeout_s": 20.0, "max_text_mb": 20.0}
SOURCE_LIMITS = {"max_file_mb": 150.0, "archive_max_mb": 100.0, "archive_max_members": 200, "archive_max_depth": 3}
OUTCOMES: list[tuple[str, str, str, float]] = []
FIGURES: dict[str, str] = {}


@dataclass
class Scan:
    report: Report
    seconds: float
    root: Path
    items: dict[str, Item] = field(default_factory=dict)
    times: dict[str, float] = field(default_factory=dict)

    def item(self, path: str) -> Item:
        assert path in self.items, f"{path!r} is not an item of the scan: {sorted(self.items)[:20]}"
        return self.items[path]

    def record(self, case: str, path: str) -> Item:
        """The item at `path`, remembered under `case` for the outcome table."""
        item = self.item(path)
        OUTCOMES.append((case, item.status, item.reason or "", self.times.get(path, 0.0)))
        return item


def config_for(sources: list[dict[str, Any]], base: Path, **limits: float) -> Any:
    return build_config({"sources": sources, "limits": {**LIMITS, **limits}}, "hostile test", base)


def share(root: Path, **settings: Any) -> dict[str, Any]:
    return {"name": "share", "type": "filesystem", "path": str(root), **SOURCE_LIMITS, **settings}


def scan_tree(root: Path, sources: list[dict[str, Any]] | None = None, workers: int = 1,
              show_values: bool = False, **limits: float) -> Scan:
    """Scan `root` (or the given sources) with the hostile limits; each item's time is the time
    between its result and the one before (crawl, read, extraction and detection of that item)."""
    cfg = config_for(sources or [share(root)], root.parent, **limits)
    times: dict[str, float] = {}
    last = [time.monotonic()]

    def progress(item: Item) -> None:
        now = time.monotonic()
        times.setdefault(item.path, now - last[0])  # tests name items by path (the first source's)
        times[f"{item.source}:{item.path}"] = now - last[0]
        last[0] = now

    started = time.monotonic()
    report = run_scan(cfg, workers=workers, progress=progress, records=Records(), show_values=show_values)
    return Scan(report=report, seconds=time.monotonic() - started, root=root,
                items={i.path: i for i in report.items}, times=times)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not OUTCOMES and not FIGURES:
        return
    tr = terminalreporter
    tr.section("hostile input: outcome per case")
    for case, status, reason, seconds in OUTCOMES:
        tr.write_line(f"{case:<46} {status:<10} {seconds:6.2f} s  {reason[:110]}")
    if OUTCOMES:
        slowest = max(OUTCOMES, key=lambda o: o[3])
        tr.write_line(f"slowest case: {slowest[0]} ({slowest[3]:.2f} s)")
    for name, value in FIGURES.items():
        tr.write_line(f"{name}: {value}")
    tr.write_line(f"peak RSS of the test process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


@pytest.fixture()
def bounded() -> Any:
    """Assert that an item finished within the item time limit (plus slack for a loaded CI machine)."""

    def check(scan: Scan, path: str, limit: float = LIMITS["item_timeout_s"] + 10) -> None:
        assert scan.times.get(path, 0.0) < limit, f"{path} took {scan.times[path]:.1f} s"

    return check
