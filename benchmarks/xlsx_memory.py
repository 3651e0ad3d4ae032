"""Issue 17: the parent's memory while report.xlsx is written, for a report of N items.

The report (the test sample plus N files kept in a ledger, as a scan keeps them) is built first; only
what writing the workbook adds is measured: tracemalloc's peak and the growth of the peak RSS.
Run it with another checkout first on the path to measure that checkout's writer (before/after):

    PYTHONPATH=<checkout> python benchmarks/xlsx_memory.py --checkout <checkout> --items 20000 100000
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def measure(checkout: str, n: int) -> None:
    sys.path.insert(0, checkout)
    from reports.xlsx_report import write_xlsx
    from scanner.kernel.ledger import Ledger
    from scanner.kernel.model import Item
    from tests.reports.conftest import sample_report

    report = sample_report()
    items = Ledger(report.items)
    for i in range(n):
        path = f"Leerlingen/groep {i % 8 + 1}/map {(n - i) // 100:05d}/verslag {i:07d}.docx"
        items.append(Item(source="share", path=path, kind="file"))
        if i % 10 == 0:
            report.subjects[("share", path)] = [(str(1000 + i % 500), False)]
    report.items = items
    with tempfile.TemporaryDirectory() as out:
        write_xlsx(sample_report(), Path(out))  # openpyxl's first-use allocations
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        t0 = time.process_time()
        write_xlsx(report, Path(out))
        cpu = time.process_time() - t0
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0
    print(f"{n:>9} items: tracemalloc peak {peak / 1e6:7.1f} MB, peak RSS grew {rss / 1e3:7.1f} MB, "
          f"{cpu:6.1f} s CPU (under tracemalloc)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkout", default=str(Path(__file__).resolve().parents[1]))
    ap.add_argument("--items", type=int, nargs="+", default=[20_000, 100_000])
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        measure(a.checkout, a.items[0])
        return
    for n in a.items:  # a fresh process each, so one size's peak RSS does not hide the next
        subprocess.run([sys.executable, __file__, "--checkout", a.checkout, "--one", "--items", str(n)], check=True)


if __name__ == "__main__":
    main()
