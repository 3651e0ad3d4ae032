"""The incremental cache: what detection learned about each unchanged item, kept in the state store.

A rescan of the same sources into the same output folder reuses an item's cached detection when the
item is unchanged (a file's size and modification time; a database row's keyed content hash) and
the scan's detection fingerprint is the same (avgscan version, recognizer registry, lexicon, NLP
model, the organisation's own addresses, the legal-hold terms). Linking and the rules run again only
for items whose inputs changed (scanner.evaluation_cache keeps their outcome beside this cache,
under the digest this cache gives each item's detection result). The cache holds masked evidence and
keyed hashes only (no raw value), so re-linking after a register change needs no raw values either.

The cache is written as the scan goes (in batches), so it is also the checkpoint a killed scan
resumes from: finished items are not read again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from config import CONFIG_DIR
from scanner import __version__
from scanner.config import ScanConfig
from scanner.kernel.keys import Keyer
from scanner.kernel.model import ChildCandidate, Detected, Finding, Item, RowKeys
from scanner.state import PendingRows, StateStore, item_cache, scan_runs


def scan_fingerprint(cfg: ScanConfig, nlp_dir: Path | None = None) -> str:
    """Everything that changes what detection finds; a change invalidates the whole cache."""
    h = hashlib.sha256(__version__.encode())
    for path in sorted([*CONFIG_DIR.glob("*.yaml"), *CONFIG_DIR.glob("lexicons/*"), *CONFIG_DIR.glob("nlp/*.yaml")]):
        h.update(path.name.encode() + path.read_bytes())
    model = nlp_dir or CONFIG_DIR / "nlp" / "nl_school"
    for name in ("meta.json", "config.cfg"):
        if (model / name).exists():
            h.update((model / name).read_bytes())
    org = cfg.organisation
    h.update(json.dumps([org.addresses, org.name, org.schools, cfg.policy.retention.legal_hold, cfg.nlp]).encode())
    return h.hexdigest()


def item_fingerprint(item: Item, keyed: str | None = None) -> str:
    """What tells a rescan that the item is unchanged: the keyed fingerprint the source supplied
    (Item.fingerprint: an eTag or content hash) or of a row's content, else size and modification time."""
    if keyed:
        return keyed
    return f"{item.size}:{item.modified.timestamp() if item.modified else ''}"


def _fields(obj: Any) -> dict[str, Any]:
    """A flat dataclass's fields (plain values and lists of strings) as a dict: what asdict gives,
    without its deep copy of every value (that copy was a tenth of a scan's parent process)."""
    return {name: getattr(obj, name) for name in _field_names(type(obj))}


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def encode(detected: Detected | None) -> bytes | None:
    """The item's detection result as the cache keeps it: never a raw value, never a path."""
    if detected is None:
        return None
    data = {
        # never a raw value in the store; paths carry children's names
        "findings": [{**_fields(f), "value": "", "path": ""} for f in detected.findings],
        "ref_key": detected.ref_key,
        "rows": {key: _fields(row) for key, row in detected.rows.items()},
        "candidates": [_fields(c) for c in detected.candidates],
        "share_dates": [[day.isoformat() if day else None, source] for day, source in detected.share_dates],
        "legal_hold": detected.legal_hold,
    }
    return json.dumps(data, separators=(",", ":")).encode()


def _digest(status: str, reason: str | None, payload: bytes | None) -> str:
    """What detection made of the item, as a digest: the same payload decodes to the same Detected."""
    h = hashlib.sha256(f"{status}\x00{reason}\x00".encode())
    h.update(payload or b"")
    return h.hexdigest()


def _decode(blob: bytes | None) -> Detected | None:
    if blob is None:
        return None
    data: dict[str, Any] = json.loads(blob)
    return Detected(
        findings=[Finding(**f) for f in data["findings"]], ref_key=data["ref_key"],
        rows={k: RowKeys(**v) for k, v in data["rows"].items()},
        candidates=[ChildCandidate(**c) for c in data["candidates"]],
        share_dates=[(date.fromisoformat(day) if day else None, source) for day, source in data["share_dates"]],
        legal_hold=data["legal_hold"])


