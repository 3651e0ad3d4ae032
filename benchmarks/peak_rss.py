"""Run a command and print its wall time and the peak RSS of it and each of its child processes.

Sampled every 0.5 s with psutil. A forked worker shares the model's pages with the parent, so the peaks
are per process; the peaks of two sums are printed as well: RSS summed over all processes (counts a
shared page once per process: an upper bound) and PSS summed (each shared page split between the
processes that share it: the physical memory the scan takes). Used by benchmarks/side_by_side.sh.
"""

from __future__ import annotations

import subprocess
import sys
import time

import psutil


def main() -> None:
    child = subprocess.Popen(sys.argv[1:])
    root = psutil.Process(child.pid)
    peak: dict[int, int] = {}
    peak_rss_sum = peak_pss_sum = 0
    started = time.time()
    while child.poll() is None:
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        rss_sum = pss_sum = 0
        for p in processes:
            try:
                full = p.memory_full_info()
            except psutil.Error:
                continue
            peak[p.pid] = max(peak.get(p.pid, 0), full.rss)
            rss_sum += full.rss
            pss_sum += getattr(full, "pss", full.rss)
        peak_rss_sum, peak_pss_sum = max(peak_rss_sum, rss_sum), max(peak_pss_sum, pss_sum)
        time.sleep(0.5)
    child.wait()
    print("rc", child.returncode, "wall", round(time.time() - started, 1))
    print("peaks MB", {pid: round(rss / 2**20) for pid, rss in peak.items()})
    print("peak sums MB", {"rss": round(peak_rss_sum / 2**20), "pss": round(peak_pss_sum / 2**20)})


if __name__ == "__main__":
    main()
