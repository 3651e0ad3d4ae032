"""First scans with files read during the warm-up on and off, in turns, in this one checkout (issue 17,
benchmarks/README.md, "Issue 17: files read during the warm-up (session 33)").

    python benchmarks/early_reading.py [--rounds 7] [--school DIR | --pupils 400 --documents 2000]
                                       [--workers 2] [--work DIR]

The school defaults to bench_scale.py's corpus (`build_demo_school(seed=7, pupils=400, documents=2000)` in
/tmp/avgscan-bench/school-400-2000, built unless present). Each scan is a first scan as `avgscan scan -c
avgscan.yaml --out DIR -q --workers 2` runs it (every report, a fresh output folder: nothing for the cache to
answer), in a process of its own with `scanner.executor.EARLY_READING` set for it (a module flag: it cannot
be set from outside a process). The scans of a round run in turns, the order alternating (odd rounds "off"
first). Per scan one JSON line: wall seconds of its process, CPU seconds (user + sys) of it and every
process it waited for (the workers, the reader, a program an extractor ran), the peak of the PSS summed over
its processes (sampled every 0.5 s), the counts of the report (items, unreadable, findings, violations),
what the reader read (files written back of those it was given, its seconds) and the load average before
and after. Then one line per measure: each mode's values in round order and their median, and the median
of the rounds' differences "on - off". On a machine other work shares (a model's training) the times are
not meaningful.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pss import PssSampler

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
MODES = ("off", "on")
MEASURES = ("wall_s", "cpu_s", "pss_mb", "findings", "violations")


def one_scan(mode: str, school: Path, out: Path, workers: int) -> dict[str, Any]:
    """One first scan in this process, early reading `mode`; its counts and what the reader did."""
    sys.path.insert(0, str(CHECKOUT))  # this checkout, not an installed avgscan (python puts HERE first)
    import scanner
    from scanner import cli, executor
    from scanner.kernel.early_reader import EarlyReader

    assert Path(scanner.__file__).resolve().is_relative_to(CHECKOUT), f"{scanner.__file__} is not {CHECKOUT}'s"
    executor.EARLY_READING = mode == "on"
    readers: list[dict[str, float]] = []
    stop = EarlyReader.stop

    def counted_stop(reader: EarlyReader[Any]) -> int:
        read = stop(reader)
        readers.append({"read": read, "taken": reader.taken, "seconds": round(reader.seconds, 2)})
        return read

    EarlyReader.stop = counted_stop  # type: ignore[method-assign]
    started = time.monotonic()
    with contextlib.redirect_stdout(io.StringIO()):  # the summary; the counts come from report.json
        rc = cli.main(["scan", "-c", str(school / "avgscan.yaml"), "--out", str(out), "-q", "--workers", str(workers)])
    scan_s = time.monotonic() - started
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"rc": rc, "scan_s": round(scan_s, 2), "items": len(report["items"]),
            "unreadable": sum(1 for i in report["items"] if i.get("status") == "unreadable"),
            "findings": len(report["findings"]), "violations": len(report["violations"]), "reader": readers}


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def load() -> float:
    return os.getloadavg()[0]


def timed_scan(mode: str, school: Path, work: Path, workers: int) -> dict[str, Any]:
    """One first scan in a process of its own (from `work`, not a checkout: python -m would put the current
    folder first on sys.path), timed from here as /usr/bin/time would: wall, and the CPU of the process and of
    every process it waited for."""
    out = work / f"out-{mode}"
    shutil.rmtree(out, ignore_errors=True)
    before, cpu0, t0 = load(), children_cpu(), time.monotonic()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--one", mode, "--school", str(school),
                             "--out", str(out), "--workers", str(workers)], cwd=work, stdout=subprocess.PIPE, text=True)
    pss = PssSampler(every=0.5, pid=proc.pid, deep=True)
    pss.start()
    stdout, _ = proc.communicate()
    wall, cpu = time.monotonic() - t0, children_cpu() - cpu0
    peak = round(pss.stop())
    result: dict[str, Any] = {"mode": mode, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "pss_mb": peak}
    if proc.returncode != 0 or not stdout.strip():
        raise SystemExit(f"the scan with early reading {mode} failed (exit {proc.returncode})")
    result.update(json.loads(stdout.strip().splitlines()[-1]))
    result.update(load_before=before, load_after=load())
    return result


def school_dir(arg: str | None, pupils: int, documents: int) -> Path:
    """--school, or bench_scale.py's corpus (built with this checkout's generator unless present)."""
    school = Path(arg) if arg else Path("/tmp/avgscan-bench") / f"school-{pupils}-{documents}"
    if not (school / "avgscan.yaml").exists():
        sys.path.insert(0, str(CHECKOUT))
        from scanner.demo import build_demo_school

        print(f"building {school} (seed 7, {pupils} pupils, {documents} documents)", file=sys.stderr)
        build_demo_school(school, seed=7, pupils=pupils, documents=documents)
    return school.resolve()


def summary(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per measure: each mode's values in round order and their median, and the median of the rounds'
    differences "on - off"."""
    by_mode = {mode: [r for r in runs if r["mode"] == mode] for mode in MODES}
    out: list[dict[str, Any]] = []
    for measure in MEASURES:
        values = {mode: [r[measure] for r in by_mode[mode]] for mode in MODES}
        diffs = [on - off for off, on in zip(values["off"], values["on"], strict=True)]
        line: dict[str, Any] = {"measure": measure}
        for mode in MODES:
            line.update({mode: values[mode], f"{mode}_median": statistics.median(values[mode])})
        out.append({**line, "median_on_minus_off": round(statistics.median(diffs), 2)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=7, help="rounds; each scans once with early reading off and once on")
    ap.add_argument("--school", help="a built school (the folder of its avgscan.yaml); default: bench_scale's corpus")
    ap.add_argument("--pupils", type=int, default=400, help="of the default corpus")
    ap.add_argument("--documents", type=int, default=2000, help="of the default corpus")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path("/tmp/avgscan-early-reading"), help="the output folders")
    ap.add_argument("--one", choices=MODES, help=argparse.SUPPRESS)  # the scan's own process
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print(json.dumps(one_scan(a.one, Path(a.school), a.out, a.workers)), flush=True)
        return
    school = school_dir(a.school, a.pupils, a.documents)
    a.work.mkdir(parents=True, exist_ok=True)
    print(json.dumps({"checkout": str(CHECKOUT), "school": str(school), "workers": a.workers, "rounds": a.rounds,
                      "cpus": len(os.sched_getaffinity(0))}), flush=True)
    runs: list[dict[str, Any]] = []
    for n in range(1, a.rounds + 1):
        for mode in MODES if n % 2 else MODES[::-1]:
            runs.append({"round": n, **timed_scan(mode, school, a.work, a.workers)})
            print(json.dumps(runs[-1]), flush=True)
    for line in summary(runs):
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
