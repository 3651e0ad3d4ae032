"""Run a command and print its wall time and the peak RSS of it and each of its child processes.

Sampled every 0.5 s with psutil (a forked worker shares the model's pages with the parent, so the
peaks are per process, not a sum). Used by benchmarks/side_by_side.sh.
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
    started = time.time()
    while child.poll() is None:
        try:
            processes = [root, *root.children(recursive=True)]
        except psutil.Error:
            break
        for p in processes:
            try:
                peak[p.pid] = max(peak.get(p.pid, 0), p.memory_info().rss)
            except psutil.Error:
                pass
        time.sleep(0.5)
    child.wait()
    print("rc", child.returncode, "wall", round(time.time() - started, 1))
    print("peaks MB", {pid: round(rss / 2**20) for pid, rss in peak.items()})


if __name__ == "__main__":
    main()
