"""Zip bombs (high ratio, nested, too many members, lying sizes) and Office files that are zip bombs.

A .docx/.xlsx/.odt is itself a zip whose parser reads every part whole, so it gets the same guards
as an archive. Every case must end as an unreadable item with a reason, quickly, and the scan as a
whole must never decompress more than the configured limits allow (counted on zipfile itself).
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest

from tests.connectors.samples import encrypted_zip, zip_bytes
from tests.hostile import makers
from tests.hostile.conftest import FIGURES, Scan, scan_tree, share

CASES = [
    # (case, path, status, reason pattern)
    ("zip bomb, ratio 300 000:1 (bzip2)", "zip/ratio.zip", "unreadable", r"^zip-bom: .*x zo groot uit"),
    ("zip bomb, nested 5 deep x 4 (42.zip style)", "zip/nested.zip!/laag4-0.zip!/laag3-0.zip!/laag2-0.zip",
     "unreadable", r"^te diep genest \(meer dan 3 niveaus\)"),
    ("zip bomb, nested 2 deep with bombs inside", "zip/nested2.zip!/laag1-0.zip!/0-nullen.zip", "unreadable",
     r"^zip-bom: "),
    ("zip with 201 members (limit 200)", "zip/veel.zip", "unreadable", r"^zip-bom of te groot archief: 201 bestanden"),
    ("zip member lying about its size", "zip/liegt.zip!/klein.txt", "unreadable", r"^beschadigd lid van zip-archief"),
    ("zip member encrypted", "zip/versleuteld.zip!/geheim.txt", "unreadable", r"^versleuteld"),
    ("docx zip bomb (64 MB of spaces, deflate)", "office/bom.docx", "unreadable", r"zip-bom"),
    ("xlsx zip bomb (64 MB of spaces, deflate)", "office/bom.xlsx", "unreadable", r"zip-bom"),
    ("odt zip bomb (64 MB of spaces, deflate)", "office/bom.odt", "unreadable", r"zip-bom"),
    ("docx zip bomb (bzip2, 64 MB)", "office/bom-bzip2.docx", "unreadable", r"zip-bom"),
    ("docx with a 12 MB part, source limit 5 MB", "office/groot.docx", "unreadable",
     r"^zip-bom of te groot onderdeel: word/document.xml pakt uit tot 12 MB \(grens 5 MB\)"),
]


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> Scan:
    root = tmp_path_factory.mktemp("archives")
    files = {
        "zip/ratio.zip": makers.ratio_bomb(),
        "zip/nested.zip": makers.nested_bomb(levels=5),
        "zip/nested2.zip": makers.nested_bomb(levels=2),
        "zip/veel.zip": makers.many_members(201),
        "zip/liegt.zip": makers.lying_sizes(),
        "zip/versleuteld.zip": encrypted_zip(),
        "zip/gewoon.zip": zip_bytes({"brief.txt": b"BSN van de leerling: 111222333\n"}),
        "office/bom.docx": makers.office_bomb("docx", 64),
        "office/bom.xlsx": makers.office_bomb("xlsx", 64),
        "office/bom.odt": makers.office_bomb("odt", 64),
        "office/bom-bzip2.docx": makers.office_bomb("docx", 64, zipfile.ZIP_BZIP2),
    }
    for rel, data in files.items():
        (root / "a" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "a" / rel).write_bytes(data)
    big = makers.docx_bytes()
    words = [b"leerling ", b"groep ", b"verslag ", b"zorg ", b"ouder ", b"juf ", b"school ", b"rapport "]
    rnd = random.Random(12)
    padding = b"".join(rnd.choices(words, k=12 * makers.MB // 6))[: 12 * makers.MB]  # ratio ~4: no bomb alarm
    big = makers._rewrite(big, {"word/document.xml": lambda xml: xml.replace(b"<w:body>", b"<w:body>" + padding)})
    (root / "b" / "office").mkdir(parents=True)
    (root / "b" / "office" / "groot.docx").write_bytes(big)

    inflated = [0]
    original = zipfile.ZipExtFile._read1

    def counting(self: zipfile.ZipExtFile, n: int) -> bytes:
        data = original(self, n)
        inflated[0] += len(data)
        return data

    zipfile.ZipExtFile._read1 = counting  # type: ignore[method-assign]
    try:
        scan = scan_tree(root, [share(root / "a"), share(root / "b", name="klein", max_file_mb=5)])
    finally:
        zipfile.ZipExtFile._read1 = original  # type: ignore[method-assign]
    scan.items.update({i.path: i for i in scan.report.items})
    FIGURES["archives: bytes decompressed by the whole archive scan"] = f"{inflated[0] / makers.MB:.1f} MB"
    scan.report.statistics["inflated_bytes"] = inflated[0]
    return scan


@pytest.mark.parametrize(("case", "path", "status", "reason"), CASES, ids=[c[0] for c in CASES])
def test_archive_case(archives: Scan, bounded, case: str, path: str, status: str, reason: str) -> None:  # noqa: ANN001
    item = archives.record(case, path)
    assert item.status == status and re.search(reason, item.reason or ""), (item.status, item.reason)
    bounded(archives, path)


def test_nested_bomb_is_cut_at_the_depth_limit(archives: Scan) -> None:
    """4 + 16 + 64 members are listed; the 64 at depth 3 are reported, never opened."""
    inside = [i for p, i in archives.items.items() if p.startswith("zip/nested.zip!/")]
    assert len(inside) == 4 + 16 + 64
    deepest = [i for i in inside if i.path.count("!/") == 3]
    assert len(deepest) == 64 and all(i.status == "unreadable" and "te diep genest" in i.reason for i in deepest)


def test_normal_archive_next_to_the_bombs_is_scanned(archives: Scan) -> None:
    item = archives.item("zip/gewoon.zip!/brief.txt")
    assert item.status == "scanned"
    assert any(f.path == item.path and f.entity_type == "NL_BSN" for f in archives.report.findings)


def test_expanded_size_is_bounded(archives: Scan) -> None:
    """All bombs together would expand to over 16 GB; what was really inflated stays within the
    archive limit (100 MB), because every refusal comes from the central directory."""
    inflated = archives.report.statistics["inflated_bytes"]
    assert inflated < 100 * makers.MB, f"{inflated / makers.MB:.0f} MB inflated"


def test_every_item_has_a_reason_and_the_scan_finished(archives: Scan) -> None:
    assert archives.report.statistics["items"] == len(archives.items)
    for item in archives.items.values():
        assert item.status in ("scanned", "unreadable", "skipped")
        assert item.status == "scanned" or item.reason, item.path
    assert archives.seconds < 60


def test_reason_never_names_a_path_outside(archives: Scan, tmp_path: Path) -> None:
    """Reasons end up in the report: they name the part inside the file, never the scanner's machine."""
    for item in archives.items.values():
        assert str(tmp_path.parent.parent) not in (item.reason or "")
