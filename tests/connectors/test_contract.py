"""The contract every source keeps, run against each real backend: filesystem, SMB (a real Samba),
SQLite, PostgreSQL and MariaDB, and Microsoft 365 and Google Drive through their stand-ins.

1. crawl yields items with source-relative paths ('/' separators; rows as table:<name>#<key>);
   (a cloud source puts the site and library, or the drive, before them);
2. read returns Content whose units carry a place;
3. an unreadable item carries a reason, and the crawl goes on;
4. the source is not changed: files keep their bytes and mtime; a database session cannot write.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from connectors import open_source
from connectors.base import Source
from scanner.kernel.errors import Unreadable
from tests.connectors import samples
from tests.connectors.conftest import fill_school, place_file, source_config
from tests.standins.fixtures import gdrive_values, m365_values

FILES = {
    "Dossiers/Sanne/verslag.docx": samples.docx_bytes(),
    "Dossiers/Sanne/notitie.txt": samples.txt_bytes(),
    "Administratie/export.csv": samples.csv_semicolon_cp1252(),
    "Post/mail.eml": samples.eml_bytes(),
    "kapot.pdf": b"%PDF-1.4 dit is geen echte pdf",
}
UNREADABLE = "kapot.pdf"


@dataclass
class Case:
    source: Source
    kind: str  # 'files' or 'rows'
    fingerprint: Callable[[], object]  # what must not change
    unreadable: str  # path of an item that must come out unreadable
    write: Callable[[], None] | None = None  # an attempted write through the source's session
    prefix: str = ""  # what a cloud source puts before the paths (site and library, drive)


def _tree_fingerprint(root: Path) -> Callable[[], object]:
    def fingerprint() -> object:
        return sorted((str(p.relative_to(root)), hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
                      for p in root.rglob("*") if p.is_file())
    return fingerprint


def _files_case(tmp_path: Path) -> Iterator[Case]:
    root = tmp_path / "share"
    for rel, data in FILES.items():
        place_file(root, rel, data, owner=None)
    source = open_source(source_config(name="share", type="filesystem", path=str(root)))
    yield Case(source, "files", _tree_fingerprint(root), UNREADABLE)
    source.close()


def _smb_case(request: pytest.FixtureRequest) -> Iterator[Case]:
    samba = request.getfixturevalue("smb_env")
    folder = f"contract-{secrets.token_hex(3)}"
    for rel, data in FILES.items():
        place_file(samba.staff, f"{folder}/{rel}", data)
    source = open_source(source_config(name="share", type="smb", url=f"{samba.url('staff')}/{folder}"))
    yield Case(source, "files", _tree_fingerprint(samba.staff / folder), UNREADABLE)
    source.close()


def _m365_case(request: pytest.FixtureRequest) -> Iterator[Case]:
    """A SharePoint site's library in the Graph stand-in."""
    stand_in = request.getfixturevalue("graph")
    library = stand_in.add_site("Zorgteam").drives[0]
    for rel, data in FILES.items():
        stand_in.add_file(library, rel, data)
    source = open_source(source_config(**m365_values(stand_in, name="share")))
    yield Case(source, "files", lambda: (stand_in.snapshot(), stand_in.counts["write"]), UNREADABLE,
               prefix="Zorgteam/Documenten/")
    source.close()


def _gdrive_case(request: pytest.FixtureRequest) -> Iterator[Case]:
    """A shared drive in the Drive stand-in."""
    stand_in = request.getfixturevalue("drive")
    shared = stand_in.add_shared_drive("Zorgteam")
    for rel, data in FILES.items():
        stand_in.add_file(shared, rel, data)
    source = open_source(source_config(**gdrive_values(stand_in, name="share")))
    yield Case(source, "files", lambda: (stand_in.snapshot(), stand_in.counts["write"]), UNREADABLE,
               prefix="Gedeelde drive/Zorgteam/")
    source.close()


def _db_case(url: str) -> Iterator[Case]:
    fill_school(url)
    source = open_source(source_config(name="las", type="database", url=url,
                                       tables=["leerlingen", "zorgnotities", "cijfers", "logboek", "bestaat_niet"]))
    engine = sa.create_engine(url)

    def fingerprint() -> object:
        with engine.connect() as conn:
            return [conn.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar()
                    for t in ("leerlingen", "zorgnotities", "cijfers", "logboek")]

    def write() -> None:
        with source.connect() as conn:  # type: ignore[attr-defined]
            conn.execute(sa.text("INSERT INTO logboek VALUES ('x', 'geschreven door de scanner')"))
            conn.commit()

    yield Case(source, "rows", fingerprint, "table:bestaat_niet", write)
    source.close()
    engine.dispose()


@pytest.fixture(params=["filesystem", "smb", "sqlite", "postgres", "mariadb", "m365", "gdrive"])
def case(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Case]:
    kind = request.param
    if kind == "filesystem":
        yield from _files_case(tmp_path)
    elif kind == "smb":
        yield from _smb_case(request)
    elif kind == "m365":
        yield from _m365_case(request)
    elif kind == "gdrive":
        yield from _gdrive_case(request)
    elif kind == "sqlite":
        yield from _db_case(f"sqlite:///{tmp_path / 'las.db'}")
    else:
        yield from _db_case(request.getfixturevalue(f"{kind}_url"))


def _scan(case: Case) -> list[tuple[str, str, str | None, object]]:
    """Crawl and read like the pipeline does (read each item right after it is crawled)."""
    out = []
    for item in case.source.crawl():
        content: object = None
        if item.status == "scanned":
            try:
                content = case.source.read(item)
            except Unreadable as err:
                item.status, item.reason = "unreadable", str(err)
        out.append((item.path, item.status, item.reason, content))
    return out


def test_contract(case: Case) -> None:
    before = case.fingerprint()
    results = _scan(case)
    paths = [p for p, *_ in results]
    assert paths, "crawl found nothing"
    for path in paths:
        assert not path.startswith("/") and "\\" not in path and ".." not in path.split("/")
    if case.kind == "files":
        assert {case.prefix + p for p in FILES} <= set(paths)
        assert case.prefix + "Post/mail.eml!/verslag.txt" in paths  # an attachment is an item of its own
    else:
        assert all(p.startswith("table:") for p in paths)
        assert {"table:leerlingen#1", "table:zorgnotities#10", "table:cijfers#1,rekenen,1", "table:logboek#rij1"} \
            <= set(paths)
    scanned = [(p, c) for p, s, _, c in results if s == "scanned"]
    assert scanned
    for path, content in scanned:
        assert all(u.place and u.text for u in content.units), path  # type: ignore[attr-defined]
    texts = " ".join(u.text for _, c in scanned for u in c.units)  # type: ignore[attr-defined]
    assert "dyslexie" in texts
    unreadable = {p: r for p, s, r, _ in results if s == "unreadable"}
    assert case.prefix + case.unreadable in unreadable and unreadable[case.prefix + case.unreadable]
    assert all(unreadable.values()), "every unreadable item needs a reason"
    if case.write is not None:
        with pytest.raises(sa.exc.SQLAlchemyError):
            case.write()
    assert case.fingerprint() == before, "the scan changed the source"
