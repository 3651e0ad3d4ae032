"""No raw personal data in any output: a canary test.

Known BSNs (valid 11-proef), full names and diagnoses are planted in file content (docx, xlsx,
pdf, csv, txt, e-mail with attachment, zip member) and in database rows, never in file or folder
names (paths are part of the report contract). They are also planted where a reader or loader
used to quote them in an error: spreadsheet cells typed as a number or a date that hold text, a
register row whose date cell holds a name, and (as the password, from the environment) the URL of a
database source that cannot be reached. The CLI scans twice into one output folder (the
second run reads the cache and compares history), `history` is shown, and then every file in the
output folder (report.json, the XML inside report.xlsx, report.html, CSVs, the state store's
SQLite bytes and any journal) plus everything written to stdout/stderr and every log record is
searched for the full values. Masked evidence keeps a first letter on purpose ('Q. Z…'), so the
search is for whole values. A control run with --show-values proves the search would find them.
"""

from __future__ import annotations

import io
import json
import logging
import socket
import sqlite3
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from scanner.cli import main
from tests.connectors.samples import eml_bytes, pdf_bytes, zip_bytes


def bsn(first8: str) -> str:
    """first8 plus the 11-proef check digit (the first one of 0..9 that makes it valid)."""
    for last in "0123456789":
        digits = [int(c) for c in first8 + last]
        if (sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]) % 11 == 0:
            return first8 + last
    raise ValueError(first8)


BSNS = [bsn(s) for s in ("40613927", "73046185", "82915364", "26457513")]
PUPILS = [("2001", "Quirijntje", "Zwartekoe", "12-03-2014", BSNS[0]),
          ("2002", "Wubbolt", "Knipscheer", "05-07-2013", BSNS[1])]
OUTSIDER = ("Gerbrich", "Hoekzema")  # a child who is not in the register
DIAGNOSES = ["hechtingsstoornis", "dyscalculie", "epilepsie", "methylfenidaat", "jeugdreclassering"]
NAMES = [f"{p[1]} {p[2]}" for p in PUPILS] + [" ".join(OUTSIDER)]
WORDS = [w for p in PUPILS for w in (p[1], p[2])] + list(OUTSIDER)
CANARIES = BSNS + NAMES + WORDS + DIAGNOSES

DB_PASSWORD = f"Kanarie-{BSNS[3]}-wachtwoord"
CANARIES.append(DB_PASSWORD)

CONFIG = """
sources:
  - name: share
    type: filesystem
    path: share
    roles: {Dossiers: dossier, Gedeeld: open, Administratie: administration}
    outbound: {Extern/Jeugd-GGZ: Jeugd-GGZ}
  - name: las
    type: database
    url: sqlite:///las.db
  - name: las-server
    type: database
    url: postgresql://fg@127.0.0.1:{port}/las
records:
  register: {path: leerlingen.csv}
as_of: 2026-11-29
"""


def _docx(*paragraphs: str) -> bytes:
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _xlsx(rows: list[list[str]]) -> bytes:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def typed_cells_with_text(rows: list[list[str]], typed: dict[str, tuple[str, str]]) -> bytes:
    """An .xlsx whose cells named in `typed` ({'B3': ('n', text)}) claim a type their text does not fit."""
    data = _xlsx(rows)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                xml = part.decode()
                for ref, (kind, text) in typed.items():
                    start = xml.index(f'<c r="{ref}"')
                    end = xml.index("</c>", start) + len("</c>")
                    xml = xml[:start] + f'<c r="{ref}" t="{kind}"><v>{text}</v></c>' + xml[end:]
                part = xml.encode()
            dst.writestr(info.filename, part)
    return out.getvalue()


