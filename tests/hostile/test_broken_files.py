"""Truncated, corrupt, encrypted and random files with Office/PDF names, and documents whose size is
a lie (a sheet declaring a cell at XFD1048576, a PDF page of 200 x 200 inch, a PDF stream that
inflates to 200 MB). Each ends as an item with a reason (or is read, when it is a real document),
within the time limit, and the scan goes on.
"""

from __future__ import annotations

import re

import pytest

from tests.connectors.samples import encrypted_docx, ods_bytes
from tests.hostile import makers
from tests.hostile.conftest import Scan, scan_tree

BROKEN = r"^(beschadigd|geen geldig|oud binair|formaat niet ondersteund|geen tabel)"


def _files() -> dict[str, bytes]:
    docx, xlsx, pdf, odt = makers.docx_bytes(), makers.xlsx_bytes(), makers.pdf_bytes(), makers.odt_bytes()
    files = {
        "kapot/afgebroken.docx": makers.truncated(docx),
        "kapot/afgebroken.xlsx": makers.truncated(xlsx),
        "kapot/afgebroken.pdf": makers.truncated(pdf),
        "kapot/afgebroken.odt": makers.truncated(odt),
        "kapot/beschadigd.docx": makers.corrupted(docx),
        "kapot/beschadigd.xlsx": makers.corrupted(xlsx),
        "kapot/beschadigd.pdf": makers.corrupted(pdf),
        "versleuteld/minimaal-cfb.docx": encrypted_docx(),
        "versleuteld/wachtwoord.pdf": makers.pdf_encrypted(),
        "versleuteld/alleen-eigenaar.pdf": makers.pdf_encrypted(owner_only=True),
        "groot/xfd1048576.xlsx": makers.sparse_sheet(),
        "groot/reuzenpagina.pdf": makers.pdf_huge_page(),
        "groot/flate-bom.pdf": makers.pdf_flate_bomb(200),
    }
    try:
        files["versleuteld/wachtwoord.docx"] = makers.office_encrypted(docx)
        files["versleuteld/wachtwoord.xlsx"] = makers.office_encrypted(xlsx)
    except ImportError:  # msoffcrypto-tool absent: the minimal CFB container above still covers the check
        pass
    for n, ext in enumerate((".docx", ".xlsx", ".pdf", ".odt", ".ods", ".doc", ".xls", ".msg", ".pptx", ".zip",
                             ".png", ".rtf", ".eml", ".csv"), 1):
        files[f"ruis/ruis{ext}"] = makers.random_bytes(seed=n)
    files["ruis/ods-als-xlsx.xlsx"] = ods_bytes()  # a real file with the wrong extension
    return files


