"""The state store: one SQLite file per output folder (docs/report-contract.md, "State").

It keeps the audit history, the incremental cache and its resume checkpoints (scanner.cache reads
and writes those) and the FG's decisions and sign-offs (scanner.decisions); every table is defined
here, so the store owns its schema, and each component is registered in `SCHEMA_VERSIONS` so an
older avgscan refuses a store that a newer one changed. The store is a second copy of what a scan
saw, so it holds masked data and keyed hashes only: a violation is stored by an HMAC identity under
a key that is created on first run and kept beside the database, never by a plain hash (a BSN has
too few values to survive a plain hash) and never with a pupil's number or a path that names a
child.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import os
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import UTC
from operator import attrgetter
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    delete,
    event,
    select,
)

from scanner.kernel.errors import AvgscanError
from scanner.kernel.keys import Keyer, violation_identity
from scanner.kernel.messages import os_reason, say
from scanner.kernel.model import AuditRecord, StoredViolation

STATE_FILE = "avgscan-state.sqlite"
KEY_FILE = "avgscan-state.key"
KEY_BYTES = 32
# component -> version this code writes
SCHEMA_VERSIONS = {"history": 1, "cache": 1, "access_log": 1, "decisions": 1, "workspace_users": 1, "outcomes": 1}

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("component", String, primary_key=True),
    Column("version", Integer, nullable=False),
)
store_meta = Table(
    "store_meta", metadata,
    Column("name", String, primary_key=True),
    Column("value", String, nullable=False),
)
audit_table = Table(
    "audits", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String, nullable=False),  # ISO 8601 with UTC offset
    Column("as_of", String, nullable=False),
    Column("tool_version", String, nullable=False),
    Column("items", Integer, nullable=False),
    Column("scanned", Integer, nullable=False),
    Column("unreadable", Integer, nullable=False),
    Column("skipped", Integer, nullable=False),
    Column("findings", Integer, nullable=False),
    Column("violations", Integer, nullable=False),
    Column("open_violations", Integer, nullable=False),  # not accepted, not marked false positive
)
audit_rule_counts = Table(
    "audit_rule_counts", metadata,
    Column("audit_id", Integer, ForeignKey("audits.id", ondelete="CASCADE"), nullable=False),
    Column("rule", String, nullable=False),
    Column("count", Integer, nullable=False),
    PrimaryKeyConstraint("audit_id", "rule"),
)
audit_violations = Table(
    "audit_violations", metadata,
    Column("audit_id", Integer, ForeignKey("audits.id", ondelete="CASCADE"), nullable=False),
    Column("identity", String, nullable=False),  # keyed hash, see StateStore.identity
    Column("rule", String, nullable=False),
    Column("severity", String, nullable=False),
    Column("source", String, nullable=False),  # the source's name from the config, not data
    Column("masked_path", String, nullable=False),
    Column("first_seen", String, nullable=False),
    Column("status", String, nullable=False),  # open / accepted / acceptance-expired / false-positive
    PrimaryKeyConstraint("audit_id", "identity"),
)


value_access_log = Table(
    "value_access_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String, nullable=False),  # ISO 8601 with UTC offset
    Column("user", String, nullable=False),
    Column("host", String, nullable=False),
    Column("command", String, nullable=False),  # the command line, secrets in URLs masked
)

# The incremental cache (scanner.cache) and its resume checkpoints: the store owns every table in it.
item_cache = Table(
    "item_cache", metadata,
    Column("item_key", String, primary_key=True),  # keyed (source, path): paths carry children's names
    Column("fingerprint", String, nullable=False),  # size+mtime or keyed content hash
    Column("scan_fingerprint", String, nullable=False),
    Column("status", String, nullable=False),
    Column("reason", String),
    Column("payload", LargeBinary),
    Column("stored_at", String, nullable=False, default=""),  # ISO date, for `avgscan purge`
)
# What linking and the rules made of each item (scanner.evaluation_cache), under a keyed digest of every
# input that can change it; pupils as keyed numbers, no path.
item_outcomes = Table(
    "item_outcomes", metadata,
    Column("item_key", String, primary_key=True),  # keyed (source, path), as in item_cache
    Column("inputs", String, nullable=False),  # keyed digest: detection result, item, policy, register, date, ...
    Column("pupils", String, nullable=False),  # JSON list of the keyed numbers of the pupils it is linked to
    Column("consents", String, nullable=False),  # keyed digest of those pupils' consent rows
    Column("payload", LargeBinary, nullable=False),
    Column("stored_at", String, nullable=False, default=""),  # ISO date, for `avgscan purge`
)
scan_runs = Table(
    "scan_runs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String, nullable=False),
    Column("finished", Integer, nullable=False, default=0),
)


# The FG's decisions and sign-offs from the workspace (scanner.decisions, `avgscan serve`).
decision_log = Table(
    "decisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("identity", String, nullable=False, index=True),  # the violation's keyed identity
    Column("kind", String, nullable=False),  # one of STATUS_KINDS or ASSIGN_KINDS
    Column("reason", String, nullable=False, default=""),  # why, or for 'handled': what was done
    Column("owner", String),  # who owns an accepted risk
    Column("expires", String),  # ISO date an acceptance runs out
    Column("assignee", String),
    Column("due", String),  # ISO date
    Column("decided_by", String, nullable=False),  # the workspace user (or the triage file's name)
    Column("decided_at", String, nullable=False),  # ISO 8601 with UTC offset
    Column("origin", String, nullable=False, default="werkplek"),  # 'werkplek' or 'import'
)
signoffs = Table(
    "audit_signoffs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("audit_id", Integer, nullable=False, index=True),  # audits.id; kept when the audit is purged
    Column("signed_by", String, nullable=False),
    Column("signed_at", String, nullable=False),
    Column("statement", String, nullable=False),
    Column("report_sha256", String, nullable=False),  # the report.json that was signed
)


class StateError(AvgscanError):
    """The state store cannot be used (made by a newer avgscan, wrong key, unreadable)."""


def mask_path(path: str, keep_top: bool = True) -> str:
    """Keep the top folder (usually the role: Dossiers, Gedeeld) and the file type; hide names.

    Folder and file names often carry a child's name ('Vries, Sanne de (1001)/OPP.docx'), so the
    store keeps 'Dossiers/V…/O….docx'; the identity links it back to the full path in the report.
    File names and archive members are always masked, even at the top.
    """
    container, sep, member = path.partition("!/")
    if sep:
        return f"{mask_path(container, keep_top)}!/{mask_path(member, keep_top=False)}"
    if path.startswith("table:"):
        return path.partition("#")[0] + "#…"
    parts = path.split("/")
    return "/".join(part if n == 0 and keep_top and len(parts) > 1 else _mask_name(part)
                    for n, part in enumerate(parts))


def _mask_name(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    if dot and stem and re.fullmatch(r"[A-Za-z0-9]{1,5}", ext):
        return f"{stem[:1]}….{ext}"
    return name[:1] + "…" if name else ""


def _private_file(path: Path, create: bool) -> None:
    """Create `path` readable by the owner only, or tighten an existing one."""
    if create and not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


def _load_or_create_key(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        key = path.read_bytes()
        if len(key) != KEY_BYTES:
            raise StateError(f"{path}: " + say(f"geen avgscan-sleutel ({len(key)} bytes in plaats van {KEY_BYTES})",
                                               f"not an avgscan key ({len(key)} bytes instead of {KEY_BYTES})")
                             ) from None
        _private_file(path, create=False)
        return key
    key = secrets.token_bytes(KEY_BYTES)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def _sqlite_foreign_keys(dbapi_connection, _record) -> None:  # noqa: ANN001
    dbapi_connection.execute("PRAGMA foreign_keys=ON")


class StateStore:
    """The output folder's state: `avgscan-state.sqlite` and its key `avgscan-state.key` (both 0600)."""

    def __init__(self, out_dir: Path, engine: Engine, key: bytes) -> None:
        self.out_dir = out_dir
        self.path = out_dir / STATE_FILE
        self.engine = engine
        self._key = key

    @classmethod
    def open(cls, out_dir: Path, create: bool = True) -> StateStore | None:
        """Open (and on first run create) the store; None when `create` is off and there is none."""
        db, key_file = out_dir / STATE_FILE, out_dir / KEY_FILE
        if not create and not db.exists():
            return None
        if db.exists() and not key_file.exists():
            raise StateError(f"{key_file}: " + say(
                f"de sleutel van {db} ontbreekt; zonder sleutel zijn eerdere audits niet te vergelijken (verplaats "
                "de historie om opnieuw te beginnen)", f"the key of {db} is missing; without it earlier audits "
                "cannot be compared (move the store away to start a new history)"))
        try:
            out_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(out_dir, 0o700)  # the folder holds reports about children: the owner only
            _private_file(db, create=True)
            key = _load_or_create_key(key_file)
        except OSError as err:
            raise StateError(f"{out_dir}: " + say("kan de historie (avgscan-state) niet aanmaken",
                                                  "cannot create the state store") + f" ({os_reason(err)})") from None
        engine = create_engine(f"sqlite:///{db}")
        event.listen(engine, "connect", _sqlite_foreign_keys)
        store = cls(out_dir, engine, key)
        try:
            store._migrate()
        except Exception:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def keyer(self) -> Keyer:
        """Keyed hashes for linking and the cache, under this store's key (stable across scans)."""
        return Keyer(self._key)

    def identity(self, *parts: str) -> str:
        """A stable, keyed identity for a violation: HMAC-SHA256(key, 'rule|source|path|leerlingnummer').

        Shortened to 16 hex digits (64 bits) so the FG can copy it into the triage file; the key keeps
        it from being reversed or recomputed by anyone who only has a report.
        """
        return violation_identity(self._key, *parts)

    def identity_key_changed(self, key: bytes) -> bool:
        """True when earlier audits made their violation IDs with another key (before organisation
        keys: this folder's own key), so that the caller can translate their IDs once instead of
        calling everything new. Read only: `record_identity_key` writes it with the audit."""
        with self.engine.connect() as conn:
            old = conn.execute(select(store_meta.c.value).where(store_meta.c.name == "identity_key_check")).scalar()
            if old == _identity_check(key):
                return False
            return conn.execute(select(audit_table.c.id).limit(1)).first() is not None

    def record_identity_key(self, key: bytes, conn: Connection) -> None:
        """Record which key this audit's IDs are made with, in the audit's own transaction: a scan whose
        reports could not be written changes nothing, so the next one still translates the old IDs."""
        check = _identity_check(key)
        old = conn.execute(select(store_meta.c.value).where(store_meta.c.name == "identity_key_check")).scalar()
        if old is None:
            conn.execute(store_meta.insert().values(name="identity_key_check", value=check))
        elif old != check:
            conn.execute(store_meta.update().where(store_meta.c.name == "identity_key_check").values(value=check))

    def _key_check(self) -> str:
        return hmac.new(self._key, b"avgscan-state-key-check", hashlib.sha256).hexdigest()[:16]

    def _migrate(self) -> None:
        """Create missing tables, record schema versions, and refuse a store from a newer avgscan or another key."""
        metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            known = dict(conn.execute(select(schema_version.c.component, schema_version.c.version)).all())
            for component, version in SCHEMA_VERSIONS.items():
                if component not in known:
                    conn.execute(schema_version.insert().values(component=component, version=version))
                elif known[component] > version:
                    raise StateError(f"{self.path}: " + say(
                        f"{component} schemaversie {known[component]} is geschreven door een nieuwere avgscan (deze "
                        f"kent {version}); installeer de nieuwste versie", f"{component} schema version "
                        f"{known[component]} was written by a newer avgscan (this one knows {version})"))
            check = conn.execute(select(store_meta.c.value).where(store_meta.c.name == "key_check")).scalar()
            if check is None:
                conn.execute(store_meta.insert().values(name="key_check", value=self._key_check()))
            elif check != self._key_check():
                raise StateError(f"{self.out_dir / KEY_FILE}: " + say(f"deze sleutel hoort niet bij {self.path}",
                                                                      f"this key does not belong to {self.path}"))

    def record_audit(self, audit: AuditRecord, violations: Iterable[StoredViolation],
                     conn: Connection | None = None) -> int:
        """Store one scan and its violations; returns the audit's id.

        With `conn` (a connection in an open transaction) the audit becomes part of the history
        only when the caller commits: after every report file exists.
        """
        values = {k: v for k, v in vars(audit).items() if k not in ("rule_counts", "id")}
        with (contextlib.nullcontext(conn) if conn is not None else self.engine.begin()) as conn:
            audit_id = int(conn.execute(audit_table.insert().values(**values)).inserted_primary_key[0])
            if audit.rule_counts:
                conn.execute(audit_rule_counts.insert(), [{"audit_id": audit_id, "rule": r, "count": n}
                                                          for r, n in audit.rule_counts.items()])
            # as tuples straight to the driver: a parameter dict per violation through SQLAlchemy's
            # executemany was a twentieth of an unchanged rescan of an open share (one row per file)
            names = [f.name for f in fields(StoredViolation)]
            values = attrgetter(*names)
            sql = (f"INSERT INTO audit_violations (audit_id, {', '.join(names)}) "
                   f"VALUES ({', '.join('?' * (len(names) + 1))})")
            rows = ((audit_id, *values(v)) for v in violations)
            while batch := list(itertools.islice(rows, 5000)):  # a report's violations may not fit in memory
                conn.exec_driver_sql(sql, batch)
        audit.id = audit_id
        return audit_id

    def audits(self, conn: Connection | None = None) -> list[AuditRecord]:
        """Every audit, oldest first, with its counts per rule (with `conn`: as that transaction sees them)."""
        with (contextlib.nullcontext(conn) if conn is not None else self.engine.connect()) as conn:
            counts: dict[int, dict[str, int]] = {}
            for audit_id, rule, n in conn.execute(select(audit_rule_counts)):
                counts.setdefault(audit_id, {})[rule] = n
            rows = conn.execute(select(audit_table).order_by(audit_table.c.id)).mappings().all()
        return [AuditRecord(**dict(r), rule_counts=counts.get(r["id"], {})) for r in rows]

    def latest_audit(self) -> AuditRecord | None:
        found = self.audits()
        return found[-1] if found else None

    def log_value_access(self, command: list[str], user: str | None = None) -> None:
        """Every run that writes raw values (--show-values) is logged: who, when, with what command.
        The workspace logs a revealed value the same way, with its own user and the reason given."""
        import getpass
        import socket
        from datetime import datetime

        from scanner.kernel.redact import safe_url

        line = " ".join(safe_url(arg) if "://" in arg else arg for arg in command)
        with self.engine.begin() as conn:
            conn.execute(value_access_log.insert().values(
                at=datetime.now(UTC).isoformat(timespec="seconds"), user=user or getpass.getuser(),
                host=socket.gethostname(), command=line))

    def value_accesses(self) -> list[dict[str, str]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(value_access_log).order_by(value_access_log.c.id)).mappings()]

    def purge_audits(self, before_iso: str) -> int:
        """Delete audits started before `before_iso` (their violations go with them)."""
        with self.engine.begin() as conn:
            return conn.execute(audit_table.delete().where(audit_table.c.started_at < before_iso)).rowcount

    def violations_of(self, audit_id: int) -> dict[str, StoredViolation]:
        """The violations of one audit by identity (rows as tuples in the dataclass's field order: a rescan
        reads the previous audit's, one per violation of an open share)."""
        cols = [audit_violations.c[f.name] for f in fields(StoredViolation)]
        with self.engine.connect() as conn:
            rows = conn.execute(select(*cols).where(audit_violations.c.audit_id == audit_id))
            return {r[0]: StoredViolation(*r) for r in rows}


