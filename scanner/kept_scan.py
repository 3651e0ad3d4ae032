"""The previous scan's result, kept beside the reports, for a rescan that finds nothing changed.

With every item unchanged, a rescan still did per item what the caches make cheap but not free:
the item cache's lookup and decoding, the evaluation cache's answer, the rules' loop, the ledgers
written again (6 000-file school: 4 of a 7-second rescan; a 100 000-file share: 21 s). So every
scan into an output folder first crawls its sources once without detecting anything (a file's
status, size, date and access; a table's rows: what the item cache compares) and digests what the
scan's result depends on:

* every item as the crawl sees it, in crawl order: its place, the fingerprint the item cache keeps
  it under and every field (size, date, access, role, party, status), and what each source skipped; a
  database table by its plan and every row's values (what its rows' items are made of);
* what detection depends on (`scan_fingerprint`: the version, the configuration files, the NLP model),
  what linking and the rules depend on (`evaluation_inputs`: avgscan's code, the whole configuration,
  the reference date, the language, the register with the staff and parents lists), the consent rows,
  the logged disclosures and the connectors' code.

When the digest is the one the previous complete scan was kept under, its result is this scan's:
the items, findings, violations, possible violations and pupils' links are read back page by page
(nothing is unpickled until a writer reads it) and the scan is done without detecting, linking or
judging anything. Otherwise the scan runs as before and its result is kept under the new digest
once it is complete (an interrupted scan keeps nothing, and the previous one stays valid for what
it was kept under). The review (history, triage) and the writers run as after any scan. What this
costs a scan that does run: the crawl (6 000 files: 0.7 s; a million-row table: 6 s of CPU; a cloud drive
is listed once more, nothing downloaded; a source with `change_detection: content` is read once more, as
its fingerprints are its bytes) and keeping the result (0.3 s for 88 000 findings).

The kept result is what report.json holds (paths, masked evidence, pupils' numbers), no more: the
findings' raw values are blanked before it is written (the writers show them only with
--show-values), and a scan with --show-values neither reads nor keeps one (it removes the one kept,
as it refreshes the caches that one stands for). It lives in the output folder beside the reports,
readable by its owner only, and `avgscan purge` removes it with the reports.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import pickle
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scanner.evaluation_cache import item_fields, plain_data
from scanner.kernel.ledger import Ledger
from scanner.kernel.model import FindingTypes, Report, ScannedItem
from scanner.kernel.subject_index import SubjectIndex

if TYPE_CHECKING:
    from scanner.config import ScanConfig
    from scanner.kernel.keys import Keyer
    from scanner.records.loading import Records

log = logging.getLogger(__name__)

KEPT_FILE = "avgscan-scan.sqlite"
ENABLED = True  # off only where a test measures the per-item caches of a rescan
LEDGERS = ("items", "findings", "violations", "to_review")
REST = ("exempt", "kept_by_law", "skipped_rules", "statistics", "settings", "body_digest")


@lru_cache(maxsize=1)
def connectors_digest() -> str:
    """The connectors' code: what a crawl reports of an item (its size, access, status) is theirs."""
    root = Path(__file__).resolve().parent.parent / "connectors"
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes())
    return h.hexdigest()


@dataclass
class Walk:
    """What the executor's crawl needs (scanner.executor.Crawler), without the scan's analyzer and register
    index: a rescan that takes the previous result over never builds them."""

    cfg: ScanConfig
    keyer: Keyer
    source_counts: dict[str, dict[str, int]] = field(default_factory=dict)


