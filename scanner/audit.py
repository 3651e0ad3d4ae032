"""`audit()`: one scan from configuration to reviewed, written reports; avgscan as a library.

Every command that scans runs the same sequence, so it is written here once: claim the output
folder (checked, and locked until the reports are written), open the review (the state store and
the FG's triage file: a bad one stops the run before a scan of hours), scan, review (identities,
triage, history, possible breaches), write every report, and decide the exit code. `avgscan scan`,
`avgscan demo`, the per-pupil commands and the benchmarks call it.

    from scanner.audit import audit
    from scanner.config import load_config

    result = audit(load_config("avgscan.yaml"), Path("rapport"), triage="triage.yaml")
    for v in result.violations:
        print(v.identity, v.status, v.rule, v.path)

A problem the school can mend (a config key, a record file, the triage file, the output folder, a
full disk) raises an `AvgscanError` whose message is meant to be shown as it is; Ctrl-C raises
`ScanInterrupted` after what was done has been kept (a later `resume=True` goes on from there).
Nothing here reads sys.argv or prints: the caller decides what the user sees.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from reports import write_all
from scanner import __version__
from scanner.config import ConfigError, ScanConfig, check_sqlite_files
from scanner.kernel.errors import EXIT_INCOMPLETE, EXIT_OK, EXIT_VIOLATIONS, AvgscanError
from scanner.kernel.keys import organisation_key
from scanner.kernel.messages import say
from scanner.kernel.model import CopiedRows, Report, ScannedItem, Violation
from scanner.kernel.redact import error_text, url_password_keys
from scanner.outdir import claim_output
from scanner.progress import ScanProgress, close_log, log, open_log
from scanner.records.loading import Records
from scanner.state import StateStore
from scanner.triage import ReviewSession, plain_review


class CannotStart(AvgscanError):
    """The run stopped before it scanned anything: the config, a record file, the triage file, the state
    store, the organisation key or the output folder cannot be used. The message names which and why."""

    def __init__(self, reason: object) -> None:
        super().__init__(say("kan niet starten", "cannot start") + f": {reason}")


class ReportsNotWritten(AvgscanError):
    """Disk full, a read-only or vanished output folder. The previous scan's reports and history are left as
    they were (reports.write_all writes all or nothing; the audit is committed only after it)."""

    def __init__(self, out: Path, err: BaseException) -> None:
        # an OSError says ENOSPC; SQLite says "database or disk is full" (an OSError's text holds its path)
        full = err.errno == errno.ENOSPC if isinstance(err, OSError) else "disk is full" in str(err).lower()
        why = "de schijf is vol" if full else f"schrijven mislukt ({error_text(err)})"
        super().__init__(f"kan de rapporten niet schrijven in {out}: {why}. De rapporten en de historie van de "
                         "vorige scan zijn ongewijzigd; deze scan is niet vastgelegd.")


class ScanInterrupted(Exception):
    """Ctrl-C during a scan, after what was done has been kept in the output folder's cache."""

    def __init__(self, done: int) -> None:
        super().__init__(done)
        self.done = done


@dataclass
class Audit:
    """What one audit produced: the reviewed report, its violations (each with its identity and triage
    status), the report files written (main file of each format) and the exit code the command line uses."""

    report: Report
    violations: list[Violation]
    paths: list[Path]
    exit_code: int
    out: Path | None = None


@contextlib.contextmanager
def starting() -> Iterator[None]:
    """Every error that stops a run before it scans is 'kan niet starten', said once, here."""
    try:
        yield
    except (CannotStart, ReportsNotWritten):
        raise
    except AvgscanError as err:
        raise CannotStart(err) from None


def source_roots(cfg: ScanConfig) -> list[Path]:
    """The scanned folders of a config: an output folder may not be one of them, nor inside one. A
    source that reads only named files and no subfolder (`avgscan scan lijst.csv`) reads no output
    folder beside them."""
    return [Path(s.path) for s in cfg.sources
            if s.type == "filesystem" and s.path and not (s.include and "*/**" in s.exclude)]


def exit_code(report: Report) -> int:
    """3 when something could not be read (the audit is incomplete), else 1 when violations need action."""
    if report.statistics["unreadable"]:
        return EXIT_INCOMPLETE
    return EXIT_VIOLATIONS if report.open_violations else EXIT_OK


def _has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def _check(cfg: ScanConfig, executor: str, scheduler: str | None, full: bool, resume: bool, origin: str) -> None:
    if executor == "dask" and not _has_module("distributed"):
        raise ConfigError(say("--executor dask heeft dask nodig: installeer `avgscan[dask]` (pip install "
                              "'avgscan[dask]')", "--executor dask needs dask: install `avgscan[dask]` (pip install "
                              "'avgscan[dask]')"))
    if scheduler and url_password_keys(scheduler):
        raise ConfigError(say("--scheduler: een wachtwoord hoort niet in een URL",
                              "--scheduler: a password does not belong in a URL"))
    if resume and full:
        raise ConfigError(say("--resume en --full sluiten elkaar uit", "--resume and --full exclude each other"))
    check_sqlite_files(cfg, origin)


def _organisation_key(cfg: ScanConfig) -> bytes:
    """The organisation's ID key (scanner.kernel.keys): one per organisation, not per output folder."""
    key_file = cfg.resolve(cfg.organisation.key_file) if cfg.organisation.key_file else None
    return organisation_key(key_file)[0]


