"""Whose data each item holds, kept on disk: a share of a million files has a million linked items.

The scan adds an item's pupil links as it lets go of the item; the writers look them up item by
item as they stream the item list (report.json, the workbook's coverage sheet). Like the ledger,
the links live in a private temporary SQLite database that SQLite deletes when the index is closed
or dropped; only the links not yet written and SQLite's small page cache stay in memory.

The scan writes first and the writers read after, so the places are indexed once, at the first
read, not row by row as they are written (a million links: 2.75 s with the index kept up to date on
every insert; 2.1 s, and 0.5 s to index them at the first read). A place set again in another batch
is a second row until then; the first read keeps the last one.

Items share their links: the rows of a table copied from one row (scanner.columnar), a pupil's dossier.
Each distinct pickled list is stored once and a place names it by number (a million rows of a table:
0.57 s instead of 0.96 s to write; the blob was most of each row's bytes).
"""

from __future__ import annotations

import pickle
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice

from scanner.kernel.ledger import scratch_database

Place = tuple[str, str]  # (source, path)
Links = list[tuple[str, bool]]  # (leerlingnummer, ambiguous)
BATCH = 2000  # links written at once
CACHE_KB = 2048
SHARED_MAX = 100_000  # distinct pickled lists remembered by their number; then the memory starts over