def crawl_digest(walk: Walk, secret: bytes, inputs: list[str]) -> str:
    """A keyed digest of `inputs` and of every item the sources hold now, as the item cache sees them;
    a database table by its plan and its rows' values (see `_tables`), an archive or mailbox as one file
    (its members follow from its bytes)."""
    from scanner.executor import fingerprint, tasks

    h = hashlib.blake2b(key=secret, digest_size=16)
    for part in inputs:
        h.update(part.encode() + b"\x00")
    for task in tasks(walk, lambda source, _cfg: _tables(source, h), members=False):
        if isinstance(task, ScannedItem):  # a source that could not be opened or failed half-way
            item, seen = task.item, ""
        else:
            _, item, content = task
            seen = fingerprint(walk, item, content)
        h.update(f"{item.source}\x00{item.path}\x00{seen}\x00{item_fields(item)}\x01".encode())
    h.update(json.dumps(walk.source_counts, sort_keys=True).encode())
    return h.hexdigest()


def _tables(source: Any, h: Any) -> Iterator[ScannedItem]:
    """Digest a database source's tables into `h` (the executor's `bulk`): each table's plan (columns, keys,
    the references to the register) and every row's locator and values, as the driver gives them. A row's
    item is made of exactly these and the configuration (digested apart), so this tells what the row path's
    items and fingerprints would, without making an item and a content per row (a million-row table:
    22 s of CPU that way). A table that is missing or fails is yielded as the crawl reports it."""
    import sqlalchemy as sa

    from connectors.database import TableRows

    for entry in source.tables():
        if not isinstance(entry, TableRows):
            yield ScannedItem(item=entry)
            continue
        h.update(json.dumps(plain_data([entry.schema, entry.table, entry.label, entry.columns, entry.integer_key,
                                        entry.refs, entry.number_col, entry.register])).encode())
        try:
            for locator, row in entry.rows():
                h.update(repr((locator, *(bytes(v) if isinstance(v, memoryview) else v for v in row))).encode())
        except sa.exc.SQLAlchemyError as err:
            yield ScannedItem(item=source.failed(entry.schema, entry.table, err))


