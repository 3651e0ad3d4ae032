"""A first scan of the benchmark table into an output folder and its rescan, by column and by row,
one after the other in this process (benchmarks/README.md, "Issue 17: the columnar table path").

    PYTHONPATH=<checkout>:<checkout>/benchmarks python benchmarks/table_out.py ROWS [--work DIR]

Prints wall and CPU seconds (this process and its children) per run and whether all four runs found
the same violations: the row path is the reference the columnar path must equal.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import time
from pathlib import Path

import bench_scale

import scanner.columnar as columnar
from scanner.audit import audit
from scanner.config import load_config


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rows", type=int)
    ap.add_argument("--work", type=Path, default=Path("/tmp/avgscan-table-out"))
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    cfg = bench_scale.build_table(args.rows, args.work)
    seen = {}
    for path in ("columnar", "row"):
        out = args.work / f"out-{path}"
        shutil.rmtree(out, ignore_errors=True)
        for run in ("first", "rescan"):
            columnar.ENABLED = path == "columnar"
            t0, c0 = time.monotonic(), cpu()
            r = audit(load_config(cfg), out, workers=args.workers, progress=False, formats=["json"]).report
            seen[(path, run)] = sorted((v.rule, v.path, v.leerlingnummer or "") for v in r.violations)
            print(json.dumps({"path": path, "run": run, "rows": args.rows, "wall": round(time.monotonic() - t0, 1),
                              "cpu": round(cpu() - c0, 1), "violations": len(r.violations),
                              "items": r.statistics["items"], "cache_hits": r.statistics["cache_hits"],
                              "judgements_reused": r.statistics["judgements_reused"],
                              "load": open("/proc/loadavg").read().split()[:3]}), flush=True)
    print("same violations in all runs:", len({json.dumps(v) for v in seen.values()}) == 1)


if __name__ == "__main__":
    main()