class SubjectIndex(Mapping[Place, Links]):
    """(source, path) -> the item's (leerlingnummer, ambiguous) links, read-only once written. Links read
    back are copies."""

    def __init__(self, links: Mapping[Place, Links] | None = None) -> None:
        self._db: sqlite3.Connection | None = None
        self._pending: dict[str, bytes] = {}
        self._stored: int | None = 0  # None: written since last counted (counting every batch was quadratic)
        self._indexed = False  # the places' index, made at the first read (see the module docstring)
        self._shared: dict[bytes, int] = {}  # pickled links -> their number in the `links` table
        self._lock = threading.Lock()  # writers may read from more than one thread
        for place, found in (links or {}).items():
            self[place] = found

    @staticmethod
    def _key(place: Place) -> str:
        return f"{place[0]}\x00{place[1]}"

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = scratch_database(CACHE_KB)
            self._db.execute("CREATE TABLE link (n INTEGER PRIMARY KEY, place TEXT NOT NULL, data INTEGER NOT NULL)")
            self._db.execute("CREATE TABLE links (id INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        return self._db

    def __setitem__(self, place: Place, links: Links) -> None:
        """An item's links (the scan meets each item once; set again, the last links count)."""
        self.set_pickled(place, pickle.dumps(links, pickle.HIGHEST_PROTOCOL))

    def set_pickled(self, place: Place, data: bytes) -> None:
        """An item's links pickled already: the rows a table's copies share pickle them once
        (scanner.columnar.RowResult.links), not once per row."""
        self._pending[self._key(place)] = data
        if len(self._pending) >= BATCH:
            with self._lock:
                self._write()

    def set_pickled_many(self, entries: Iterable[tuple[Place, bytes]]) -> None:
        """set_pickled for many items at once (a batch of a table's copied rows, scanner.kernel.model.CopiedRows)."""
        pending = self._pending
        pending.update((f"{place[0]}\x00{place[1]}", data) for place, data in entries)  # _key's
        if len(pending) >= BATCH:
            with self._lock:
                self._write()

    def _write(self) -> None:
        if not self._pending:
            return
        db = self._open()
        db.execute("BEGIN")
        if self._indexed:  # written after it was read: the place's earlier row goes
            db.executemany("DELETE FROM link WHERE place = ?", ((k,) for k in self._pending))
        self._insert(db, list(self._pending), list(self._pending.values()))
        db.execute("COMMIT")
        self._stored = None
        self._pending = {}

    def _insert(self, db: sqlite3.Connection, keys: list[str], data: list[bytes]) -> None:
        """The places' rows, each naming its pickled links by number; a list not stored yet is stored first."""
        shared = self._shared
        numbers = list(map(shared.get, data))
        if None in numbers:
            for k, (pickled, number) in enumerate(zip(data, numbers, strict=True)):
                if number is None:
                    number = shared.get(pickled)
                    if number is None:
                        if len(shared) >= SHARED_MAX:
                            shared.clear()
                        number = shared[pickled] = db.execute("INSERT INTO links (data) VALUES (?)",
                                                              (pickled,)).lastrowid
                    numbers[k] = number
        db.executemany("INSERT INTO link (place, data) VALUES (?, ?)", zip(keys, numbers, strict=True))

    def _readable(self) -> sqlite3.Connection | None:
        """The database with every link written and the places indexed, each place once (call with the
        lock held); None when nothing was ever written."""
        self._write()
        db = self._db
        if db is not None and not self._indexed:
            # not a unique index: without a journal a failed CREATE UNIQUE INDEX leaves the schema broken
            db.execute("CREATE INDEX link_place ON link (place)")
            if db.execute("SELECT 1 FROM link GROUP BY place HAVING count(*) > 1 LIMIT 1").fetchone():
                # a place set again in a later batch: its last row counts
                db.execute("DELETE FROM link WHERE n NOT IN (SELECT max(n) FROM link GROUP BY place)")
            self._indexed, self._stored = True, None
        return db

    def _stored_data(self, key: str) -> bytes | None:
        with self._lock:
            db = self._readable()
            if db is None:  # nothing written yet
                return None
            row = db.execute("SELECT links.data FROM link JOIN links ON links.id = link.data WHERE place = ?",
                             (key,)).fetchone()
        return row[0] if row else None

    def __getitem__(self, place: Place) -> Links:
        key = self._key(place)
        data = self._pending.get(key)
        if data is None:
            data = self._stored_data(key)
        if data is None:
            raise KeyError(place)
        return pickle.loads(data)

    def __len__(self) -> int:
        with self._lock:
            db = self._readable()
            if self._stored is None:
                assert db is not None
                self._stored = db.execute("SELECT count(*) FROM link").fetchone()[0]
        return self._stored

    def __iter__(self) -> Iterator[Place]:
        for key, _ in self._entries():
            source, _, path = key.partition("\x00")
            yield source, path

    def items(self) -> Iterator[tuple[Place, Links]]:  # type: ignore[override]
        """In the order the items were added; one pass over the database, not a lookup per item."""
        for key, data in self._entries():
            source, _, path = key.partition("\x00")
            yield (source, path), pickle.loads(data)

    def stored(self) -> Iterator[tuple[str, bytes]]:
        """(place key, pickled links) of every item in order, as stored (scanner.kept_scan copies them)."""
        return self._entries()

    @classmethod
    def of_stored(cls, rows: Iterable[tuple[str, bytes]]) -> SubjectIndex:
        """An index of the rows another one gave (`stored`)."""
        index = cls()
        db = index._open()
        db.execute("BEGIN")
        it = iter(rows)
        while batch := list(islice(it, BATCH)):
            index._insert(db, [key for key, _ in batch], [data for _, data in batch])
        db.execute("COMMIT")
        index._stored = None
        return index

    def _entries(self) -> Iterator[tuple[str, bytes]]:
        with self._lock:
            self._readable()
        last = 0
        while self._db is not None:
            with self._lock:
                rows = self._db.execute("SELECT n, place, links.data FROM link JOIN links ON links.id = link.data "
                                        "WHERE n > ? ORDER BY n LIMIT ?", (last, BATCH)).fetchall()
            if not rows:
                return
            for n, key, data in rows:
                last = n
                yield key, data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return len(self) == len(other) and all(other.get(k) == v for k, v in self.items())
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SubjectIndex({len(self)} items)"

    def __reduce__(self) -> tuple[Callable[..., SubjectIndex], tuple[dict[Place, Links]]]:
        """Pickled or deep-copied as a dict of its links (a copy has a database of its own)."""
        return SubjectIndex, (dict(self.items()),)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            self._pending, self._stored, self._shared = {}, 0, {}


__all__ = ["SubjectIndex"]
