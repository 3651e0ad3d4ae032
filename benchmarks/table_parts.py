"""Two measures of the benchmark's absence table that a loaded machine does not blur as much as a whole scan's
wall time (benchmarks/README.md, "Issue 17: session 30, the million-row table"):

    PYTHONPATH=<checkout> python benchmarks/table_parts.py calls ROWS      # function calls of one scan, cProfile
    PYTHONPATH=<checkout> python benchmarks/table_parts.py producer ROWS   # CPU of the rows' reading alone

`calls` counts the Python function calls of `audit(..., workers=2)` (the table_once.py scan): the same count
on every run. `producer` is the CPU seconds of the executor's stream (reading, signatures, copies, the first
rows' detection) without the rules, ledgers and report, with the NLP pipeline loaded before.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path

from table_once import checkout_table


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("measure", choices=["calls", "producer"])
    ap.add_argument("rows", type=int)
    ap.add_argument("--work", type=Path, help="where the table's database is kept (default /tmp/rows<ROWS>)")
    a = ap.parse_args()
    build_table, code = checkout_table()
    from scanner.config import load_config

    work = a.work or Path(f"/tmp/rows{a.rows}")
    work.mkdir(parents=True, exist_ok=True)
    cfg = load_config(build_table(a.rows, work))
    out: dict[str, object] = {"code": code, "rows": a.rows, "measure": a.measure}
    if a.measure == "calls":
        from scanner.audit import audit

        profile = cProfile.Profile()
        profile.enable()
        audit(cfg, None, workers=2, progress=False)
        profile.disable()
        out["calls"] = pstats.Stats(profile).total_calls  # type: ignore[attr-defined]
    else:
        from scanner.executor import scan_all
        from scanner.pipeline import Scanner, fewer_collections
        from scanner.records.loading import load_records

        scanner = Scanner(cfg, load_records(cfg))
        _ = scanner.analyzer
        items, started = 0, time.process_time()
        with fewer_collections():
            for entry in scan_all(scanner, 2, None):
                items += len(getattr(entry, "items", ())) or 1  # a batch of copied rows counts its rows
        out.update(cpu_s=round(time.process_time() - started, 2), items=items)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