class ItemCache:
    def __init__(self, store: StateStore, fingerprint: str, read: bool) -> None:
        self.store, self.fingerprint, self.read_enabled = store, fingerprint, read
        self.keyer: Keyer = store.keyer()
        self.pending = PendingRows(item_cache)
        self._raw: Any = None
        self.hits = self.misses = 0
        # item key -> digest of its detection result, until scanner.evaluation_cache asks for it
        self.digests: dict[str, str] = {}
        with store.engine.begin() as conn:
            last = conn.execute(select(scan_runs.c.finished).order_by(scan_runs.c.id.desc()).limit(1)).scalar()
            self.resumes_interrupted = last == 0  # the previous scan into this folder was killed half-way
            self.run_id = int(conn.execute(scan_runs.insert().values(
                started_at=date.today().isoformat(), finished=0)).inserted_primary_key[0])
            # whether there is anything to look up: a first scan asks nothing per item
            self.empty = not read or conn.execute(
                select(item_cache.c.item_key).where(item_cache.c.scan_fingerprint == fingerprint).limit(1)
            ).first() is None

    def item_key(self, item: Item) -> str:
        return self.keyer.of("item", f"{item.source}\x00{item.path}")

    def _entry(self, key: str) -> tuple[str, str, str | None, bytes | None] | None:
        """(fingerprint, status, reason, payload) kept for `key` under this scan's fingerprint: one point
        query on the key through a plain DB-API cursor. Every fingerprint was read into a dict at the start
        once; with the evaluation cache's outcomes that held 1.2 GB on a rescan of a million files."""
        if self.empty:
            return None
        if self._raw is None:
            self._raw = self.store.engine.raw_connection()
        cur = self._raw.cursor()
        cur.execute("SELECT fingerprint, status, reason, payload FROM item_cache WHERE item_key = ? "
                    "AND scan_fingerprint = ?", (key, self.fingerprint))
        row = cur.fetchone()
        cur.close()
        return row  # type: ignore[no-any-return]

    def holds(self, key: str) -> bool:
        """Whether an entry is kept for `key` (under any file fingerprint)."""
        return self.read_enabled and self._entry(key) is not None

    def lookup(self, item: Item, fingerprint: str) -> tuple[bool, Detected | None]:
        """(hit, detected): a hit with None means the item was unreadable last time, unchanged since."""
        key = self.item_key(item)
        row = self._entry(key) if self.read_enabled else None
        if row is None or row[0] != fingerprint:
            self.misses += 1
            return False, None
        self.hits += 1
        _, status, reason, payload = row
        self.digests[key] = _digest(status, reason, payload)
        if status != "scanned":
            item.status, item.reason = status, reason
        return True, _decode(payload)

    def store_item(self, item: Item, fingerprint: str, detected: Detected | None) -> bytes | None:
        """Kept for the next scan; returns the encoded result (None for a skipped item: nothing kept)."""
        if item.status == "skipped":
            return None
        payload = detected.encoded if detected is not None and detected.encoded is not None else encode(detected)
        self.store_payload(item, fingerprint, payload)
        return payload

    def store_payload(self, item: Item, fingerprint: str, payload: bytes | None) -> None:
        """store_item with the detection result encoded already: the columnar table path's rows share one."""
        key = self.item_key(item)
        self.digests[key] = _digest(item.status, item.reason, payload)
        self.pending.add(self.store, {"item_key": key, "fingerprint": fingerprint,
                                      "scan_fingerprint": self.fingerprint, "status": item.status,
                                      "reason": item.reason, "payload": payload, "stored_at": date.today().isoformat()})

    def flush(self) -> None:
        self.pending.write(self.store)

    def finish(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        self.flush()
        with self.store.engine.begin() as conn:
            conn.execute(scan_runs.update().where(scan_runs.c.id == self.run_id).values(finished=1))

    @staticmethod
    def purge(store: StateStore, before: date) -> int:
        with store.engine.begin() as conn:
            return conn.execute(delete(item_cache).where(item_cache.c.stored_at < before.isoformat())).rowcount