class PreviousAudit:
    """An audit's violations, asked one identity at a time, and at the end those not asked for (resolved
    since). The review held them all in dicts: on a rescan of a million open files that was 700 MB, the
    peak of the run. Each is now a point query on (audit, identity), and the identities asked for go to a
    temporary table of the same connection. With `aliases` (a folder's old IDs -> the organisation's, once
    when a folder moves to the organisation's key) they are read whole, as before.

    A rescan finds most violations again in the order the previous audit stored them (the rules judge
    the items in crawl order), and a point query per violation jumped through the whole history file (a
    100 000-violation rescan: two seconds, a sixth of it). So the audit is also read ahead in its own
    order, a batch at a time: a violation found there costs no query and is not noted as asked, a hit in
    the newest batch reads the next one, at most AHEAD_BATCHES are held, and the rows a batch let go
    unasked are noted instead (in a rescan that finds everything again: none). Anything else (new, moved,
    reordered) is the point query it was."""

    SEEN_BATCH = 5000
    AHEAD = 1000  # rows of the previous audit read ahead at once
    AHEAD_BATCHES = 2

    def __init__(self, store: StateStore, audit_id: int | None, aliases: dict[str, str]) -> None:
        self._raw: Any = None
        self._whole: dict[str, StoredViolation] | None = None
        self._audit, self._asked = audit_id, set[str]()
        self._pending: list[tuple[str]] = []  # identities asked by a query, not yet in temp.asked
        self._unasked: list[tuple[int]] = []  # rowids read ahead and let go unasked, not yet in temp.unasked
        self._ahead: dict[str, tuple[int, int, tuple[Any, ...]]] = {}  # identity -> (batch, rowid, row)
        self._batches: list[tuple[int, list[str]]] = []  # (batch number, its identities), oldest first
        self._read_to = -1  # the last rowid read ahead (rows after it were never read ahead)
        self._more = False  # whether the audit has rows after _read_to
        self._columns = ", ".join(f.name for f in fields(StoredViolation))
        if audit_id is None:
            self._whole = {}
        elif aliases:
            self._whole = {aliases.get(k, k): v for k, v in store.violations_of(audit_id).items()}
        else:
            self._raw = store.engine.raw_connection()
            self._cur = self._raw.cursor()
            for table, column in (("asked", "identity TEXT"), ("unasked", "row INTEGER")):
                self._cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table} ({column} PRIMARY KEY)")
                self._cur.execute(f"DELETE FROM temp.{table}")
            first = self._cur.execute("SELECT min(rowid) FROM audit_violations WHERE audit_id = ?",
                                      (audit_id,)).fetchone()[0]
            if first is not None:
                self._read_to, self._more = first - 1, True
                self._read_ahead()

    def get(self, identity: str) -> StoredViolation | None:
        """The previous audit's violation with this identity (None: new); remembered as asked for."""
        if self._whole is not None:
            self._asked.add(identity)
            return self._whole.get(identity)
        ahead = self._ahead.pop(identity, None)
        if ahead is not None:
            if ahead[0] == self._batches[-1][0]:
                self._read_ahead()
            return StoredViolation(*ahead[2])
        self._pending.append((identity,))
        if len(self._pending) >= self.SEEN_BATCH:
            self._flush()
        row = self._cur.execute(f"SELECT {self._columns} FROM audit_violations WHERE audit_id = ? AND identity = ?",
                                (self._audit, identity)).fetchone()
        return StoredViolation(*row) if row is not None else None

    def _read_ahead(self) -> None:
        """The next batch of the audit in the order it was stored (its rows lie side by side: one insert);
        `+audit_id` keeps SQLite on the rowid range instead of the (audit, identity) index."""
        if not self._more:
            return
        rows = self._cur.execute(f"SELECT rowid, {self._columns} FROM audit_violations WHERE +audit_id = ? AND "
                                 "rowid > ? ORDER BY rowid LIMIT ?", (self._audit, self._read_to, self.AHEAD))
        rows = rows.fetchall()
        self._more = len(rows) == self.AHEAD
        if rows:
            self._read_to = rows[-1][0]
        number = self._batches[-1][0] + 1 if self._batches else 0
        self._batches.append((number, [r[1] for r in rows]))
        self._ahead.update((r[1], (number, r[0], r[1:])) for r in rows)
        while len(self._batches) > self.AHEAD_BATCHES:
            self._let_go(self._batches.pop(0)[1])

    def _let_go(self, identities: list[str]) -> None:
        for identity in identities:
            entry = self._ahead.pop(identity, None)
            if entry is not None:
                self._unasked.append((entry[1],))
        if len(self._unasked) >= self.SEEN_BATCH:
            self._flush()

    def _flush(self) -> None:
        self._cur.executemany("INSERT OR IGNORE INTO temp.asked VALUES (?)", self._pending)
        self._cur.executemany("INSERT OR IGNORE INTO temp.unasked VALUES (?)", self._unasked)
        self._raw.commit()  # holds no lock on the store between batches
        self._pending, self._unasked = [], []

    def not_asked(self) -> list[StoredViolation]:
        """The previous audit's violations whose identity was never asked for, in the order the audit
        lists them (as StateStore.violations_of reads them: by identity)."""
        if self._whole is not None:
            return [v for k, v in self._whole.items() if k not in self._asked]
        while self._batches:
            self._let_go(self._batches.pop(0)[1])
        self._flush()
        rows = self._cur.execute(
            f"SELECT {self._columns} FROM audit_violations WHERE audit_id = ? AND (rowid > ? OR rowid IN "
            "(SELECT row FROM temp.unasked)) AND identity NOT IN (SELECT identity FROM temp.asked) ORDER BY identity",
            (self._audit, self._read_to)).fetchall()
        return [StoredViolation(*r) for r in rows]

    def close(self) -> None:
        if self._raw is not None:
            self._cur.execute("DROP TABLE IF EXISTS temp.asked")
            self._cur.execute("DROP TABLE IF EXISTS temp.unasked")
            self._raw.commit()
            self._cur.close()
            self._raw.close()
            self._raw = None


