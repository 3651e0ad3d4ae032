"""Issue 15, case 6, the smaller ones: excluded items are counted and reported; a config file in a
scanned tree is warned about; inventory / verify-deletion folders are private; a content-hash mode
for shares whose mtimes cannot be trusted; control and bidi characters escaped in report.html and
the CSVs."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml

from scanner.cli import main
from tests.hostile.test_no_leaks import plant

BSN_TEXT = "Leerling Jan de Vries, BSN 111222333.\n"


def test_excluded_items_are_counted_and_reported(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "share"
    for i in range(40):
        (root / f"map{i % 4}").mkdir(parents=True, exist_ok=True)
        (root / f"map{i % 4}" / f"brief{i}.txt").write_text(BSN_TEXT, encoding="utf-8")
    (tmp_path / "avgscan.yaml").write_text(yaml.safe_dump(
        {"sources": [{"name": "share", "type": "filesystem", "path": "share", "exclude": ["*"]}]}), encoding="utf-8")
    out = tmp_path / "uit"
    capfd.readouterr()
    main(["scan", "--config", str(tmp_path / "avgscan.yaml"), "--out", str(out), "--workers", "1"])
    stdout = capfd.readouterr().out
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["statistics"]["items"] == 0
    assert report["statistics"]["excluded"]["files"] == 40
    assert report["statistics"]["excluded"]["by_source"]["share"]["exclude"] == ["*"]
    assert "uitgesloten" in stdout and "40 bestanden" in stdout
    assert "40 bestanden" in (out / "report.html").read_text(encoding="utf-8")


def test_excluded_folders_are_counted(tmp_path: Path) -> None:
    root = tmp_path / "share"
    for folder in ("Oud", "Nieuw"):
        (root / folder).mkdir(parents=True)
        (root / folder / "a.txt").write_text(BSN_TEXT, encoding="utf-8")
    out = tmp_path / "uit"
    (tmp_path / "avgscan.yaml").write_text(yaml.safe_dump(
        {"sources": [{"name": "share", "type": "filesystem", "path": "share", "exclude": ["Oud/*"]}]}),
        encoding="utf-8")
    main(["scan", "--config", str(tmp_path / "avgscan.yaml"), "--out", str(out), "--workers", "1"])
    stats = json.loads((out / "report.json").read_text(encoding="utf-8"))["statistics"]
    assert stats["items"] == 1 and stats["excluded"]["folders"] == 1


def test_config_inside_a_scanned_tree_is_warned_about(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "share"
    root.mkdir()
    (root / "a.txt").write_text(BSN_TEXT, encoding="utf-8")
    (root / "avgscan.yaml").write_text("sources:\n  - {name: share, type: filesystem, path: .}\n", encoding="utf-8")
    main(["scan", "--config", str(root / "avgscan.yaml"), "--out", str(tmp_path / "uit"), "--workers", "1"])
    assert "configuratiebestand" in capfd.readouterr().err


def test_config_outside_the_scanned_tree_gives_no_warning(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "share").mkdir()
    (tmp_path / "avgscan.yaml").write_text("sources:\n  - {name: share, type: filesystem, path: share}\n",
                                           encoding="utf-8")
    main(["scan", "--config", str(tmp_path / "avgscan.yaml"), "--out", str(tmp_path / "uit"), "--workers", "1"])
    assert "configuratiebestand" not in capfd.readouterr().err


@pytest.mark.parametrize("command", ["inventory", "verify-deletion"])
def test_per_pupil_folders_are_private(tmp_path: Path, command: str) -> None:
    old = os.umask(0o022)
    try:
        config = plant(tmp_path / "school")
        out = tmp_path / "verklaringen" / "2026"
        main([command, "--config", str(config), "--pupil", "2001", "--out", str(out)])
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    files = list(out.iterdir())
    assert files and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)


def _same_size_and_mtime(path: Path, text: str) -> None:
    st = path.stat()
    assert len(text.encode()) == st.st_size
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize(("mode", "found_after_change"), [("mtime", False), ("content", True)])
def test_content_hash_mode_sees_changes_that_keep_size_and_mtime(tmp_path: Path, mode: str,
                                                                 found_after_change: bool) -> None:
    """The default (size + mtime) misses such a change, as the README says; `change_detection: content` not."""
    root = tmp_path / "share"
    root.mkdir()
    note = root / "notitie.txt"
    old = "Geen bijzonderheden bij deze leerling, alles gaat goed.\n"
    note.write_text(old, encoding="utf-8")
    (tmp_path / "avgscan.yaml").write_text(yaml.safe_dump(
        {"sources": [{"name": "share", "type": "filesystem", "path": "share", "change_detection": mode}]}),
        encoding="utf-8")
    out = tmp_path / "uit"
    args = ["scan", "--config", str(tmp_path / "avgscan.yaml"), "--out", str(out), "--workers", "1"]
    main(args)
    assert not json.loads((out / "report.json").read_text(encoding="utf-8"))["findings"]
    _same_size_and_mtime(note, "Leerling Jan de Vries, BSN 111222333.".ljust(len(old) - 1) + "\n")
    main(args)
    findings = json.loads((out / "report.json").read_text(encoding="utf-8"))["findings"]
    assert any(f["entity_type"] == "NL_BSN" for f in findings) is found_after_change


def test_control_and_bidi_characters_are_escaped_in_html_and_csv(tmp_path: Path) -> None:
    root = tmp_path / "share"
    root.mkdir()
    spoof = "lijst\u202etxt.exe\x1b[2J\u200b.txt"
    (root / spoof).write_text(BSN_TEXT, encoding="utf-8")
    os.chmod(root / spoof, 0o644)
    out = tmp_path / "uit"
    assert main(["scan", str(root), "--out", str(out), "--workers", "1"]) == 1
    for name in ("report.html", "violations.csv", "findings.csv"):
        if not (out / name).exists():
            continue
        text = (out / name).read_text(encoding="utf-8-sig")
        assert not any(c in text for c in "\u202e\x1b\u200b"), name
        assert "\\u202e" in text and "\\x1b" in text, name
    assert (out / "violations.csv").exists()


def test_control_and_bidi_characters_are_escaped_in_the_workbook_and_pdf(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    root = tmp_path / "share"
    root.mkdir()
    (root / "lijst\u202etxt.exe.txt").write_text(BSN_TEXT, encoding="utf-8")
    out = tmp_path / "uit"
    assert main(["scan", str(root), "--out", str(out), "--workers", "1"]) == 1
    cells = [c.value for ws in load_workbook(out / "report.xlsx") for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)]
    assert not any("\u202e" in v for v in cells) and any("\\u202e" in v for v in cells)
    text = "".join(page.extract_text() for page in PdfReader(out / "report.pdf").pages)
    assert "\u202e" not in text and "\\u202e" in text
