"""Everything avgscan writes into --out (reports, CSVs, the state store and its key) is readable by
the owner only: files 0600, folders 0700, under the usual umask 022, from the moment they exist."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

import scanner.pipeline
from scanner.cli import main
from tests.hostile.test_no_leaks import plant


@pytest.fixture()
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def modes(out: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(out.stat().st_mode)}
    for path in out.rglob("*"):
        found[path.relative_to(out).as_posix()] = stat.S_IMODE(path.lstat().st_mode)
    return found


@pytest.mark.usefixtures("umask_022")
def test_report_files_and_state_store_are_private(tmp_path: Path) -> None:
    config = plant(tmp_path / "school")
    out = tmp_path / "uit"
    assert main(["scan", "--config", str(config), "--out", str(out), "--workers", "1"]) == 3
    found = modes(out)
    assert {"report.json", "report.xlsx", "report.html", "avgscan-state.sqlite", "avgscan-state.key"} <= set(found)
    wrong = {name: oct(mode) for name, mode in found.items()
             if mode != (0o700 if (out / name).is_dir() else 0o600)}
    assert not wrong, wrong


@pytest.mark.usefixtures("umask_022")
def test_output_folder_is_private_while_the_scan_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The state store is written during the scan; its folder must not be listable by others then."""
    config = plant(tmp_path / "school")
    out = tmp_path / "uit"
    seen: dict[str, int] = {}
    real = scanner.pipeline.run_scan

    def watching(*args: object, **kwargs: object) -> object:
        seen.update(modes(out))
        return real(*args, **kwargs)

    monkeypatch.setattr(scanner.pipeline, "run_scan", watching)
    main(["scan", "--config", str(config), "--out", str(out), "--workers", "1"])
    assert seen, "the scan did not run"
    wrong = {name: oct(mode) for name, mode in seen.items() if mode != (0o700 if (out / name).is_dir() else 0o600)}
    assert not wrong, wrong