CASES = [
    ("truncated docx", "kapot/afgebroken.docx", "unreadable", BROKEN),
    ("truncated xlsx", "kapot/afgebroken.xlsx", "unreadable", BROKEN),
    ("truncated odt", "kapot/afgebroken.odt", "unreadable", BROKEN),
    ("corrupt docx (middle third random)", "kapot/beschadigd.docx", "unreadable", BROKEN),
    ("corrupt xlsx (middle third random)", "kapot/beschadigd.xlsx", "unreadable", BROKEN),
    ("password docx (minimal CFB EncryptedPackage)", "versleuteld/minimaal-cfb.docx", "unreadable", r"^versleuteld"),
    ("password pdf (AES-256, user password)", "versleuteld/wachtwoord.pdf", "unreadable", r"^versleutelde PDF"),
    ("random bytes .docx", "ruis/ruis.docx", "unreadable", BROKEN),
    ("random bytes .xlsx", "ruis/ruis.xlsx", "unreadable", BROKEN),
    ("random bytes .pdf", "ruis/ruis.pdf", "unreadable", BROKEN),
    ("random bytes .odt", "ruis/ruis.odt", "unreadable", BROKEN),
    ("random bytes .ods", "ruis/ruis.ods", "unreadable", BROKEN),
    ("random bytes .doc", "ruis/ruis.doc", "unreadable", BROKEN),
    ("random bytes .xls", "ruis/ruis.xls", "unreadable", BROKEN),
    ("random bytes .msg", "ruis/ruis.msg", "unreadable", BROKEN),
    ("random bytes .pptx", "ruis/ruis.pptx", "unreadable", BROKEN),  # PowerPoint is read now
    ("random bytes .zip", "ruis/ruis.zip", "unreadable", r"^beschadigd zip-archief"),
    ("random bytes .png", "ruis/ruis.png", "unreadable", r"^beschadigde of onbekende afbeelding"),
    ("random bytes .rtf", "ruis/ruis.rtf", "unreadable", r"^geen geldig RTF"),
    ("ods renamed to .xlsx", "ruis/ods-als-xlsx.xlsx", "unreadable", BROKEN),
    ("pdf stream inflating to 200 MB", "groot/flate-bom.pdf", "unreadable", r"^PDF-bom: pagina 1"),
]
READ = [  # real documents behind a hostile surface: read, within the limits
    ("pdf with owner password only", "versleuteld/alleen-eigenaar.pdf"),
    ("xlsx with a cell at XFD1048576", "groot/xfd1048576.xlsx"),
    ("pdf page of 200 x 200 inch (OCR)", "groot/reuzenpagina.pdf"),
    ("random bytes .eml (read as a message)", "ruis/ruis.eml"),
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Scan:
    root = tmp_path_factory.mktemp("broken") / "share"
    for rel, data in _files().items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return scan_tree(root)


@pytest.mark.parametrize(("case", "path", "status", "reason"), CASES, ids=[c[0] for c in CASES])
def test_broken_file(broken: Scan, bounded, case: str, path: str, status: str, reason: str) -> None:  # noqa: ANN001
    item = broken.record(case, path)
    assert item.status == status and re.search(reason, item.reason or ""), (item.status, item.reason)
    bounded(broken, path)


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_password_protected_office_file(broken: Scan, bounded, kind: str) -> None:  # noqa: ANN001
    """Encrypted with msoffcrypto-tool (ECMA-376 agile encryption), as Word and Excel do."""
    path = f"versleuteld/wachtwoord.{kind}"
    if path not in broken.items:
        pytest.skip("msoffcrypto-tool is not installed")
    item = broken.record(f"password {kind} (msoffcrypto-tool, agile)", path)
    assert item.status == "unreadable" and item.reason == "versleuteld (met wachtwoord beveiligd) Office-bestand"
    bounded(broken, path)


def test_truncated_and_corrupt_pdf_read_what_is_there_or_say_why(broken: Scan) -> None:
    """pypdf recovers what a cut-off PDF still holds; either it reads the page or it says why."""
    for case, path in (("truncated pdf", "kapot/afgebroken.pdf"), ("corrupt pdf", "kapot/beschadigd.pdf")):
        item = broken.record(case, path)
        assert item.status == "scanned" or re.search(BROKEN, item.reason or ""), (item.status, item.reason)


@pytest.mark.parametrize(("case", "path"), READ, ids=[c[0] for c in READ])
def test_real_document_behind_a_hostile_surface_is_read(broken: Scan, bounded, case: str, path: str) -> None:  # noqa: ANN001
    item = broken.record(case, path)
    assert item.status == "scanned", item.reason
    bounded(broken, path)


def test_sparse_sheet_keeps_its_real_places(broken: Scan) -> None:
    places = {f.place for f in broken.report.findings if f.path == "groot/xfd1048576.xlsx"}
    assert "Sheet!A2" in places
    assert broken.times["groot/xfd1048576.xlsx"] < 5


def test_scan_finished_with_every_item_explained(broken: Scan) -> None:
    for item in broken.items.values():
        assert item.status == "scanned" or item.reason, item.path
    assert broken.seconds < 90