def plant(root: Path) -> Path:
    (q_first, q_last), (w_first, w_last) = [(p[1], p[2]) for p in PUPILS]
    files = {
        "Dossiers/leerling-2001/verslag.docx": _docx(
            f"Leerling {q_first} {q_last}, BSN {BSNS[0]}, geboren 12-03-2014.",
            f"{q_first} heeft een hechtingsstoornis en gebruikt methylfenidaat."),
        "Gedeeld/groepslijst.xlsx": _xlsx([["Naam", "BSN", "Bijzonderheden"],
                                           [f"{w_first} {w_last}", BSNS[1], "dyscalculie"],
                                           [f"{q_first} {q_last}", BSNS[0], "epilepsie"]]),
        "Gedeeld/cijfers.xlsx": typed_cells_with_text(
            [["Naam", "Toets", "Datum"], ["x", "1", "2"], ["y", "3", "4"]],
            {"B2": ("n", f"{q_first} {q_last} BSN {BSNS[0]}"), "C3": ("d", f"{w_first} {w_last} dyscalculie")}),
        "Gedeeld/notitie.txt": (f"Gesprek over {OUTSIDER[0]} {OUTSIDER[1]} (zusje van {w_first} {w_last}): "
                                f"jeugdreclassering betrokken, BSN {BSNS[2]}.\n").encode(),
        "Administratie/export.csv": (f"naam;bsn;diagnose\n{q_first} {q_last};{BSNS[0]};epilepsie\n"
                                     f"{w_first} {w_last};{BSNS[1]};dyscalculie\n").encode(),
        "Extern/Jeugd-GGZ/overdracht.pdf": pdf_bytes([f"Overdracht {w_first} {w_last}", f"BSN {BSNS[1]}",
                                                      "Diagnose: hechtingsstoornis"]),
        "Dossiers/leerling-2002/mail.eml": eml_bytes(
            [("bijlage.txt", f"{w_first} {w_last} heeft dyscalculie, BSN {BSNS[1]}".encode())]),
        "Dossiers/leerling-2002/archief.zip": zip_bytes({"oud/verslag.txt": f"{q_first} {q_last}: epilepsie; "
                                                         f"BSN {BSNS[3]}".encode()}),
    }
    for rel, data in files.items():
        (root / "share" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "share" / rel).write_bytes(data)
    (root / "share" / "Gedeeld" / "notitie.txt").chmod(0o644)
    con = sqlite3.connect(root / "las.db")
    con.execute("CREATE TABLE zorg (id INTEGER PRIMARY KEY, leerlingnummer TEXT, naam TEXT, bsn TEXT, notitie TEXT)")
    con.executemany("INSERT INTO zorg VALUES (?, ?, ?, ?, ?)",
                    [(1, "2001", f"{q_first} {q_last}", BSNS[0], "hechtingsstoornis; methylfenidaat 10 mg"),
                     (2, "2002", f"{w_first} {w_last}", BSNS[1], "dyscalculie")])
    con.commit()
    con.close()
    register = "Leerlingnummer;Achternaam;Voorvoegsel;Roepnaam;Geboortedatum;BSN;Datum uitschrijving\n"
    register += "".join(f"{n};{last};;{first};{born};{b};\n" for n, first, last, born, b in PUPILS)
    register += f"2003;Hoekzema;;Gerbrich;{OUTSIDER[0]} {OUTSIDER[1]} epilepsie;;\n"  # a date cell holding a name
    (root / "leerlingen.csv").write_text(register, encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there: the source is unreachable, its reason shown
    (root / "avgscan.yaml").write_text(CONFIG.replace("{port}", str(port)), encoding="utf-8")
    return root / "avgscan.yaml"


def output_texts(out: Path) -> dict[str, bytes]:
    """Every file in the output folder as bytes; an .xlsx as the concatenation of its XML parts."""
    texts: dict[str, bytes] = {}
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                data = b"\n".join(zf.read(n) for n in zf.namelist())
        texts[path.relative_to(out).as_posix()] = data
    return texts


def leaks(texts: dict[str, bytes]) -> list[tuple[str, str]]:
    found = []
    for name, data in texts.items():
        for canary in CANARIES:
            for encoded in {canary.encode("utf-8"), canary.encode("utf-16-le")}:
                if encoded in data:
                    found.append((name, canary))
    return found


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return plant(tmp_path_factory.mktemp("canary"))


def test_canaries_never_reach_an_output(planted: Path, capfd: pytest.CaptureFixture[str],
                                        caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    monkeypatch.setenv("AVGSCAN_DB_PASSWORD", DB_PASSWORD)
    out = planted.parent / "uit"
    first = main(["scan", "--config", str(planted), "--out", str(out), "--workers", "2"])
    second = main(["scan", "--config", str(planted), "--out", str(out), "--workers", "2"])
    history = main(["history", "--out", str(out)])
    assert (first, second, history) == (3, 3, 0)  # 3: the unreachable server is reported as unreadable
    report = (out / "report.json").read_text(encoding="utf-8")
    assert "NL_BSN" in report and "HEALTH" in report  # the canaries were found, only masked
    parsed = json.loads(report)
    cells = next(i for i in parsed["items"] if i["path"] == "Gedeeld/cijfers.xlsx")
    assert cells["status"] == "scanned"  # a bad cell does not make the workbook unreadable
    assert any(f["path"] == "Gedeeld/cijfers.xlsx" and f["entity_type"] == "NL_BSN" for f in parsed["findings"])
    assert any("rij 4" in p for p in parsed["statistics"]["record_problems"])
    assert any(i["source"] == "las-server" and i["status"] == "unreadable" for i in parsed["items"])
    captured = capfd.readouterr()
    texts = output_texts(out)
    assert {"report.json", "report.xlsx", "report.html", "avgscan-state.sqlite"} <= set(texts)
    texts["stdout"] = captured.out.encode()
    texts["stderr"] = captured.err.encode()
    texts["log records"] = "\n".join(r.getMessage() for r in caplog.records).encode()
    assert not leaks(texts), leaks(texts)


def test_control_show_values_is_caught_by_the_same_search(planted: Path) -> None:
    """With --show-values the raw values are in report.json, and the search above finds them."""
    out = planted.parent / "uit-waarden"
    main(["scan", "--config", str(planted), "--out", str(out), "--workers", "1", "--show-values"])
    found = {canary for _, canary in leaks({"report.json": (out / "report.json").read_bytes()})}
    assert set(BSNS[:3]) <= found and "dyscalculie" in found
