"""Where a rescan's time goes: one `audit()` (as `avgscan scan` runs it) with each phase timed.

    PYTHONPATH=<checkout> python benchmarks/rescan_phases.py CONFIG OUT [--workers N]

Run it on an output folder that already holds a scan of CONFIG (the first scan fills the caches). The
phases are wall seconds of: importing the scanner and the report writers, loading the records, the
detection cache's lookups, Scanner.finish (linking, or the evaluation cache's answer), evaluate (the
rules), the crawl and the rest of run_scan, each report writer, and the review (history, triage)
with the state store's bookkeeping. Wrappers add a little time per call; compare runs of this script
with each other, not with bench_scale.py.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import time
from pathlib import Path

STARTED = time.monotonic()

import reports  # noqa: E402  (the checkout PYTHONPATH names: compare two checkouts with the same script)
import scanner.cache as cache  # noqa: E402
import scanner.pipeline as pipeline  # noqa: E402
from scanner.audit import audit  # noqa: E402
from scanner.config import load_config  # noqa: E402

WRITER_MODULES = {fmt: importlib.import_module(target.partition(":")[0]) for fmt, target in reports.WRITERS.items()}
IMPORTED = time.monotonic() - STARTED
SPENT: dict[str, float] = {}


def timed(owner: object, name: str, label: str) -> None:
    """Replace owner.name by a wrapper that adds its wall time to SPENT[label]."""
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args: object, **kwargs: object) -> object:
        t0 = time.monotonic()
        try:
            return original(*args, **kwargs)
        finally:
            SPENT[label] = SPENT.get(label, 0.0) + time.monotonic() - t0

    setattr(owner, name, wrapper)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("config")
    ap.add_argument("out")
    ap.add_argument("--workers", type=int, default=0)
    a = ap.parse_args()
    timed(pipeline, "load_records", "load records")
    timed(cache.ItemCache, "lookup", "detection cache lookups")
    timed(pipeline.Scanner, "finish", "finish (linking or its kept outcome)")
    timed(pipeline, "evaluate", "evaluate (rules)")
    timed(pipeline, "run_scan", "run_scan (all of the scan)")
    for fmt, target in reports.WRITERS.items():
        timed(WRITER_MODULES[fmt], target.partition(":")[2], f"write {fmt}")
    timed(reports, "write_all", "write_all (all writers)")
    t0 = time.monotonic()
    done = audit(load_config(a.config), Path(a.out), progress=False, workers=a.workers)
    SPENT["audit (scan, review, writers)"] = time.monotonic() - t0
    SPENT["import scanner and the writers"] = IMPORTED
    SPENT["process"] = time.monotonic() - STARTED
    st = done.report.statistics
    print(json.dumps({"items": st["items"], "findings": st["findings"], "cache_hits": st["cache_hits"],
                      "judgements_reused": st.get("judgements_reused"),
                      "seconds": {k: round(v, 2) for k, v in SPENT.items()}}, indent=1))


if __name__ == "__main__":
    main()
