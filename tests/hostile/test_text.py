"""Text that is too long, badly encoded or mixed: a CSV with one 100 MB line (peak memory measured in
a separate process), invalid UTF-8, UTF-8 and cp1252 in one file, NUL bytes, odd-length UTF-16."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from connectors.filesystem import Config, FilesystemSource
from tests.hostile import makers
from tests.hostile.conftest import FIGURES, OUTCOMES, Scan, scan_tree

BSN = "111222333"
MIXED = "Zoë Özdemir, BSN 111222333\n".encode() + "Café-bezoek met één ouder\n".encode("cp1252")
INVALID = (b"Leerling \xff\xfe BSN 111222333 \xc0\xaf overlong \xed\xa0\x80 surrogaat \x80\x80 los\n"
           b"tweede regel \xe2\x82 afgebroken\n")
FILES = {
    "gemengd.txt": MIXED,
    "gemengd.csv": b"naam;bsn\n" + "Zoë Özdemir;111222333\n".encode() + "Café;één\n".encode("cp1252"),
    "ongeldig.txt": INVALID,
    "nul.txt": b"BSN\x00 111222333\x00\x00 einde\n",
    "oneven-utf16.txt": "BSN 111222333 Zoë\n".encode("utf-16-le") + b"\x00",
    "bom-utf16.csv": "naam;bsn\nZoë;111222333\n".encode("utf-16"),
}

_CHILD = r"""
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))  # a regression fails here instead of the machine
from scanner.cli import main
try:
    code = main(["scan", sys.argv[1], "--out", sys.argv[2], "--workers", "1"])
finally:
    # VmHWM is the peak of this program's own memory; ru_maxrss would also count the pages this
    # process had as a fork of the (large) test process before it exec'd Python.
    with open("/proc/self/status") as f, open(sys.argv[3], "w") as out:
        out.write(next(line.split()[1] for line in f if line.startswith("VmHWM:")))
sys.exit(code)
"""


def _peak_rss(root: Path, out: Path) -> tuple[int, int, float]:
    """(exit code, peak RSS in MB, seconds) of `avgscan scan root --workers 1` in a process of its own."""
    started = time.monotonic()
    peak_file = out.with_suffix(".peak")
    proc = subprocess.run([sys.executable, "-c", _CHILD, str(root), str(out), str(peak_file)],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=Path(__file__).resolve().parents[2],
                          check=False)
    assert proc.returncode in (0, 1, 3), proc.stderr.decode(errors="replace")[-2000:]
    return proc.returncode, int(peak_file.read_text()) // 1024, time.monotonic() - started


def test_csv_with_one_100_mb_line_stays_bounded(tmp_path: Path) -> None:
    """Two CSVs with a single 100 MB line (one giant field; 50 million ';'-separated cells) next
    to a normal one, scanned by the CLI in a process of its own (Linux: peak from /proc); its peak
    RSS is compared with the same scan of the normal file alone. Splitting the second into cells
    would take tens of GB."""
    import json

    small = tmp_path / "klein"
    small.mkdir()
    (small / "gewoon.csv").write_text(f"naam;bsn\nSanne;{BSN}\n", encoding="utf-8")
    big = tmp_path / "groot"
    big.mkdir()
    (big / "gewoon.csv").write_text(f"naam;bsn\nSanne;{BSN}\n", encoding="utf-8")
    makers.write_long_line_csv(big / "een-veld.csv", 100)
    makers.write_long_line_csv(big / "vijftig-miljoen-cellen.csv", 100, cell=b"1;")
    _, base_rss, _ = _peak_rss(small, tmp_path / "uit-klein")
    code, big_rss, seconds = _peak_rss(big, tmp_path / "uit-groot")
    report = json.loads((tmp_path / "uit-groot" / "report.json").read_text(encoding="utf-8"))
    items = {i["path"]: i for i in report["items"]}
    FIGURES["CSV with one 100 MB line: peak RSS of the scan process"] = (
        f"{big_rss} MB (same scan without the two 100 MB files: {base_rss} MB; {seconds:.1f} s in all)")
    for name in ("een-veld.csv", "vijftig-miljoen-cellen.csv"):
        OUTCOMES.append((f"CSV one 100 MB line ({name})", items[name]["status"], items[name]["reason"], seconds))
        assert items[name]["status"] == "unreadable"
        assert re.match(r"geen tabel: regel 2 is langer dan 4 miljoen tekens", items[name]["reason"])
    assert items["gewoon.csv"]["status"] == "scanned" and code == 3
    assert big_rss - base_rss < 400, f"{big_rss} MB against {base_rss} MB"


@pytest.fixture(scope="module")
def text_scan(tmp_path_factory: pytest.TempPathFactory) -> Scan:
    root = tmp_path_factory.mktemp("text") / "share"
    root.mkdir()
    for name, data in FILES.items():
        (root / name).write_bytes(data)
    return scan_tree(root, show_values=True)


@pytest.mark.parametrize("name", sorted(FILES))
def test_bad_encodings_are_read_and_searched(text_scan: Scan, bounded, name: str) -> None:  # noqa: ANN001
    """Badly encoded text is still text: it is read (never a crash, never silently empty) and the BSN
    in it is found."""
    item = text_scan.record(f"encoding: {name}", name)
    assert item.status == "scanned", item.reason
    assert any(f.path == name and f.entity_type == "NL_BSN" and f.value == BSN for f in text_scan.report.findings)
    bounded(text_scan, name, 5)


def test_mixed_utf8_and_cp1252_keeps_both_readable(text_scan: Scan) -> None:
    """One stray cp1252 line must not turn the UTF-8 names in the rest into mojibake ('Ã–zdemir')."""
    source = FilesystemSource(Config(name="share", type="filesystem", path=str(text_scan.root)))
    text = "\n".join(u.text for u in source.read(text_scan.item("gemengd.txt")).units)
    assert "Zoë Özdemir" in text and "Café-bezoek met één ouder" in text
    cells = {u.text for u in source.read(text_scan.item("gemengd.csv")).units}
    assert {"Zoë Özdemir", "Café", "één"} <= cells
