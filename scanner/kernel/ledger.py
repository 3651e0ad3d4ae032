"""A list kept on disk: what a scan of a million files finds must not stay in the scan's memory.

The scan appends every item and finding as it arrives; the reports read them back in pages, in
order, or one by one by position (a violation names its findings by position). The pages live in a
private temporary SQLite database that SQLite deletes when the ledger is closed or dropped; only a
small page cache and the entries not yet written stay in memory.

A page is one pickle stream of many entries (one Pickler per page): pickling and unpickling entry by
entry named the entry's class and repeated every shared string once per entry, which cost a rescan of
88 000 findings about a second per pass over them.
"""

from __future__ import annotations

import copy
import heapq
import io
import pickle
import sqlite3
import threading
from collections.abc import Callable, Container, Iterable, Iterator
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")
PAGE = 2000  # entries written or read at once
CACHE_KB = 8192  # SQLite's page cache for one ledger
HOLD_MAX = 20_000  # entries held in memory for lookups by position (see Ledger.extend)
RUN_CACHE_KB = 512  # for a sorted run, read once from start to end


def scratch_database(cache_kb: int) -> sqlite3.Connection:
    """A private temporary SQLite database on disk ("" as its name), removed when the connection closes:
    nothing in it must survive a crash, so no journal and no syncing."""
    db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
    db.execute(f"PRAGMA cache_size=-{cache_kb}")
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    return db


