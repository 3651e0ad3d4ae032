"""One scan of the benchmark's absence table (bench_scale.build_table) as issue 17 measures it: the columnar
path, 2 workers, no output folder (benchmarks/README.md, "Issue 17: session 29, the million-row table").

    PYTHONPATH=<checkout> python benchmarks/table_once.py ROWS [--work DIR] [--json DIR]
    python benchmarks/table_once.py --digest DIR/report.json ...     # two runs' reports, timestamps aside

The checkout measured is the one PYTHONPATH names (this script may be another's). Prints one JSON line: the
checkout, wall and CPU seconds of the audit (this process and its children), the load average
before and after, and the counts of violations, items and findings. With --json the reviewed report's
report.json is written afterwards (not timed), for --digest to compare two checkouts' reports: the same
digest means the same report.json but for when it was made.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import time
from pathlib import Path
from typing import Any


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load() -> list[str]:
    return Path("/proc/loadavg").read_text().split()[:3]


def digest(path: Path) -> dict[str, Any]:
    """report.json without what says when it was made (generated_at, the run's seconds, first seen,
    discovered at): a digest and the counts."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("generated_at", None)
    data.get("statistics", {}).pop("seconds", None)
    for part in ("violations", "to_review"):
        for v in data.get(part, []):
            v.pop("first_seen", None)
    for b in data.get("possible_breaches", []):
        b.pop("discovered_at", None)
    text = json.dumps(data, sort_keys=True).encode()
    return {"report": str(path), "digest": hashlib.sha256(text).hexdigest()[:16], "items": len(data["items"]),
            "findings": len(data["findings"]), "violations": len(data["violations"])}


def checkout_table() -> tuple[Any, str]:
    """bench_scale.build_table of the checkout PYTHONPATH names, and that checkout. bench_scale puts its own
    checkout first on sys.path, and this script's folder comes before PYTHONPATH: imported from here, a
    'before' checkout's run would have scanned with this checkout's code."""
    import importlib
    import sys

    import scanner

    checkout = Path(scanner.__file__).resolve().parent.parent
    sys.path.insert(0, str(checkout / "benchmarks"))
    sys.modules.pop("bench_scale", None)
    bench_scale = importlib.import_module("bench_scale")
    assert Path(bench_scale.__file__).resolve().parent.parent == checkout, bench_scale.__file__
    return bench_scale.build_table, str(checkout)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rows", type=int, nargs="?", default=1_000_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/rows1m"), help="where the table's database is kept")
    ap.add_argument("--json", type=Path, help="write report.json here after the timed run")
    ap.add_argument("--digest", type=Path, nargs="+", help="only print the digests of these report.json files")
    a = ap.parse_args()
    if a.digest:
        for path in a.digest:
            print(json.dumps(digest(path)))
        return
    build_table, code = checkout_table()
    from scanner.audit import audit
    from scanner.config import load_config

    a.work.mkdir(parents=True, exist_ok=True)
    cfg = build_table(a.rows, a.work)
    before = load()
    t0, c0 = time.monotonic(), cpu()
    report = audit(load_config(cfg), None, workers=2, progress=False).report
    wall, used = time.monotonic() - t0, cpu() - c0
    import scanner.pipeline

    assert Path(scanner.pipeline.__file__).resolve().is_relative_to(code), "a scan with another checkout's code"
    print(json.dumps({"code": code, "rows": a.rows, "wall_s": round(wall, 2), "cpu_s": round(used, 2),
                      "violations": len(report.violations), "items": report.statistics["items"],
                      "findings": report.statistics["findings"], "load_before": before, "load_after": load()}),
          flush=True)
    if a.json is not None:
        from reports.json_report import write_json

        a.json.mkdir(parents=True, exist_ok=True)
        write_json(report, a.json)


if __name__ == "__main__":
    main()