__all__ = ["AuditRecord", "PendingRows", "PreviousAudit", "StateError", "StateStore", "StoredViolation", "item_cache",
           "item_outcomes", "mask_path", "metadata", "replace_items", "scan_runs"]


@dataclass
class PendingRows:
    """Per-item rows of a cache on their way to the state store: written in one transaction once there are `most`
    of them, or `most_bytes` of them, or `seconds` have passed since the last write, and at the end (`write`).

    Why both (session 38): an interrupted scan resumes from what was written, so rows should not wait long; but
    every transaction is a commit the disk must confirm, and a write every 50 items made the commits of a
    10 000-item first scan about a second of the parent's time. Half a second of work lost at an interruption
    costs less than that, and two commits a second cost next to nothing."""

    table: Table
    most: int = 1000
    seconds: float = 0.5
    most_bytes: int = 8 << 20
    rows: list[dict[str, object]] = field(default_factory=list)
    written: float = field(default_factory=time.monotonic)
    size: int = 0  # bytes of the rows' texts and payloads: a large sheet's findings make a payload of megabytes

    def add(self, store: StateStore, row: dict[str, object]) -> None:
        self.rows.append(row)
        self.size += sum(len(v) for v in row.values() if isinstance(v, bytes | str))
        if len(self.rows) >= self.most or self.size >= self.most_bytes \
                or time.monotonic() - self.written >= self.seconds:
            self.write(store)

    def write(self, store: StateStore) -> None:
        if self.rows:
            replace_items(store, self.table, self.rows)
            self.rows, self.size = [], 0
        self.written = time.monotonic()


def replace_items(store: StateStore, table: Table, rows: list[dict[str, object]]) -> None:
    """Write per-item rows (the cache's, the kept outcomes') in one transaction; an item's earlier row goes."""
    keys = [r["item_key"] for r in rows]
    with store.engine.begin() as conn:
        conn.execute(delete(table).where(table.c.item_key.in_(keys)))
        conn.execute(table.insert(), rows)


def _identity_check(key: bytes) -> str:
    return hmac.new(key, b"avgscan-identity-key-check", hashlib.sha256).hexdigest()[:16]
