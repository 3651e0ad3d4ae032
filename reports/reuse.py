"""What a rescan takes over from the previous reports in the output folder when its items and findings
are the previous scan's.

On a rescan of a school where nothing changed, writing every item and finding again (88 000 findings:
report.json's two long lists, findings.csv, the workbook's coverage sheet) was most of the run. Those
parts depend only on the items and findings, and two scans with the same `Report.body_digest`
(scanner.evaluation_cache) have the same ones, so a writer copies them from its previous file
byte for byte and lays out only what carries this run (date, history, triage, counters).

Each writer names the byte ranges of its parts (`note`); write_all keeps them with the body digest and
each file's size and modification time in `PARTS_FILE` beside the reports. A part is taken over
(`take`) only when the digest is the same and the file is still the one that was written (same size
and modification time): a report replaced by hand, a run with other formats or a stopped write do not
mislead the next run. Outside write_all (a writer called on its own) nothing is taken over.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from scanner.kernel.model import Report

PARTS_FILE = ".avgscan-delen.json"  # the parts of the reports in this folder; not a report itself
COPY_BLOCK = 1 << 20  # bytes per read when a part is copied over (Reuse.copy)


def _digest_entries(h: Any, entries: Iterable[Any]) -> None:
    """A ledger by its pages as stored (pickle streams: equal bytes are equal entries), without unpickling
    and writing out every entry (the repr of 100 000 violations was a tenth of an unchanged rescan); a
    list by each entry's repr. Two runs that reviewed the same violations write the same pages; where
    they did not, the key differs and the parts are laid out again, which is only slower."""
    pages = getattr(entries, "pages", None)
    if callable(pages):
        for _first, count, data in pages():
            h.update(count.to_bytes(8, "little") + data)
        return
    for entry in entries:
        h.update(repr(entry).encode() + b"\x00")


@dataclass
class Reuse:
    """The previous reports' parts that this run may take over, and the parts this run writes."""

    previous: Path
    digest: str
    offered: dict[str, dict[str, list[Any]]] = field(default_factory=dict)  # file -> part -> [start, end, key]
    written: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    _violations_key: str | None = None

    def violations_key(self, report: Report) -> str:
        """The key of a part that lists the violations and possible violations: what they carry besides the
        items and findings (the review's status, new or persisting, first seen, decision, handling) and their
        priorities. From the second unchanged rescan on (every violation 'persisting') it is the previous
        run's, and the writers take those sections over too: on a share where most files are violations they
        were most of a rescan. Worked out once per write_all."""
        if self._violations_key is None:
            from reports.priority import priority_ledger

            h = hashlib.sha256(report.lang.encode())
            for entries in (report.violations, priority_ledger(report), report.to_review):
                _digest_entries(h, entries)
                h.update(b"\x01")
            self._violations_key = h.hexdigest()[:32]
        return self._violations_key

    def span(self, file: str, part: str, key: str = "") -> list[Any] | None:
        """Where `part` lies in the previous `file` (bytes, or pages of a PDF), when it was written with `key`
        (a digest of what else the part depends on than the items and findings)."""
        span = self.offered.get(file, {}).get(part)
        if span is None or len(span) != 3 or span[2] != key:
            return None
        return span[:2]

    def take(self, file: str, part: str, key: str = "") -> bytes | None:
        """The bytes of `part` in the previous `file`, or None when they cannot be taken over."""
        buffer = io.BytesIO()
        try:
            return buffer.getvalue() if self.copy(file, part, buffer, key) else None
        except OSError:  # the previous file changed while it was read: laid out afresh
            return None

    def copy(self, file: str, part: str, out: BinaryIO, key: str = "") -> bool:
        """`take` without holding the part: copied into `out` a megabyte at a time (report.json's findings
        of a million-file share are a gigabyte: taken whole, a rescan's memory doubled for a moment). False,
        with nothing written, when it cannot be taken over; a previous file that shrinks during the copy
        stops the writer with an error instead of leaving a part cut short."""
        span = self.span(file, part, key)
        if span is None:
            return False
        try:
            fh = open(self.previous / file, "rb")  # noqa: SIM115  (closed below, after the copy)
        except OSError:
            return False
        with fh:
            if os.fstat(fh.fileno()).st_size < span[1]:
                return False
            fh.seek(span[0])
            left = span[1] - span[0]
            while left:
                block = fh.read(min(left, COPY_BLOCK))
                if not block:
                    raise OSError(f"{file}: korter geworden tijdens het overnemen van {part}")
                out.write(block)
                left -= len(block)
        return True

    def note(self, file: str, part: str, start: int, end: int | str, key: str = "") -> None:
        """Where `part` lies in `file` (bytes, pages; a workbook's sheet: its number and filter range)."""
        self.written.setdefault(file, {})[part] = [start, end, key]


_CURRENT: ContextVar[Reuse | None] = ContextVar("reuse", default=None)


def current() -> Reuse | None:
    """The reuse of the write_all call in progress; None for a writer called on its own."""
    return _CURRENT.get()


def _offered(folder: Path, digest: str) -> dict[str, dict[str, list[Any]]]:
    """The parts kept by the previous run in `folder` whose file is unchanged since, when its digest is `digest`."""
    try:
        kept = json.loads((folder / PARTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not digest or not isinstance(kept, dict) or kept.get("body_digest") != digest:
        return {}
    out = {}
    try:
        for name, entry in (kept.get("files") or {}).items():
            if "/" in name or not isinstance(entry.get("parts"), dict):
                continue
            try:
                st = os.stat(folder / name)
            except OSError:
                continue
            if [st.st_size, st.st_mtime_ns] == entry.get("stat"):
                out[name] = entry["parts"]
    except (AttributeError, TypeError):  # not written by this version: nothing is taken over
        return {}
    return out


@cache
def writers_digest() -> str:
    """The writers' own code (this package): a part is taken over only from a report laid out by the same code."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        h.update(path.name.encode() + b"\x00" + path.read_bytes())
    return h.hexdigest()[:32]


@contextmanager
def reusing(report: Report, previous: Path) -> Iterator[Reuse]:
    """Offer the writers the parts of the reports in `previous` (see the module docstring)."""
    # the headings are in the report's language, and a new version of a writer lays its parts out anew
    digest = f"{report.body_digest}/{report.lang}/{writers_digest()}" if report.body_digest else ""
    reuse = Reuse(previous, digest, _offered(previous, digest))
    token = _CURRENT.set(reuse)
    try:
        yield reuse
    finally:
        _CURRENT.reset(token)


def keep_parts(reuse: Reuse, staging: Path) -> None:
    """Write PARTS_FILE into `staging` for the files written there, with their size and modification time
    (unchanged by the move into the output folder)."""
    files = {}
    for name, parts in reuse.written.items():
        st = os.stat(staging / name)
        files[name] = {"stat": [st.st_size, st.st_mtime_ns], "parts": parts}
    (staging / PARTS_FILE).write_text(json.dumps({"body_digest": reuse.digest, "files": files}), encoding="utf-8")


__all__ = ["PARTS_FILE", "Reuse", "current", "keep_parts", "reusing"]
