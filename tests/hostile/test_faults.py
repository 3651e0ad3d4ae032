"""Issue 15, case 5: faults while writing, a killed scan's workers, two scans into one folder.

Before: a full disk gave a traceback with exit 1 (the code for "violations found"), a truncated
report.json beside the previous scan's HTML/workbook/CSV, and the failed scan still recorded in the
history; workers stayed alive forever when the parent was killed or terminated; two scans into one
output folder at once ran side by side and one reported the other's violations as "resolved".
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import reports.xlsx_report  # noqa: F401  (registers the writer replaced below)
from reports import WRITERS
from scanner.cli import main
from scanner.outdir import claim_output
from scanner.state import StateStore


def school(tmp_path: Path) -> Path:
    share = tmp_path / "share" / "Gedeeld"
    share.mkdir(parents=True)
    (share / "lijst.txt").write_text("Leerling Jan de Vries, BSN 111222333, heeft dyslexie.\n", encoding="utf-8")
    (share / "lijst.txt").chmod(0o644)
    return tmp_path / "share"


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith("avgscan")}


def full_disk(report: object, out_dir: Path) -> Path:
    """The workbook is half written when the disk fills up (report.json is already done)."""
    (out_dir / "report.xlsx").write_bytes(b"PK\x03\x04half")
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_disk_full_keeps_the_previous_reports_and_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capfd: pytest.CaptureFixture[str]) -> None:
    share = school(tmp_path)
    out = tmp_path / "uit"
    assert main(["scan", str(share), "--out", str(out), "--workers", "1"]) == 1
    before = outputs(out)
    with StateStore.open(out) as store:
        audits_before = len(store.audits())
    (share / "Gedeeld" / "nieuw.txt").write_text("Piet Jansen, BSN 123456782.\n", encoding="utf-8")

    monkeypatch.setitem(WRITERS, "xlsx", f"{__name__}:full_disk")
    capfd.readouterr()
    code = main(["scan", str(share), "--out", str(out), "--workers", "1"])
    err = capfd.readouterr().err
    assert code == 2, err
    assert "schijf is vol" in err and "Traceback" not in err
    assert outputs(out) == before  # every report of the previous scan, whole; no half-written file
    assert not [p for p in out.iterdir() if p.name.startswith(".avgscan-schrijven")]
    with StateStore.open(out) as store:
        assert len(store.audits()) == audits_before  # the failed scan is not in the history


def test_a_second_scan_into_a_locked_folder_is_refused(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    share = school(tmp_path)
    out = tmp_path / "uit"
    busy = claim_output(out)  # another scan is writing here
    try:
        assert main(["scan", str(share), "--out", str(out), "--workers", "1"]) == 2
        assert "loopt al een andere scan" in capfd.readouterr().err
        assert not (out / "report.json").exists()
    finally:
        busy.release()
    assert main(["scan", str(share), "--out", str(out), "--workers", "1"]) == 1


WORKERS_SCRIPT = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, sys.argv[1])
    from scanner.executor import worker_pool
    pool = worker_pool(2)
    print(" ".join(str(pid) for pid in pool.pids), flush=True)
    time.sleep(600)
""")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_their_parent(tmp_path: Path, sig: int) -> None:
    script = tmp_path / "workers.py"
    script.write_text(WORKERS_SCRIPT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), str(Path.cwd())], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in parent.stdout.readline().split()]  # type: ignore[union-attr]
        assert len(pids) == 2 and all(_alive(p) for p in pids)
        parent.send_signal(sig)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 30  # a bound for a loaded machine, not a speed requirement
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [p for p in pids if _alive(p)]
    finally:
        parent.kill()
    for p in left:
        os.kill(p, signal.SIGKILL)
    assert not left, "workers outlived the scan"
