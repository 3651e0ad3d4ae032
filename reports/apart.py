"""Some report formats written by a forked process beside the others.

The writers run after the scan, one after another, on one core: on a share of a few thousand files
the PDF alone took as long as the JSON, the workbook, the dashboard and the CSVs together, while the
other core stood idle. A fork of the writing process (it holds the reviewed report, read from ledgers
on disk through pread, which two processes may do side by side) writes those formats into the same
staging folder and sends back which files and report parts it wrote; the parent writes the rest
meanwhile. What every writer derives from the report (the priorities, "Begin hier", the counts, the
notices) is laid out before the fork, so neither process works it out again. The child only reads the
report and writes its own files: the state store is not touched by any writer.

A failing child fails write_all as a writer in the parent would (its exception, or an OSError when it
ended without answering), so the reports stay all or nothing. Where fork does not exist every format
is written in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reports.reuse import Reuse
from scanner.kernel.fork import freeze_inherited
from scanner.kernel.model import Report

# formats written by the fork, when at least one other format is written too: the slowest writer, whose
# memory is bounded (its list is capped; the full list is in the workbook and the CSV), and the CSVs (streamed
# from the ledgers), so that the two processes take about as long (a 6 000-file school: pdf 2.1 + csv 0.8 s
# beside json 1.7 + xlsx 1.0 + html 0.1 s; the pdf alone left the parent 3.5 s against the fork's 2.1 s)
APART = ("pdf", "csv")

Writer = Callable[[Report, Path], Path]


def write_formats(report: Report, staging: Path, names: list[str], writer: Callable[[str], Writer],
                  reuse: Reuse) -> list[Path]:
    """Each format of `names` written into `staging`, in the order of `names`; returns their main files."""
    apart = [n for n in names if n in APART]
    here = [n for n in names if n not in APART]
    if not apart or not here or "fork" not in multiprocessing.get_all_start_methods():
        return [writer(name)(report, staging) for name in names]
    _lay_out(report, reuse)
    child = _Child(report, staging, apart, writer, reuse)
    try:
        written = {name: writer(name)(report, staging) for name in here}
        written.update(child.result())
    finally:
        child.stop()
    return [written[name] for name in names]


def _lay_out(report: Report, reuse: Reuse) -> None:
    """What the writers of both processes read, worked out once in this one (inside one_report())."""
    from reports.priority import priority_ledger
    from reports.tally import tally
    from reports.view import gap_notices, reviewed

    reviewed(report)  # first, as every writer does: a report straight from the scan gets its plain review here
    priority_ledger(report)
    tally(report)
    gap_notices(report)
    if reuse.digest:
        reuse.violations_key(report)


class _Child:
    """The forked writer of `names`: answers with their files and the parts it wrote (for the reuse of the
    next run), or with the exception that stopped it."""

    def __init__(self, report: Report, staging: Path, names: list[str], writer: Callable[[str], Writer],
                 reuse: Reuse) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, theirs = ctx.Pipe(duplex=False)
        writers = {name: writer(name) for name in names}  # imported here: the library's pages are then shared
        self._process = ctx.Process(target=_write_apart, args=(theirs, report, staging, writers, reuse),
                                    name="avgscan-rapport", daemon=True)
        self._process.start()
        theirs.close()  # the child's end lives only in the child: its death reads as end-of-file here
        self._reuse, self._names = reuse, names

    def result(self) -> dict[str, Path]:
        try:
            ok, value, parts = self._conn.recv()
        except (EOFError, OSError):
            self._process.join()
            raise OSError(f"het proces dat de rapporten {', '.join(self._names)} schreef stopte zonder antwoord "
                          f"(afsluitcode {self._process.exitcode})") from None
        if not ok:
            raise value
        self._reuse.written.update(parts)
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._conn.close()


def _write_apart(conn: Any, report: Report, staging: Path, writers: dict[str, Writer], reuse: Reuse) -> None:
    freeze_inherited()
    try:
        paths = {name: write(report, staging) for name, write in writers.items()}
        answer: tuple[bool, Any, Any] = (True, paths, reuse.written)
    except BaseException as err:  # noqa: BLE001 - told to the parent, which raises it as its own
        answer = (False, _picklable(err), {})
    conn.send(answer)
    conn.close()
    os._exit(0)  # not the parent's exit handlers: its ledgers and temporary files are the parent's


def _picklable(err: BaseException) -> BaseException:
    """The exception itself when it travels through a pipe, else a RuntimeError with its text."""
    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(err).__name__}: {err}")
