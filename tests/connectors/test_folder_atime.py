"""Issue 15, case 3: walking a share leaves the access times of its folders as they were.

Folders used to be listed by path (a fresh open without O_NOATIME), so every folder's atime was
updated by the scan. Access times are first set to before each folder's mtime: with 'relatime'
(the Linux default) any ordinary listing then updates them, so an unchanged atime proves the
folder was listed without touching it.
"""

from __future__ import annotations

import os
from pathlib import Path

from connectors.filesystem import FilesystemSource
from tests.connectors.conftest import source_config

DAY_NS = 86_400 * 10**9


def test_walk_keeps_folder_access_times(tmp_path: Path) -> None:
    root = tmp_path / "share"
    for rel in ("Dossiers/Vries, Sanne de (1001)/verslag.txt", "Gedeeld/lijst.txt", "Gedeeld/Oud/notitie.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("Sanne heeft dyslexie\n", encoding="utf-8")
    folders = [root, *[p for p in root.rglob("*") if p.is_dir()]]
    for folder in folders:
        st = folder.stat()
        os.utime(folder, ns=(st.st_mtime_ns - DAY_NS, st.st_mtime_ns))
    before = {f: f.stat().st_atime_ns for f in folders}
    source = FilesystemSource(source_config(name="share", type="filesystem", path=str(root)))
    items = list(source.crawl())
    for item in items:
        source.read(item)
    source.close()
    assert len(items) == 3
    assert {f: f.stat().st_atime_ns for f in folders} == before
