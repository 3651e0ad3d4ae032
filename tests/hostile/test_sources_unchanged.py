"""Sources are read, never changed: every byte, mtime and mode of the demo school (file share with
docx/pdf/eml/xlsx/csv/txt, and the SQLite LAS) is the same after a full scan, no file appears or
disappears (no -journal/-wal/-shm beside the database), and the files the share source reads keep
even their access time (O_NOATIME).

Access times are first set to before each file's mtime: with 'relatime' (the Linux default) any
ordinary read would then update them, so an unchanged atime proves the file was read without it.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.demo import build_demo_school
from tests.hostile.conftest import FIGURES

DAY_NS = 86_400 * 10**9
# Read by other parts than the sources (config, record files) or by SQLite, which has no O_NOATIME:
# their content and mtime are checked, their access time is not.
NO_ATIME_CHECK = ("avgscan.yaml", "las.db", "records/", "share/Personeel/Personeelslijst")


def snapshot(root: Path) -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            st = os.stat(path, follow_symlinks=False)
            if stat.S_ISREG(st.st_mode):
                digest = _sha256_noatime(path)
                out[rel] = ("file", digest, st.st_size, st.st_mtime_ns, st.st_atime_ns, st.st_mode)
            else:
                out[rel] = ("dir", "", 0, st.st_mtime_ns, 0, st.st_mode)
    return out


def _sha256_noatime(path: Path) -> str:
    """The test's own reading must not touch the access times it compares."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOATIME", 0))
    with os.fdopen(fd, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("unchanged")
    config = build_demo_school(base / "school")
    for path in (base / "school").rglob("*"):
        st = os.stat(path, follow_symlinks=False)
        if stat.S_ISREG(st.st_mode):
            os.utime(path, ns=(st.st_mtime_ns - DAY_NS, st.st_mtime_ns), follow_symlinks=False)
    return config, base


def test_full_scan_changes_nothing(demo: tuple[Path, Path]) -> None:
    config, base = demo
    root = config.parent
    before = snapshot(root)
    code = main(["scan", "--config", str(config), "--out", str(base / "uit"), "--workers", "2"])
    after = snapshot(root)
    assert code in (1, 3)
    assert sorted(after) == sorted(before), set(after) ^ set(before)  # nothing added (journals) or removed
    changed = [rel for rel in before if before[rel][:4] != after[rel][:4] or before[rel][5] != after[rel][5]]
    assert not changed, changed
    files = [rel for rel, v in before.items() if v[0] == "file"]
    checked = [rel for rel in files if not rel.startswith(NO_ATIME_CHECK)]
    touched = [rel for rel in checked if before[rel][4] != after[rel][4]]
    FIGURES["sources unchanged"] = (f"{len(files)} files and {len(before) - len(files)} folders of the demo school: "
                                    f"bytes, size, mtime, mode equal; atime equal for {len(checked)} share files")
    assert not touched, touched
    assert len(checked) > 100


def test_database_leaves_no_side_files_and_no_lock(demo: tuple[Path, Path]) -> None:
    """After the scan (and its engine disposal) the folder holds las.db only; the file can be
    opened for writing at once (no lock left behind)."""
    import sqlite3

    config, _ = demo
    root = config.parent
    assert not [p.name for p in root.iterdir() if p.name.startswith("las.db-") or p.name.endswith("-journal")]
    con = sqlite3.connect(root / "las.db", timeout=0.1)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.rollback()
    finally:
        con.close()