class KeptScan:
    """The kept result of an output folder (KEPT_FILE) and the digest of what this scan would scan."""

    def __init__(self, folder: Path, key: str) -> None:
        self.path, self.key = folder / KEPT_FILE, key

    @classmethod
    def crawl(cls, folder: Path, cfg: ScanConfig, keyer: Keyer, records: Records, flows: list[ScannedItem],
              detection: str, evaluation: str) -> KeptScan:
        """Crawl the sources (see the module docstring); `detection` and `evaluation` are the digests
        the item cache and the evaluation cache keep their entries under."""
        started = time.monotonic()
        secret = bytes.fromhex(keyer.of("kept-scan", "digest key"))
        inputs = [detection, evaluation, connectors_digest(), json.dumps(plain_data([records.consents, flows]))]
        kept = cls(folder, crawl_digest(Walk(cfg, keyer), secret, inputs))
        log.info("vorige scan: bronnen doorlopen zonder te lezen in %.1f s", time.monotonic() - started)
        return kept

    def load(self) -> Report | None:
        """The kept result when it was kept under this digest, else None (nothing kept, another digest,
        or a file that cannot be read: then the scan runs)."""
        if not self.path.exists():
            return None
        try:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        except sqlite3.Error:
            return None
        try:
            meta = dict(db.execute("SELECT name, value FROM meta").fetchall())
            if meta.get("key") != self.key.encode():
                log.info("vorige scan: iets is veranderd; alles wordt gescand (met de cache)")
                return None
            rest: dict[str, Any] = pickle.loads(meta["rest"])
            held: dict[str, dict[int, Any]] = pickle.loads(meta["held"])
            ledgers = {name: Ledger.of_pages(_pages(db, name), held.get(name)) for name in LEDGERS}
            subjects = SubjectIndex.of_stored(db.execute("SELECT place, data FROM link ORDER BY n"))
            types = pickle.loads(meta["finding_types"]) if "finding_types" in meta else None
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, ValueError, KeyError, AttributeError, TypeError,
                ImportError) as err:  # damaged, or written by another version: the scan runs instead
            log.warning("vorige scan %s niet te lezen (%s); alles wordt gescand", self.path.name, type(err).__name__)
            return None
        finally:
            db.close()
        log.info("vorige scan: niets veranderd; de uitkomst van de vorige scan is overgenomen")
        report = Report(subjects=subjects, **ledgers, **rest)
        if types is not None:
            report.finding_types_known(*types)
        return report

    def keep(self, report: Report) -> None:
        """Keep `report`'s scan result under this digest, replacing the previous one in one step. A result
        that cannot be written is only logged: the next scan then runs in full, as before."""
        fd, tmp = tempfile.mkstemp(prefix=f".{KEPT_FILE}.", dir=self.path.parent)  # 0600 from the start
        os.close(fd)
        try:
            db = sqlite3.connect(tmp, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=OFF")
                db.execute("PRAGMA synchronous=OFF")
                db.execute("BEGIN")
                db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)")
                db.execute("CREATE TABLE page (ledger TEXT NOT NULL, n INTEGER NOT NULL, count INTEGER NOT NULL, "
                           "data BLOB NOT NULL, PRIMARY KEY (ledger, n))")
                db.execute("CREATE TABLE link (n INTEGER PRIMARY KEY, place TEXT NOT NULL, data BLOB NOT NULL)")
                held: dict[str, dict[int, Any]] = {}
                types = FindingTypes()
                for name in LEDGERS:
                    ledger = _as_ledger(getattr(report, name))
                    pages = ledger.pages() if name != "findings" else _without_values(ledger.pages(), types)
                    db.executemany("INSERT INTO page VALUES (?, ?, ?, ?)",
                                   ((name, n, count, data) for n, count, data in pages))
                    held[name] = ledger.held()
                held["findings"] = {n: replace(f, value="") for n, f in held["findings"].items()}
                subjects = report.subjects if isinstance(report.subjects, SubjectIndex) else SubjectIndex(
                    report.subjects)
                db.executemany("INSERT INTO link (place, data) VALUES (?, ?)", subjects.stored())
                # the statistics of the run itself (seconds, cache hits) are set again by the run that loads it
                rest = {name: getattr(report, name) for name in REST}
                db.executemany("INSERT INTO meta VALUES (?, ?)", [
                    ("key", self.key.encode()), ("rest", pickle.dumps(rest, pickle.HIGHEST_PROTOCOL)),
                    ("held", pickle.dumps(held, pickle.HIGHEST_PROTOCOL)),
                    ("finding_types", pickle.dumps((types.codes, list(types.names)), pickle.HIGHEST_PROTOCOL))])
                db.execute("COMMIT")
            finally:
                db.close()
            os.replace(tmp, self.path)
        except (OSError, sqlite3.Error) as err:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            log.warning("uitkomst van deze scan niet bewaard voor de volgende (%s)", err)


def forget(folder: Path) -> None:
    """Remove the kept result. A scan with --show-values refreshes the item cache without keeping its own
    result, and detection's cache is not keyed on the register (scanner.cache): after a register change
    the kept result could then be older than the caches it stands for."""
    with contextlib.suppress(FileNotFoundError):
        (folder / KEPT_FILE).unlink()


def _pages(db: sqlite3.Connection, name: str) -> Iterator[tuple[int, int, bytes]]:
    yield from db.execute("SELECT n, count, data FROM page WHERE ledger = ? ORDER BY n", (name,))


def _without_values(pages: Iterator[tuple[int, int, bytes]], types: FindingTypes) -> Iterator[tuple[int, int, bytes]]:
    """The findings' pages with every raw value blanked, their types noted in `types`. A fresh scan's
    findings carry values (the writers show them only with --show-values); the kept result, like the
    caches, never holds one."""
    for n, count, data in pages:
        findings = Ledger.page_entries(data, count)
        types.add(findings)
        if any(f.value for f in findings):
            for f in findings:
                f.value = ""
            data = Ledger.page_of(findings)
        yield n, count, data


def _as_ledger(entries: Any) -> Ledger[Any]:
    return entries if isinstance(entries, Ledger) else Ledger(entries)


__all__ = ["KEPT_FILE", "KeptScan", "Walk", "crawl_digest", "forget"]
