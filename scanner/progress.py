"""What a running scan tells its user: a live line on a terminal, and a log file in the output folder.

A scan of a real share takes minutes to hours; silence until the end looks like a hang. On a terminal
(stderr is a TTY) a rich progress line shows the items done, what was found so far, the current
source, the rate and, when an earlier audit of the same output folder says how many items to expect,
a bar and the time left. Not on a terminal (cron, a pipe, CI) nothing is drawn. `avgscan.log` in the
output folder keeps the course of every run (sources, unreadable items, totals) for later.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn

from scanner.kernel.model import CopiedRows, ScannedItem

LOG_FILE = "avgscan.log"
LOGGER = "avgscan"
log = logging.getLogger(LOGGER)


def open_log(out_dir: Path, verbose: bool = False, console: Console | None = None) -> logging.Logger:
    """`avgscan.log` in the output folder (0600: it names places that hold children's data); with
    `verbose` the same lines go to the terminal as well."""
    log.setLevel(logging.DEBUG if verbose else logging.INFO)
    log.propagate = False
    for h in list(log.handlers):
        log.removeHandler(h)
        h.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOG_FILE
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    file = logging.FileHandler(path, encoding="utf-8")
    file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    log.addHandler(file)
    if verbose:
        log.addHandler(RichHandler(console=console or Console(stderr=True), show_path=False, markup=False))
    return log


def close_log() -> None:
    for h in list(log.handlers):
        log.removeHandler(h)
        h.close()


def dutch_number(value: float, decimals: int = 1) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


class ScanProgress:
    """Called with every scanned item (pipeline `on_scanned`); draws on a terminal, logs always."""

    def __init__(self, expected: int | None = None, show: bool | None = None, console: Console | None = None,
                 lang: str = "nl") -> None:
        self.console = console or Console(stderr=True)
        self.show = sys.stderr.isatty() if show is None else show
        self.expected = expected or None
        self.lang = lang
        self.done = self.found = self.unreadable = 0
        self.source = ""
        self.started = time.monotonic()
        self._bar: Progress | None = None
        self._task: int | None = None

    def _words(self) -> tuple[str, str, str, str]:
        return (("Scannen", "items", "vondsten", "per s") if self.lang != "en" else
                ("Scanning", "items", "findings", "per s"))

    def __enter__(self) -> ScanProgress:
        if self.show:
            scanning = self._words()[0]
            columns = [SpinnerColumn(), TextColumn("[bold]" + scanning + "[/bold] {task.fields[source]}")]
            if self.expected:
                columns += [BarColumn(bar_width=24), TimeRemainingColumn()]
            columns += [TextColumn("{task.fields[counts]}")]
            self._bar = Progress(*columns, console=self.console, transient=True, refresh_per_second=4)
            self._bar.start()
            self._task = self._bar.add_task("scan", total=self.expected, source="", counts=self._counts())
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def _counts(self) -> str:
        _, items, found, per_s = self._words()
        if self.done == 0:
            return "voorbereiden: register en taalmodel laden…" if self.lang != "en" else \
                "preparing: loading register and language model…"
        seconds = max(time.monotonic() - self.started, 1e-6)  # from the first item: loading is not the rate
        rate = dutch_number(self.done / seconds) if self.lang != "en" else f"{self.done / seconds:.1f}"
        return f"{self.done} {items} · {self.found} {found} · {rate} {per_s}"

    def __call__(self, scanned: ScannedItem | CopiedRows) -> None:
        if isinstance(scanned, CopiedRows):  # many rows at once: no findings, nothing unreadable
            self._copied(scanned)
            return
        item = scanned.item
        if item.source != self.source:
            self.source = item.source
            log.info("bron %s", item.source)
        if self.done == 0:
            self.started = time.monotonic()
        self.done += 1
        self.found += len(scanned.findings)
        if item.status == "unreadable":
            self.unreadable += 1
            log.warning("onleesbaar: %s/%s: %s", item.source, item.path, item.reason or "")
        else:
            log.debug("%s: %s/%s (%d vondsten)", item.status, item.source, item.path, len(scanned.findings))
        self._draw(item.source)

    def _copied(self, rows: CopiedRows) -> None:
        if rows.source != self.source:
            self.source = rows.source
            log.info("bron %s", rows.source)
        if self.done == 0:
            self.started = time.monotonic()
        self.done += len(rows.items)
        found = sum(len(row.findings) for row in rows.reported)
        self.found += found
        log.debug("%d rijen van een gelijke rij overgenomen: %s/%s … %s (%d vondsten)", len(rows.items), rows.source,
                  rows.items[0].path, rows.items[-1].path, found)
        self._draw(rows.source)

    def _draw(self, source: str) -> None:
        if self._bar is not None and self._task is not None:
            total = max(self.expected or 0, self.done) if self.expected else None
            self._bar.update(self._task, completed=self.done, total=total, source=source,  # type: ignore[arg-type]
                             counts=self._counts())


__all__ = ["LOG_FILE", "ScanProgress", "close_log", "dutch_number", "open_log"]