class Ledger(Generic[T]):
    """An append-only sequence of picklable entries stored on disk. An entry is pickled when it is
    appended, and entries read back are copies: change them before appending, not after. (One object
    appended twice within a page is kept as it was the first time: the page's pickle memo names it.)"""

    def __init__(self, entries: Iterable[T] = (), page: int = PAGE, cache_kb: int = CACHE_KB) -> None:
        self._page = page
        self._cache_kb = cache_kb
        self._db: sqlite3.Connection | None = None
        self._new_page()
        self._stored = 0
        self._kept_chunk: tuple[int, list[T]] | None = None  # see _chunk_of
        self._held: dict[int, T] = {}  # entries the caller will look up by position (see extend)
        self._lock = threading.Lock()  # writers may read from more than one thread
        self.extend(entries)

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = scratch_database(self._cache_kb)
            # one row per chunk: entries n .. n + count - 1 as one pickle stream (a page, or less when read early)
            self._db.execute("CREATE TABLE chunk (n INTEGER PRIMARY KEY, count INTEGER NOT NULL, data BLOB NOT NULL)")
        return self._db

    def append(self, entry: T) -> None:
        """Pickled now (the ledger keeps the entry as it is at this moment), written with its page."""
        self._pickler.dump(entry)
        self._pending += 1
        if self._pending >= self._page:
            with self._lock:
                self._write()

    def extend(self, entries: Iterable[T], hold: Container[int] = ()) -> None:
        """`hold`: positions within `entries` that will be looked up one by one (a violation's findings),
        kept in memory as well: unpickling a whole chunk for one of its entries would cost more than the
        chunks save. At most HOLD_MAX are held, so memory stays bounded on a share with a million
        violations; the rest are read by their chunk."""
        if not hold:  # append() inline: a batch of a table's rows is hundreds of entries
            page = self._page
            for entry in entries:
                self._pickler.dump(entry)
                self._pending += 1
                if self._pending >= page:
                    with self._lock:
                        self._write()
            return
        for k, entry in enumerate(entries):
            self.append(entry)
            if k in hold and len(self._held) < HOLD_MAX:
                self._held[len(self) - 1] = copy.copy(entry)

    def _write(self) -> None:
        if not self._pending:
            return
        db = self._open()
        db.execute("INSERT INTO chunk (n, count, data) VALUES (?, ?, ?)",
                   (self._stored, self._pending, self._buffer.getvalue()))
        self._stored += self._pending
        self._new_page()

    def _new_page(self) -> None:
        """An empty buffer with a Pickler of its own: a fresh memo per chunk."""
        self._buffer = io.BytesIO()
        self._pickler = pickle.Pickler(self._buffer, pickle.HIGHEST_PROTOCOL)
        self._pending = 0  # entries pickled into the buffer, not yet written

    @staticmethod
    def _entries(data: bytes, count: int) -> list[T]:
        load = pickle.Unpickler(io.BytesIO(data)).load
        return [load() for _ in range(count)]

    def __len__(self) -> int:
        return self._stored + self._pending

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[T]:
        end = len(self)
        for start in range(0, end, self._page):
            yield from self._slice(start, min(start + self._page, end))

    def _slice(self, start: int, stop: int) -> list[T]:
        with self._lock:
            self._write()
            assert self._db is not None
            rows = self._db.execute("SELECT n, count, data FROM chunk WHERE n < ? AND n + count > ? ORDER BY n",
                                    (stop, start)).fetchall()
        out: list[T] = []
        for n, count, data in rows:
            entries = self._entries(data, count)
            out.extend(entries[max(start - n, 0):stop - n])
        return out

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return self._slice(start, stop) if start < stop else []
        return copy.copy(self.peek(index))  # a copy: a change to it does not reach the ledger

    def peek(self, index: int) -> T:
        """Entry `index` itself, not a copy: for a caller that only reads it."""
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("ledger index out of range")
        held = self._held.get(i)
        if held is not None:
            return held
        first, entries = self._chunk_of(i)
        return entries[i - first]

    def _chunk_of(self, i: int) -> tuple[int, list[T]]:
        """The entries of the chunk holding entry `i`, the last one kept unpickled: a violation names its
        item's findings, which lie side by side, so the reports look up one chunk many times."""
        kept = self._kept_chunk
        if kept is None or not kept[0] <= i < kept[0] + len(kept[1]):
            with self._lock:
                self._write()
                assert self._db is not None
                n, count, data = self._db.execute("SELECT n, count, data FROM chunk WHERE n <= ? ORDER BY n DESC "
                                                  "LIMIT 1", (i,)).fetchone()
            kept = self._kept_chunk = (n, self._entries(data, count))
        return kept

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Ledger | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Ledger({len(self)} entries)"

    def __reduce__(self) -> tuple[Callable[..., Ledger[T]], tuple[list[T]]]:
        """Pickled or deep-copied as its entries (a copy has a database of its own)."""
        return Ledger, (list(self),)

    def sorted(self, key: Callable[[T], Any], run: int = 50_000) -> Iterator[T]:
        """The entries in `key` order (stable), holding at most `run` of them in memory at once:
        sorted runs go to ledgers of their own and are merged. The merge reads each run in small pages
        (a hundredth of a run) through a small SQLite cache each (a run is read once, in order), so
        the merge holds far fewer entries than a run, however many runs there are."""
        if len(self) <= run:
            yield from sorted(self, key=key)
            return
        runs: list[Ledger[tuple[Any, int, T]]] = []
        page = max(100, run // 100)
        chunk: list[tuple[Any, int, T]] = []
        for i, entry in enumerate(self):
            chunk.append((key(entry), i, entry))
            if len(chunk) >= run:
                runs.append(Ledger(sorted(chunk, key=lambda c: (c[0], c[1])), page=page, cache_kb=RUN_CACHE_KB))
                chunk = []
        if chunk:
            runs.append(Ledger(sorted(chunk, key=lambda c: (c[0], c[1])), page=page, cache_kb=RUN_CACHE_KB))
        for _k, _i, entry in heapq.merge(*runs, key=lambda c: (c[0], c[1])):
            yield entry
        for r in runs:
            r.close()

    def pages(self) -> Iterator[tuple[int, int, bytes]]:
        """(first entry, entries, pickle stream) of every page in order, as stored: what
        scanner.kept_scan copies to keep the ledger past its process without unpickling it."""
        with self._lock:
            self._write()
            db = self._db
        if db is None:
            return
        last = -1
        while True:
            with self._lock:
                rows = db.execute("SELECT n, count, data FROM chunk WHERE n > ? ORDER BY n LIMIT 64",
                                  (last,)).fetchall()
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    @staticmethod
    def page_entries(data: bytes, count: int) -> list[Any]:
        """The entries of one page that `pages` gave."""
        return Ledger._entries(data, count)

    @staticmethod
    def page_of(entries: Iterable[Any]) -> bytes:
        """A page (one pickle stream) of `entries`, as `of_pages` takes it."""
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
        for entry in entries:
            pickler.dump(entry)
        return buffer.getvalue()

    def held(self) -> dict[int, T]:
        """The entries held for lookups by position (see extend)."""
        return dict(self._held)

    @classmethod
    def of_pages(cls, pages: Iterable[tuple[int, int, bytes]], held: dict[int, T] | None = None) -> Ledger[T]:
        """A ledger of the pages another one gave (`pages`, `held`), entries unpickled only when read."""
        ledger: Ledger[T] = cls()
        db = ledger._open()
        db.execute("BEGIN")
        for n, count, data in pages:
            if n != ledger._stored:
                raise ValueError(f"ledger page at {n}, expected {ledger._stored}")
            db.execute("INSERT INTO chunk (n, count, data) VALUES (?, ?, ?)", (n, count, data))
            ledger._stored += count
        db.execute("COMMIT")
        ledger._held = dict(held or {})
        return ledger

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            self._new_page()
            self._stored, self._kept_chunk, self._held = 0, None, {}


__all__ = ["Ledger"]
