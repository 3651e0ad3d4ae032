"""Report writers, one module per format, registered by name."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from scanner.model import Report

Writer = Callable[[Report, Path], Path]
WRITERS: dict[str, Writer] = {}


def register_writer(name: str) -> Callable[[Writer], Writer]:
    def deco(fn: Writer) -> Writer:
        WRITERS[name] = fn
        return fn

    return deco


def private_file(path: Path) -> None:
    """Reports hold (masked) personal data: readable by the owner only."""
    os.chmod(path, 0o600)


def write_all(report: Report, out_dir: Path, formats: list[str] | None = None) -> list[Path]:
    import reports.json_report  # noqa: F401  (registers)
    import reports.xlsx_report  # noqa: F401

    out_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(out_dir, 0o700)
    return [WRITERS[name](report, out_dir) for name in (formats or list(WRITERS))]
