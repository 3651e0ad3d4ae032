"""Issue 15, case 1: a bad cell never puts its content in a reason or record problem, and never
makes a whole file unreadable.

A spreadsheet cell typed as a number that holds text made openpyxl raise `could not convert string
to float: '<the cell>'`; the message became the item's reason (in every report, the console and the
state store) and the workbook was not scanned at all. A register date cell that is no date was
echoed the same way in the record problems.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from connectors.extractors import extract
from scanner.cli import main
from tests.hostile.test_no_leaks import bsn, output_texts

CELL_BSN = bsn("31415926")
CELL = f"Sanne Lindeboom BSN {CELL_BSN}"
DATE_CELL = "Fenna Oosterhuis"


def number_cell_with_text(text: str) -> bytes:
    """An .xlsx whose B2 is typed as a number (`t="n"`) but holds `text`, as a broken export writes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Naam", "Cijfer"])
    ws.append(["Toets", 123456789])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b"<v>123456789</v>" in data
                data = data.replace(b"<v>123456789</v>", f"<v>{text}</v>".encode())
            dst.writestr(info.filename, data)
    return out.getvalue()


def test_a_text_in_a_number_cell_is_read_as_text() -> None:
    content = extract(number_cell_with_text(CELL), "cijfers.xlsx")
    assert any(CELL in u.text for u in content.units)


def boom(data: bytes, name: str) -> None:
    """A parser that quotes the cell it failed on."""
    raise ValueError(f"could not convert string to float: {CELL!r}")


def test_an_unreadable_file_reason_never_repeats_the_parser_message() -> None:
    """Whatever a parser raises, its message (which may quote content) stays out of the reason."""
    from connectors.extractors import EXTRACTORS, Unreadable

    EXTRACTORS[".kapot"] = f"{__name__}:boom"
    try:
        with pytest.raises(Unreadable) as caught:
            extract(b"x", "lijst.kapot")
    finally:
        del EXTRACTORS[".kapot"]
    assert CELL_BSN not in str(caught.value) and "Sanne" not in str(caught.value)


@pytest.fixture()
def school(tmp_path: Path) -> Path:
    share = tmp_path / "share" / "Gedeeld"
    share.mkdir(parents=True)
    (share / "cijfers.xlsx").write_bytes(number_cell_with_text(CELL))
    register = ("Leerlingnummer;Achternaam;Voorvoegsel;Roepnaam;Geboortedatum;Datum uitschrijving\n"
                "3001;Jansen;;Piet;01-02-2015;\n"
                f"3002;Bakker;;Kees;{DATE_CELL};\n")
    (tmp_path / "leerlingen.csv").write_text(register, encoding="utf-8")
    (tmp_path / "avgscan.yaml").write_text(
        "sources:\n  - {name: share, type: filesystem, path: share}\n"
        "records:\n  register: {path: leerlingen.csv}\n", encoding="utf-8")
    return tmp_path


def test_bad_cells_reach_no_output_and_the_workbook_is_scanned(school: Path, capfd: pytest.CaptureFixture[str]
                                                               ) -> None:
    out = school / "uit"
    main(["scan", "--config", str(school / "avgscan.yaml"), "--out", str(out), "--workers", "1"])
    captured = capfd.readouterr()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    item = next(i for i in report["items"] if i["path"].endswith("cijfers.xlsx"))
    assert item["status"] == "scanned", item
    assert any(f["entity_type"] == "NL_BSN" and f["path"].endswith("cijfers.xlsx") for f in report["findings"])
    problems = report["statistics"]["record_problems"]
    assert any("rij 3" in p and "geboortedatum" in p for p in problems), problems
    texts = output_texts(out)
    texts.update({"stdout": captured.out.encode(), "stderr": captured.err.encode()})
    leaked = [(name, v) for name, data in texts.items() for v in (CELL_BSN, "Lindeboom", DATE_CELL, "Oosterhuis")
              if v.encode() in data]
    assert not leaked, leaked
