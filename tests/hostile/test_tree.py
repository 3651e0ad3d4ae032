"""The shape of the tree itself: symlink loops, names with newlines and odd Unicode, folders 200 (and
1200) levels deep, a folder called 'Post!', and files deleted, changed or swapped while the scan runs.

Links are reported (skipped, with why), never followed; every name survives into the report as it
is (NFC and NFD spellings stay two files; undecodable bytes are shown as cp1252); depth beyond the
limit is reported, and the rest of the share is still scanned.
"""

from __future__ import annotations

import os
import re
import shutil
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from connectors.filesystem import MAX_DEPTH, FilesystemSource
from connectors.filetree import Entry
from tests.hostile import makers
from tests.hostile.conftest import Scan, scan_tree

BSN_TEXT = b"BSN van de leerling: 111222333\n"
NFC = unicodedata.normalize("NFC", "café.txt")
NFD = unicodedata.normalize("NFD", "café.txt")
NAMES = {  # file name on disk (bytes) -> path in the report
    b"regel\neen.txt": "namen/regel\neen.txt",
    b"tab\tcr\r.txt": "namen/tab\tcr\r.txt",
    "\u202egnp.txt".encode(): "namen/\u202egnp.txt",  # right-to-left override: looks like 'txt.png'
    "😀 verslag 👩‍👧.txt".encode(): "namen/😀 verslag 👩‍👧.txt",
    NFC.encode(): f"namen/{NFC}",
    NFD.encode(): f"namen/{NFD}",
    b"\xe9l\xe8ve.txt": "namen/élève.txt",  # Latin-1 bytes from an old share
    "zero\u200bwidth.txt".encode(): "namen/zero\u200bwidth.txt",
}
LINK_REASON = r"^symbolische link"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scan]:
    root = tmp_path_factory.mktemp("tree") / "share"
    (root / "links" / "map").mkdir(parents=True)
    os.symlink("lus-b", root / "links" / "lus-a")
    os.symlink("lus-a", root / "links" / "lus-b")
    os.symlink("zelf", root / "links" / "zelf")
    os.symlink("..", root / "links" / "map" / "terug")  # a folder loop
    os.symlink("/etc", root / "links" / "buiten")
    (root / "namen").mkdir()
    for raw in NAMES:
        with open(os.path.join(os.fsencode(root / "namen"), raw), "wb") as f:
            f.write(BSN_TEXT)
    (root / "Post!").mkdir()
    (root / "Post!" / "brief.txt").write_bytes(BSN_TEXT)
    (root / "diep").mkdir()
    makers.deep_tree(root / "diep", 200, "Kopie van leerlingdossiers", "bsn.txt", BSN_TEXT)
    (root / "dieper").mkdir()
    makers.deep_tree(root / "dieper", 1200, "d", "bsn.txt", BSN_TEXT)
    (root / "zz-na-de-diepte.txt").write_bytes(BSN_TEXT)
    try:
        yield scan_tree(root, show_values=True)
    finally:
        makers.remove_deep_tree(root / "diep", "Kopie van leerlingdossiers")
        makers.remove_deep_tree(root / "dieper", "d")


def _bsn_found(scan: Scan, path: str) -> bool:
    return any(f.path == path and f.entity_type == "NL_BSN" and f.value == "111222333" for f in scan.report.findings)


@pytest.mark.parametrize("name", ["lus-a", "lus-b", "zelf", "map/terug", "buiten"])
def test_links_and_loops_are_skipped_with_a_reason(tree: Scan, bounded, name: str) -> None:  # noqa: ANN001
    item = tree.record(f"symlink {name}", f"links/{name}")
    assert item.status == "skipped" and re.search(LINK_REASON, item.reason or ""), item.reason
    bounded(tree, f"links/{name}", 2)


@pytest.mark.parametrize("raw", list(NAMES), ids=[repr(p) for p in NAMES.values()])
def test_odd_names_are_scanned_under_their_own_name(tree: Scan, raw: bytes) -> None:
    path = NAMES[raw]
    item = tree.record(f"name {path!r}", path)
    assert item.status == "scanned", item.reason
    assert _bsn_found(tree, path)


def test_nfc_and_nfd_stay_two_files(tree: Scan) -> None:
    assert NFC != NFD and f"namen/{NFC}" in tree.items and f"namen/{NFD}" in tree.items


def test_folder_named_with_the_member_separator(tree: Scan) -> None:
    """'Post!/brief.txt' is a file in a folder 'Post!', not a member of a container 'Post'."""
    item = tree.record("folder called 'Post!'", "Post!/brief.txt")
    assert item.status == "scanned" and _bsn_found(tree, "Post!/brief.txt")


def test_200_levels_deep_beyond_path_max(tree: Scan, bounded) -> None:  # noqa: ANN001
    """200 folders of 26 characters: a 5 400-byte path, longer than PATH_MAX (4 096)."""
    path = "diep/" + "/".join(["Kopie van leerlingdossiers"] * 200) + "/bsn.txt"
    assert len(path.encode()) > 4096
    item = tree.record("200 folder levels, path of 5 400 bytes", path)
    assert item.status == "scanned" and _bsn_found(tree, path)
    bounded(tree, path, 10)


