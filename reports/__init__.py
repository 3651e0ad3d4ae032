"""Report writers, one module per format, registered by name.

Every writer takes the Report (with its review: identities, triage, history, possible breaches; see
scanner.triage) and an output folder, and returns the file(s) it wrote. Writers never re-scan.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from scanner.model import Report

Writer = Callable[[Report, Path], Path]
WRITERS: dict[str, Writer] = {}
FORMATS = ("json", "xlsx", "html", "csv", "pdf")


def register_writer(name: str) -> Callable[[Writer], Writer]:
    def deco(fn: Writer) -> Writer:
        WRITERS[name] = fn
        return fn

    return deco


def private_file(path: Path) -> None:
    """Reports hold (masked) personal data: readable by the owner only."""
    os.chmod(path, 0o600)


def _register_builtin() -> None:
    import reports.csv_report  # noqa: F401  (each import registers its writer)
    import reports.html_report  # noqa: F401
    import reports.json_report  # noqa: F401
    import reports.pdf_report  # noqa: F401
    import reports.xlsx_report  # noqa: F401


def write_all(report: Report, out_dir: Path, formats: list[str] | None = None) -> list[Path]:
    """Write every format (json, xlsx, html, csv, pdf) into `out_dir` (0700); returns the main file of each."""
    _register_builtin()
    out_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(out_dir, 0o700)
    order = [f for f in FORMATS if f in WRITERS] + [f for f in WRITERS if f not in FORMATS]
    return [WRITERS[name](report, out_dir) for name in (formats or order)]
