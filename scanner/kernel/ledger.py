"""A list kept on disk: what a scan of a million files finds must not stay in the scan's memory.

The scan appends every item and finding as it arrives; the reports read them back in pages, in
order, or one by one by position (a violation names its findings by position). The pages live in a
private temporary SQLite database that SQLite deletes when the ledger is closed or dropped; only a
small page cache and the entries not yet written stay in memory.
"""

from __future__ import annotations

import heapq
import pickle
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")
PAGE = 2000  # entries written or read at once
CACHE_KB = 8192  # SQLite's page cache for one ledger
RUN_CACHE_KB = 512  # for a sorted run, read once from start to end


class Ledger(Generic[T]):
    """An append-only sequence of picklable entries stored on disk. Entries read back are copies:
    change them before appending, not after."""

    def __init__(self, entries: Iterable[T] = (), page: int = PAGE, cache_kb: int = CACHE_KB) -> None:
        self._page = page
        self._cache_kb = cache_kb
        self._db: sqlite3.Connection | None = None
        self._pending: list[bytes] = []
        self._stored = 0
        self._kept_page: tuple[tuple[int, int], list[bytes]] | None = None  # see _page_of
        self._lock = threading.Lock()  # writers may read from more than one thread
        self.extend(entries)

    def _open(self) -> sqlite3.Connection:
        if self._db is None:
            # "": a private temporary database on disk, removed when the connection closes
            self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
            self._db.execute(f"PRAGMA cache_size=-{self._cache_kb}")
            self._db.execute("PRAGMA journal_mode=OFF")
            self._db.execute("PRAGMA synchronous=OFF")
            self._db.execute("CREATE TABLE entry (n INTEGER PRIMARY KEY, data BLOB NOT NULL)")
        return self._db

    def append(self, entry: T) -> None:
        self._pending.append(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))
        if len(self._pending) >= self._page:
            with self._lock:
                self._write()

    def extend(self, entries: Iterable[T]) -> None:
        for entry in entries:
            self.append(entry)

    def _write(self) -> None:
        if not self._pending:
            return
        db = self._open()
        start = self._stored
        db.execute("BEGIN")
        db.executemany("INSERT INTO entry (n, data) VALUES (?, ?)",
                       ((start + i, data) for i, data in enumerate(self._pending)))
        db.execute("COMMIT")
        self._stored += len(self._pending)
        self._pending = []

    def __len__(self) -> int:
        return self._stored + len(self._pending)

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
            rows = self._db.execute("SELECT data FROM entry WHERE n >= ? AND n < ? ORDER BY n", (start, stop))
            return [pickle.loads(data) for (data,) in rows]

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
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError("ledger index out of range")
        return pickle.loads(self._page_of(i, n)[i % self._page])

    def _page_of(self, i: int, n: int) -> list[bytes]:
        """The stored bytes of the page holding entry `i`, the last one kept: a violation names its item's
        findings, which lie side by side, so the reports look up one page many times. Each read still
        unpickles: an entry read back stays a copy."""
        start = i - i % self._page
        key = (start, min(start + self._page, n))
        if self._kept_page is None or self._kept_page[0] != key:
            with self._lock:
                self._write()
                assert self._db is not None
                rows = self._db.execute("SELECT data FROM entry WHERE n >= ? AND n < ? ORDER BY n", key)
                self._kept_page = (key, [data for (data,) in rows])
        return self._kept_page[1]

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

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            self._pending, self._stored, self._kept_page = [], 0, None


__all__ = ["Ledger"]
