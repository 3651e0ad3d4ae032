"""Peak memory of a scan and the processes it forks, as PSS summed over them (benchmarks only).

Why PSS: the forked workers share the parent's pages (the loaded NLP model) copy-on-write, so adding the
parent's and the workers' RSS counts those pages two or three times; PSS splits shared pages between the
processes that map them, so its sum is what the scan really occupies. Used by bench_scale.py (this process
and its children) and early_reading.py (a scan's own process and its descendants).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path


def pss_kb(pid: int | str) -> int:
    """A process's PSS in kB (0 when it ended between listing and reading)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def children(pid: int | str) -> list[str]:
    """The pids of a process's children, over all its threads."""
    kids: list[str] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            with contextlib.suppress(OSError):
                kids += (task / "children").read_text().split()
    return kids


class PssSampler(threading.Thread):
    """Peak of the PSS summed over process `pid` and its children (`deep`: all its descendants), sampled
    every `every` seconds."""

    def __init__(self, every: float = 1.0, pid: int | str = "self", deep: bool = False) -> None:
        super().__init__(daemon=True)
        self.every, self.pid, self.deep, self.peak_mb = every, pid, deep, 0.0
        self.done = threading.Event()

    def processes(self) -> list[int | str]:
        found: list[int | str] = [self.pid]
        todo = children(self.pid)
        while todo:
            at = todo.pop()
            found.append(at)
            if self.deep:
                todo += children(at)
        return found

    def run(self) -> None:
        while not self.done.wait(self.every):
            self.peak_mb = max(self.peak_mb, sum(pss_kb(p) for p in self.processes()) / 1024)

    def stop(self) -> float:
        self.done.set()
        self.join()
        return self.peak_mb
