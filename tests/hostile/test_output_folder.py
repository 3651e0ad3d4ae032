"""Issue 15, case 4: an --out folder that is not ours, or that lies inside a scanned source, is
refused (exit 2, a Dutch reason) before anything is read or written.

Before: a folder created by another user was used as it was (their planted key was used, they could
read the reports) and a symlink they planted made root overwrite and chmod another file; an --out
equal to (or inside) a scanned source changed the source folder's mode to 0700 and the next scan
read its own reports.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.outdir import OutputFolderError, claim_output
from scanner.state import KEY_FILE

NOBODY = 65534


def share(tmp_path: Path) -> Path:
    root = tmp_path / "share"
    (root / "Gedeeld").mkdir(parents=True)
    (root / "Gedeeld" / "lijst.txt").write_text("Jan de Vries, BSN 111222333\n", encoding="utf-8")
    os.chmod(root, 0o755)
    return root


def scan(root: Path, out: Path) -> int:
    return main(["scan", str(root), "--out", str(out), "--workers", "1"])


@pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")
def test_folder_of_another_user_with_a_planted_key_is_refused(tmp_path: Path,
                                                             capfd: pytest.CaptureFixture[str]) -> None:
    root, out = share(tmp_path), tmp_path / "uit"
    out.mkdir(mode=0o755)
    (out / KEY_FILE).write_bytes(b"k" * 32)
    os.chown(out, NOBODY, NOBODY)
    os.chown(out / KEY_FILE, NOBODY, NOBODY)
    assert scan(root, out) == 2
    assert "andere gebruiker" in capfd.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [KEY_FILE]
    assert stat.S_IMODE(out.stat().st_mode) == 0o755


@pytest.mark.skipif(os.geteuid() != 0, reason="chown to another user needs root")
def test_a_file_of_another_user_inside_our_folder_is_refused(tmp_path: Path) -> None:
    root, out = share(tmp_path), tmp_path / "uit"
    out.mkdir(mode=0o700)
    (out / KEY_FILE).write_bytes(b"k" * 32)
    os.chown(out / KEY_FILE, NOBODY, NOBODY)
    assert scan(root, out) == 2
    assert not (out / "report.json").exists()


def test_a_folder_others_may_write_to_is_refused(tmp_path: Path) -> None:
    root, out = share(tmp_path), tmp_path / "uit"
    out.mkdir()
    os.chmod(out, 0o777)
    assert scan(root, out) == 2
    assert not (out / "report.json").exists()


def test_a_planted_symlink_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    root, out = share(tmp_path), tmp_path / "uit"
    victim = tmp_path / "passwd-kopie"
    victim.write_text("root:x:0:0\n", encoding="utf-8")
    os.chmod(victim, 0o644)
    out.mkdir(mode=0o700)
    (out / "report.html").symlink_to(victim)
    assert scan(root, out) == 2
    assert victim.read_text(encoding="utf-8") == "root:x:0:0\n"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644


def test_an_output_folder_that_is_a_symlink_is_refused(tmp_path: Path) -> None:
    root = share(tmp_path)
    elsewhere = tmp_path / "ergens"
    elsewhere.mkdir(mode=0o700)
    (tmp_path / "uit").symlink_to(elsewhere)
    assert scan(root, tmp_path / "uit") == 2
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("inside", ["", "rapporten", "Gedeeld/rapporten"])
def test_an_output_folder_in_a_source_is_refused(tmp_path: Path, inside: str,
                                                 capfd: pytest.CaptureFixture[str]) -> None:
    root = share(tmp_path)
    out = root / inside if inside else root
    assert scan(root, out) == 2
    assert "gescande map" in capfd.readouterr().err
    assert stat.S_IMODE(root.stat().st_mode) == 0o755
    assert not (root / inside).exists() or not any((root / inside).glob("report*"))
    assert not any(root.rglob("avgscan-state*"))


def test_an_output_folder_in_a_source_reached_through_a_symlink_is_refused(tmp_path: Path) -> None:
    root = share(tmp_path)
    (tmp_path / "kortpad").symlink_to(root)
    with pytest.raises(OutputFolderError):
        claim_output(tmp_path / "kortpad" / "rapport", [root])


def test_our_own_folder_is_used_and_made_private(tmp_path: Path) -> None:
    root, out = share(tmp_path), tmp_path / "uit"
    out.mkdir(mode=0o755)
    assert scan(root, out) == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert scan(root, out) == 1  # and again: everything in it is ours