def test_deeper_than_the_depth_limit_is_reported_and_the_scan_goes_on(tree: Scan, bounded) -> None:  # noqa: ANN001
    """1 200 levels would exhaust Python's recursion; the walk stops at MAX_DEPTH with a reason."""
    path = "dieper/" + "/".join(["d"] * MAX_DEPTH)
    item = tree.record(f"1 200 folder levels (limit {MAX_DEPTH})", path)
    assert item.status == "unreadable" and item.kind == "folder"
    assert item.reason == f"te diep genest (meer dan {MAX_DEPTH} mapniveaus); map niet doorzocht"
    assert tree.item("zz-na-de-diepte.txt").status == "scanned"
    bounded(tree, path, 10)


# -- changes while the scan runs --------------------------------------------------------------------
Change = Callable[[Path], None]


def _to_fifo(p: Path) -> None:
    p.unlink()
    os.mkfifo(p)


def _to_link(p: Path) -> None:
    p.unlink()
    p.symlink_to("/etc/hostname")


def _folder_to_link(p: Path) -> None:
    elsewhere = p.parent.parent / "elders"
    elsewhere.mkdir(exist_ok=True)
    (elsewhere / p.name).write_bytes(b"BSN van iemand anders: 123456782\n")
    shutil.rmtree(p.parent)
    p.parent.symlink_to(elsewhere)


def _grow(p: Path) -> None:
    p.write_bytes(BSN_TEXT + b"nieuw: BSN 123456782\n")


def _remove_folder(p: Path) -> None:
    shutil.rmtree(p.parent)


CHANGES: dict[str, tuple[Change, str, str]] = {
    # path: (what happens after it was crawled, expected status, reason pattern)
    "weg.txt": (Path.unlink, "unreadable", r"^kan niet worden gelezen: No such file"),
    "fifo.txt": (_to_fifo, "unreadable", r"^geen gewoon bestand"),
    "link.txt": (_to_link, "unreadable", r"^kan niet worden gelezen: Too many levels of symbolic links"),
    "map/wordt-link.txt": (_folder_to_link, "unreadable", r"^kan niet worden gelezen: Not a directory"),
    "gewijzigd.txt": (_grow, "scanned", r"^$"),
    "verdwijnt/eerste.txt": (_remove_folder, "unreadable", r"^kan niet worden gelezen: No such file"),
}


@pytest.fixture(scope="module")
def changing(tmp_path_factory: pytest.TempPathFactory) -> Scan:
    """Each file is changed right after the walk saw it and before it is read (the window a user
    saving, deleting or replacing a file would hit)."""
    root = tmp_path_factory.mktemp("changing") / "share"
    for rel in [*CHANGES, "verdwijnt/tweede.txt"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(BSN_TEXT)
    original = FilesystemSource._entries

    def entries(self: FilesystemSource) -> Iterator[Entry]:
        for entry in original(self):
            if entry.rel in CHANGES:
                CHANGES[entry.rel][0](self.root / entry.rel)
            yield entry

    mp = pytest.MonkeyPatch()
    mp.setattr(FilesystemSource, "_entries", entries)
    try:
        return scan_tree(root, show_values=True, item_timeout_s=10)
    finally:
        mp.undo()


@pytest.mark.parametrize("path", list(CHANGES))
def test_file_changed_during_the_scan(changing: Scan, bounded, path: str) -> None:  # noqa: ANN001
    _, status, reason = CHANGES[path]
    item = changing.record(f"during scan: {path} ({CHANGES[path][0].__name__.strip('_')})", path)
    assert item.status == status and re.search(reason, item.reason or ""), (item.status, item.reason)
    if status == "unreadable":
        bounded(changing, path, 8)  # a FIFO must not block the open until the 10 s item time limit (slack: load)
    else:
        bounded(changing, path)


def test_swapped_in_link_is_never_followed(changing: Scan) -> None:
    """Neither /etc/hostname nor the other folder's BSN reaches the findings."""
    assert not any(f.value == "123456782" and f.path == "map/wordt-link.txt" for f in changing.report.findings)
    assert not any(f.path == "link.txt" for f in changing.report.findings)


def test_changed_file_is_read_as_it_is_now(changing: Scan) -> None:
    assert {f.value for f in changing.report.findings if f.path == "gewijzigd.txt"} >= {"111222333", "123456782"}


def test_folder_gone_during_the_scan(changing: Scan) -> None:
    item = changing.record("during scan: folder removed (second file)", "verdwijnt/tweede.txt")
    assert item.status == "unreadable" and item.reason


def test_scan_of_a_changing_tree_finishes_quickly(changing: Scan) -> None:
    started = time.monotonic()
    assert changing.seconds < 30 and time.monotonic() - started < 1


def test_smb_walk_of_1200_levels_stops_at_the_depth_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SMB walk has the same explicit stack; a share served as 1 200 nested folders (listing
    faked: no server is needed to walk) gives one reported folder, not a RecursionError."""
    from types import SimpleNamespace

    from connectors import smb

    folder = SimpleNamespace(name="d", smb_info=SimpleNamespace(file_attributes=smb.FILE_ATTRIBUTE_DIRECTORY,
                                                                last_write_time=None, end_of_file=0))
    source = smb.SmbSource(smb.Config(name="s", type="smb", url="smb://127.0.0.1:1/share"))
    monkeypatch.setattr(source, "_list", lambda rel: [folder] if rel.count("/") < 1200 else [])
    entries = list(source._walk(""))
    assert len(entries) == 1 and entries[0].kind == "error" and entries[0].rel.count("/") == smb.MAX_DEPTH
    assert entries[0].reason == f"te diep genest (meer dan {smb.MAX_DEPTH} mapniveaus); map niet doorzocht"
