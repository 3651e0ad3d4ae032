"""Hostile file names all the way to the reports: the CLI writes every report for a share whose names
hold newlines, control characters, a terminal escape sequence, a right-to-left override, emoji and
undecodable bytes, and each path in report.json is the name as it is on disk.

A name is data an attacker (or a pupil with write access to a share) chooses: printed raw to the
FG's terminal, 'esc\\x1b[31m...' recolours it and other escape sequences can rewrite what is shown,
and '\\r' or U+202E make one file look like another.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import pytest

from scanner.cli import main

CONTENT = b"BSN 111222333; de leerling heeft epilepsie\n"
NAMES = {  # bytes on disk -> path in report.json
    b"regel\neen.txt": "regel\neen.txt",
    b"wagen\rretour.txt": "wagen\rretour.txt",
    b"bel\x07.txt": "bel\x07.txt",
    b"esc\x1b[31mrood.txt": "esc\x1b[31mrood.txt",
    "\u202egnp.txt".encode(): "\u202egnp.txt",
    "😀 verslag.txt".encode(): "😀 verslag.txt",
    b"\xe9l\xe8ve.txt": "élève.txt",
}
DANGEROUS = ("\x1b", "\r", "\x07", "\u202e")


@pytest.fixture(scope="module")
def odd_scan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, str]:
    base = tmp_path_factory.mktemp("names")
    share = base / "Gedeeld"
    share.mkdir()
    for raw in NAMES:
        path = os.path.join(os.fsencode(share), raw)
        with open(path, "wb") as f:
            f.write(CONTENT)
        os.chmod(path, 0o644)  # world-readable: open-access violations, so the names are printed too
    out = base / "uit"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main(["scan", str(share), "--out", str(out), "--workers", "1"])
    return out, code, buf.getvalue()


def test_reports_are_written_with_every_name(odd_scan: tuple[Path, int, str]) -> None:
    out, code, _ = odd_scan
    assert code == 1
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {i["path"] for i in report["items"]} == set(NAMES.values())
    assert all(i["status"] == "scanned" for i in report["items"])
    for name in ("report.xlsx", "report.html", "violations.csv"):
        assert (out / name).stat().st_size > 0


def test_terminal_output_carries_no_control_characters_from_names(odd_scan: tuple[Path, int, str]) -> None:
    _, _, stdout = odd_scan
    assert "esc" in stdout  # the name is printed ...
    assert not [c for c in DANGEROUS if c in stdout]  # ... but not its control characters
