"""Report writers, one module per format, named in a lazy registry.

Every writer takes the reviewed Report (each violation's identity and triage status, the possible
breaches, history and triage use; see scanner.triage) and an output folder, and returns the file(s)
it wrote. Writers never re-scan.
WRITERS names each format's `module:function` as a string (pre-commit's style): a writer module is
imported when its format is written, and this package imports none of them, so the writers (which
use `private_file` from here) make no import circle. A new format is one module plus one line here.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from scanner.kernel.model import Report

Writer = Callable[[Report, Path], Path]
# format -> "module:function" that writes it; written in this order
WRITERS: dict[str, str] = {
    "json": "reports.json_report:write_json",
    "xlsx": "reports.xlsx_report:write_xlsx",
    "html": "reports.html_report:write_html",
    "csv": "reports.csv_report:write_csv",
    "pdf": "reports.pdf_report:write_pdf",
}
FORMATS = tuple(WRITERS)


def writer(name: str) -> Writer:
    """The writer of format `name`, imported on first use."""
    module, _, function = WRITERS[name].partition(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def private_file(path: Path) -> None:
    """Reports hold (masked) personal data: readable by the owner only."""
    os.chmod(path, 0o600)


def write_private_text(path: Path, text: str) -> Path:
    """`text` into `path`, readable by the owner only from the start, replacing it in one step."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def write_all(report: Report, out_dir: Path, formats: list[str] | None = None) -> list[Path]:
    """Write every format (json, xlsx, html, csv, pdf) into `out_dir` (0700); returns the main file of each.

    All or nothing: every writer writes into a private staging folder inside `out_dir`, and only
    when all of them succeeded is each file moved into place with os.replace (atomic within one
    file system). A full disk therefore leaves the previous scan's reports whole and together,
    never a truncated report.json beside the previous workbook; an OSError is raised to the caller.
    os.replace also replaces a symlink itself, never the file it points to.
    """
    out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(out_dir, 0o700)
    staging = Path(tempfile.mkdtemp(prefix=".avgscan-schrijven-", dir=out_dir))
    try:
        from reports.apart import write_formats
        from reports.priority import one_report
        from reports.reuse import keep_parts, reusing

        with one_report(), reusing(report, out_dir) as reuse:  # a rescan takes unchanged parts over
            written = write_formats(report, staging, list(formats or WRITERS), writer, reuse)
        keep_parts(reuse, staging)
        for path in sorted(staging.iterdir()):
            private_file(path)
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        for path in sorted(staging.iterdir()):
            os.replace(path, out_dir / path.name)
        _fsync_folder(out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out_dir / p.name for p in written]


def _fsync_folder(folder: Path) -> None:
    """Make the renames durable before the audit that points at these reports is committed."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