@contextlib.contextmanager
def _holding_interrupts() -> Iterator[None]:
    """While a stopped scan puts its things away, a second Ctrl-C must not break the clean stop."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _remembering_ctrl_c() -> Iterator[threading.Event]:
    """Ctrl-C raises KeyboardInterrupt wherever the scan happens to be, and code on the way that catches
    every exception (a finaliser, a library's catch-all) can swallow it: then the scan ran on to the end.
    The request is remembered as well, so the next item that arrives stops the scan. A scan started
    with Ctrl-C ignored (a background job) keeps ignoring it."""
    asked = threading.Event()
    previous = signal.getsignal(signal.SIGINT) if threading.current_thread() is threading.main_thread() else None
    if previous is None or previous is signal.SIG_IGN:
        yield asked
        return

    def on_ctrl_c(signum: int, frame: Any) -> None:
        asked.set()
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        yield asked
    finally:
        signal.signal(signal.SIGINT, previous)


def audit(config: ScanConfig, out: Path | None, *, triage: str | Path | None = None, as_of: date | None = None,
          show_values: bool = False, lang: str = "nl", formats: list[str] | None = None,
          progress: bool | None = None, verbose: bool = False, command: list[str] | None = None,
          workers: int | None = 0, executor: str = "local", scheduler: str | None = None, full: bool = False,
          resume: bool = False, records: Records | None = None, origin: str | None = None) -> Audit:
    """Scan, review and report (see the module docstring).

    `out` is the output folder (reports, history, cache, avgscan.log); None scans without one: no
    history or triage, nothing written. `formats` picks report formats (None: all; []: none, the
    audit is still recorded). `progress` draws a live line on stderr (None: when it is a terminal).
    `command` is the command line that asked for the scan, logged when raw values are shown
    (`show_values`). `workers`, `executor` ('local' or 'dask') and `scheduler` say where items are
    scanned; `full` reads everything again instead of asking the cache; `resume` says an interrupted
    scan in `out` is to be continued (the cache always answers what was finished, so it only may not
    be combined with `full`; `report.statistics["resumed_interrupted_scan"]` says whether there was
    one). `records` are already loaded records; `origin` names the config in messages (its file).
    """
    with starting():
        _check(config, executor, scheduler, full, resume, origin or say("configuratie", "configuration"))
    scan = {"as_of": as_of, "show_values": show_values, "workers": workers, "executor": executor,
            "scheduler": scheduler, "full": full, "records": records, "command": command}
    if out is None:
        with starting():
            report = _scan(config, None, progress, lang, scan)
        plain_review(report, lang)
        return Audit(report, report.violations, [], exit_code(report))
    with contextlib.ExitStack() as held:
        try:
            with starting():
                folder = held.enter_context(claim_output(Path(out), source_roots(config)))
                session = ReviewSession.open(folder.path, triage, lang, _organisation_key(config))
                held.callback(session.store.close)
                held.callback(close_log)
                open_log(folder.path, verbose).info("scan gestart: avgscan %s, %d bron(nen), uitvoer %s", __version__,
                                                    len(config.sources), out)
                report = _scan(config, session.store, progress, lang, scan)
        except (OSError, SQLAlchemyError) as err:  # the state store or the output folder could not be written
            raise ReportsNotWritten(Path(out), err) from None
        try:
            # history: compare with the previous audit in `out`, apply triage; the audit is recorded only
            # once every report file is in place
            with session.applied(report):
                paths = write_all(report, folder.path, formats) if formats != [] else []
        except (OSError, SQLAlchemyError) as err:
            raise ReportsNotWritten(folder.path, err) from None
        st = report.statistics
        log.info("scan klaar: %d items, %d onleesbaar, %d vondsten, %d overtredingen in %s s", st["items"],
                 st["unreadable"], st["findings"], st["violations"], st["seconds"])
        return Audit(report, report.violations, paths, exit_code(report), folder.path)


def _scan(config: ScanConfig, store: StateStore | None, progress: bool | None, lang: str,
          scan: dict[str, Any]) -> Report:
    """The scan with its progress line; Ctrl-C becomes ScanInterrupted, an unreachable dask cluster a
    ConfigError."""
    previous = store.latest_audit() if store is not None else None
    meter = ScanProgress(previous.items if previous else None, show=progress, lang=lang)
    # without an output folder there is no avgscan.log: nothing to tell unless a line is drawn
    watch = meter if store is not None or meter.show else None
    import scanner.pipeline as pipeline  # here, not above: the NLP stack loads only when a scan runs

    try:
        with meter, _remembering_ctrl_c() as asked:

            def arrived(scanned: ScannedItem | CopiedRows) -> None:
                if asked.is_set():  # a Ctrl-C that something on the way swallowed
                    raise KeyboardInterrupt
                if watch is not None:
                    watch(scanned)

            return pipeline.run_scan(config, store=store, on_scanned=arrived, **scan)
    except KeyboardInterrupt:
        with _holding_interrupts():
            if store is not None:
                store.close()
            log.warning("scan afgebroken (Ctrl-C) na %d items", meter.done)
        raise ScanInterrupted(meter.done) from None
    except OSError as err:
        if scan["executor"] != "dask":
            raise
        where = scan["scheduler"] or say("het lokale cluster", "the local cluster")
        raise ConfigError(say(f"de dask-scheduler ({where}) is niet bereikbaar: {err}; controleer --scheduler en of "
                              "de scheduler draait", f"the dask scheduler ({where}) cannot be reached: {err}; check "
                              "--scheduler and whether the scheduler runs")) from None


__all__ = ["Audit", "CannotStart", "ReportsNotWritten", "ScanInterrupted", "audit", "exit_code", "source_roots",
           "starting"]
