"""XML bombs and external entities inside Office files.

Office never writes a DTD, so an entity declaration in a .docx/.xlsx/.odt part is an attack: a
billion-laughs bomb (10**9 'lol's from 1 kB) or an external entity (XXE) that would pull a local
file of the scanning machine into the findings and so into the report. Each must be refused with a
reason before a parser expands anything, and the local file's content must never appear in any
finding, not even as a raw value (the scan runs with show_values to prove that).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile import makers
from tests.hostile.conftest import Scan, scan_tree

KINDS = ("docx", "xlsx", "odt")
REASON = r"^XML-bom of externe entiteit: .* definieert XML-entiteiten"
CASES = [(f"{kind} billion laughs", f"bom.{kind}") for kind in KINDS] + \
        [(f"{kind} external entity (XXE) to a local file", f"xxe.{kind}") for kind in KINDS]


@pytest.fixture(scope="module")
def xml_scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scan, Path]:
    base = tmp_path_factory.mktemp("xml")
    secret = base / "geheim.txt"  # outside the scanned folder, as /etc/passwd or a key file would be
    secret.write_text(makers.SECRET, encoding="utf-8")
    root = base / "share"
    root.mkdir()
    for kind in KINDS:
        (root / f"bom.{kind}").write_bytes(makers.xml_bomb(kind))
        (root / f"xxe.{kind}").write_bytes(makers.xxe(kind, secret))
    doctype = f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><x>&xxe;</x>\n'
    (root / "xxe.xml").write_text(doctype, encoding="utf-8")  # plain text: read as lines, never parsed
    (root / "xxe.xhtml").write_text(doctype, encoding="utf-8")
    return scan_tree(base, [{"name": "share", "type": "filesystem", "path": str(root)}], show_values=True), secret


@pytest.mark.parametrize(("case", "path"), CASES, ids=[c[0] for c in CASES])
def test_entities_are_refused(xml_scan: tuple[Scan, Path], bounded, case: str, path: str) -> None:  # noqa: ANN001
    scan, _ = xml_scan
    item = scan.record(case, path)
    assert item.status == "unreadable" and re.search(REASON, item.reason or ""), (item.status, item.reason)
    bounded(scan, path, 5)


def test_local_file_never_reaches_a_finding(xml_scan: tuple[Scan, Path]) -> None:
    scan, secret = xml_scan
    words = ["GEHEIM-XXE-8d1f2c", "epilepsie", "Sanne"]
    for f in scan.report.findings:
        for word in words:
            assert word not in f.value and word not in f.evidence, (f.path, f.entity_type)
    for item in scan.items.values():
        assert "GEHEIM" not in (item.reason or "")


@pytest.mark.parametrize("path", ["xxe.xml", "xxe.xhtml"])
def test_xml_read_as_text_never_resolves_entities(xml_scan: tuple[Scan, Path], path: str) -> None:
    scan, _ = xml_scan
    item = scan.record(f"{path}: entity to a local file in text/XHTML", path)
    assert item.status == "scanned"
