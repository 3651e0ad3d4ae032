"""The filesystem source: what is scanned, skipped or unreadable, access facts, and containers."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from connectors.filesystem import FilesystemSource
from connectors.posix_acl import GROUP, GROUP_OBJ, MASK, OTHER, USER_OBJ, parse_acl
from scanner.kernel.model import Item
from tests.connectors import samples
from tests.connectors.conftest import source_config


def make_source(root: Path, **values: object) -> FilesystemSource:
    return FilesystemSource(source_config(name="share", type="filesystem", path=str(root), **values))


def crawl(source: FilesystemSource) -> dict[str, Item]:
    return {i.path: i for i in source.crawl()}


def write(root: Path, rel: str, data: bytes = b"tekst", mode: int = 0o640) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    path.chmod(mode)
    return path


def test_globs_links_temp_files_and_size(tmp_path: Path) -> None:
    root, outside = tmp_path / "share", tmp_path / "elders"
    write(root, "Dossiers/a.txt")
    write(root, "Dossiers/~$a.docx", b"lock")
    write(root, "Dossiers/.~lock.b.odt#", b"lock")
    write(root, "Dossiers/groot.txt", b"x" * 5000)
    write(root, "Archief/oud.txt")
    write(outside, "geheim.txt", b"buiten de share")
    (root / "Dossiers" / "link.txt").symlink_to(outside / "geheim.txt")
    (root / "Dossiers" / "linkmap").symlink_to(outside)
    source = make_source(root, exclude=["Archief/*"], max_file_mb=0.004)
    items = crawl(source)
    assert set(items) == {"Dossiers/a.txt", "Dossiers/~$a.docx", "Dossiers/.~lock.b.odt#", "Dossiers/groot.txt",
                          "Dossiers/link.txt", "Dossiers/linkmap"}
    assert items["Dossiers/a.txt"].status == "scanned"
    assert items["Dossiers/~$a.docx"].status == "skipped" and "vergrendeling" in items["Dossiers/~$a.docx"].reason
    assert items["Dossiers/.~lock.b.odt#"].status == "skipped"
    assert items["Dossiers/link.txt"].status == "skipped" and "buiten" in items["Dossiers/link.txt"].reason
    assert items["Dossiers/linkmap"].status == "skipped"  # the folder behind the link is not walked
    assert items["Dossiers/groot.txt"].status == "unreadable" and "te groot" in items["Dossiers/groot.txt"].reason
    assert source.counts["tijdelijk"] == 2 and source.counts["link"] == 2


def test_include_globs(tmp_path: Path) -> None:
    write(tmp_path / "s", "a.txt")
    write(tmp_path / "s", "b.csv", b"a;b\n1;2\n")
    assert set(crawl(make_source(tmp_path / "s", include=["*.csv"]))) == {"b.csv"}


def test_special_files_are_skipped_not_read(tmp_path: Path) -> None:
    root = tmp_path / "share"
    root.mkdir()
    os.mkfifo(root / "pijp.txt")  # reading it would block the scan for ever
    item = crawl(make_source(root))["pijp.txt"]
    assert item.status == "skipped" and "geen gewoon bestand" in item.reason


def test_unlistable_folder_is_an_unreadable_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "share"
    write(root, "Zorg/a.txt")
    real = os.scandir

    def scandir(path: object) -> object:
        shown = os.readlink(f"/proc/self/fd/{path}") if isinstance(path, int) else str(path)
        if shown.endswith("Zorg"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    item = crawl(make_source(root))["Zorg"]
    assert item.status == "unreadable" and item.kind == "folder" and "Permission denied" in item.reason


def test_access_facts_owner_group_mode(tmp_path: Path) -> None:
    write(tmp_path / "s", "open.txt", mode=0o644)
    write(tmp_path / "s", "dicht.txt", mode=0o600)
    items = crawl(make_source(tmp_path / "s"))
    assert items["open.txt"].access.world_readable and items["open.txt"].access.mode == 0o644
    assert not items["dicht.txt"].access.world_readable and items["dicht.txt"].access.mode == 0o600
    assert items["dicht.txt"].access.owner and items["dicht.txt"].access.group


@pytest.mark.skipif(shutil.which("setfacl") is None, reason="setfacl (Debian acl) is not installed")
def test_posix_acl_entries(tmp_path: Path) -> None:
    path = write(tmp_path / "s", "acl.txt", mode=0o600)
    subprocess.run(["setfacl", "-m", "g:users:r,u:nobody:r", str(path)], check=True)
    path2 = write(tmp_path / "s", "iedereen.txt", mode=0o600)
    subprocess.run(["setfacl", "-m", "g:users:r,o::r", str(path2)], check=True)
    items = crawl(make_source(tmp_path / "s"))
    assert {"users", "nobody"} <= set(items["acl.txt"].access.acl)
    assert "Everyone" not in items["acl.txt"].access.acl
    assert "Everyone" in items["iedereen.txt"].access.acl


def test_acl_mask_and_domain_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    import connectors.posix_acl as posix_acl

    def entries(*triples: tuple[int, int, int]) -> bytes:
        return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *t) for t in triples)

    monkeypatch.setattr(posix_acl.grp, "getgrgid", lambda gid: type("G", (), {"gr_name": "SCHOOL\\domain users"}))
    raw = entries((USER_OBJ, 6, 0xFFFFFFFF), (GROUP_OBJ, 4, 0xFFFFFFFF), (GROUP, 4, 513), (MASK, 4, 0xFFFFFFFF),
                  (OTHER, 0, 0xFFFFFFFF))
    assert parse_acl(raw, "juf", "staf") == ["juf", "staf", "Domain Users"]
    masked = entries((USER_OBJ, 6, 0xFFFFFFFF), (GROUP, 4, 513), (MASK, 0, 0xFFFFFFFF), (OTHER, 4, 0xFFFFFFFF))
    assert parse_acl(masked, "juf") == ["juf", "Everyone"]  # the mask takes read away from the group


def test_reading_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "s", "a.txt", mode=0o644)
    os.utime(path, (1_600_000_000, 1_700_000_000))  # atime before mtime: relatime would update it
    source = make_source(tmp_path / "s")
    for item in source.crawl():
        source.read(item)
    st = path.stat()
    assert (st.st_atime, st.st_mtime) == (1_600_000_000, 1_700_000_000)


# -- containers ---------------------------------------------------------------------------------
def scan(source: FilesystemSource) -> dict[str, Item]:
    items = {}
    for item in source.crawl():
        if item.status == "scanned":
            try:
                item.content = source.read(item)  # type: ignore[attr-defined]
            except Exception as err:  # noqa: BLE001 - the test wants to see any failure as a reason
                item.status, item.reason = "unreadable", str(err)
        items[item.path] = item
    return items


def test_zip_members_recursive_with_mail_attachments(tmp_path: Path) -> None:
    inner = samples.zip_bytes({"diep/notitie.txt": samples.txt_bytes()})
    mail = samples.eml_bytes([("verslag.docx", samples.docx_bytes()), ("tekening.dwg", b"\0")])
    write(tmp_path / "s", "post.zip", samples.zip_bytes({"binnen.zip": inner, "mail.eml": mail,
                                                        "geheim/": b""}))
    items = scan(make_source(tmp_path / "s"))
    assert list(items) == ["post.zip", "post.zip!/binnen.zip", "post.zip!/binnen.zip!/diep/notitie.txt",
                           "post.zip!/mail.eml", "post.zip!/mail.eml!/verslag.docx", "post.zip!/mail.eml!/tekening.dwg"]
    note = items["post.zip!/binnen.zip!/diep/notitie.txt"]
    assert note.kind == "member" and note.status == "scanned"
    assert any(u.text == "Sanne de Vries heeft dyslexie." for u in note.content.units)  # type: ignore[attr-defined]
    attachment = items["post.zip!/mail.eml!/verslag.docx"]
    assert attachment.status == "scanned"
    assert str(attachment.content.metadata["date"]) == "2025-03-03"  # type: ignore[attr-defined]
    assert items["post.zip!/mail.eml!/tekening.dwg"].reason == "formaat niet ondersteund (.dwg)"


def test_zip_bomb_encrypted_member_and_depth(tmp_path: Path) -> None:
    root = tmp_path / "s"
    write(root, "bom.zip", samples.zip_bomb(300))
    write(root, "slot.zip", samples.encrypted_zip())
    nested = samples.zip_bytes({"x.txt": b"diep"})
    for level in range(4):
        nested = samples.zip_bytes({f"n{level}.zip": nested})
    write(root, "nest.zip", nested)
    write(root, "kapot.zip", b"PK\x03\x04 kapot")
    items = scan(make_source(root, archive_max_mb=100))
    assert items["bom.zip"].status == "unreadable" and "zip-bom" in items["bom.zip"].reason
    assert not any(p.startswith("bom.zip!/") for p in items)
    locked = items["slot.zip!/geheim.txt"]
    assert locked.status == "unreadable" and "versleuteld" in locked.reason
    deepest = [i for p, i in items.items() if p.startswith("nest.zip") and i.status == "unreadable"]
    assert len(deepest) == 1 and "te diep genest" in deepest[0].reason
    assert items["kapot.zip"].status == "unreadable" and "beschadigd" in items["kapot.zip"].reason


def test_too_many_members(tmp_path: Path) -> None:
    write(tmp_path / "s", "veel.zip", samples.zip_bytes({f"{i}.txt": b"x" for i in range(20)}))
    item = crawl(make_source(tmp_path / "s", archive_max_members=10))["veel.zip"]
    assert item.status == "unreadable" and "20 bestanden" in item.reason
