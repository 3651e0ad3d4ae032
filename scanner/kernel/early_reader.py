"""Files read by a forked reader while the parent loads the NLP pipeline.

A first scan with forked workers spends its first seconds in the parent alone: the analyzer is built
and warmed up before the fork (the workers inherit it copy-on-write), and the other core waits. Reading
a file (opening the package, extracting its text) needs no analyzer, so a small fork of the parent made
before the warm-up (cheap: nothing large is built yet) reads the next files of the crawl meanwhile and
writes their content into memory it shares with the parent; the workers then only detect those. The
reader is a help, never a step the scan depends on: when the warm-up is over it is stopped wherever it
is, and a task it did not write back whole (not reached, its result too large, the reader killed,
crashed or failing) goes to a worker as it would have without it, which reads it itself. So does a task
whose `read` raised: a result the reader must not report, such as one it got by a time-out (its share of
the CPU beside the warm-up is not a worker's: scanner.executor.read_early).

`ReadAhead` takes tasks from the crawl ahead of the loop that consumes it (they come out later in crawl
order, as if never taken); `EarlyReader` runs the reader and hands out what it read as `Preread`s, which
a worker turns back into its task with `unwrap`. The parent never unpickles what the reader wrote: the
bytes are forwarded as they are, and the worker loads them.
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
import pickle
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from scanner.kernel.fork import freeze_inherited

T = TypeVar("T")
MB = 1024 * 1024
# What is taken ahead of the crawl for the reader: about what one core reads while the parent loads the NLP
# pipeline (the bench corpus: ~1 700 files in the 5.8 s of its warm-up on a slow machine; crawling 2 000 files
# ahead took the parent 0.3 s). More would only wait in the parent's memory for the workers to detect it.
AHEAD_ITEMS = 2048
AHEAD_BYTES = 64 * MB  # of file size: a share of large files is not crawled far ahead for one reader
SENT_BYTES = 32 * MB  # of read content held by the parent until its workers take it; past it the reader stops
HEADER = 8  # bytes of a record's length, and of where the records end
READER_NAME = "avgscan-reader"
STOP_WAIT_S = 1.0  # for the reader to end what it runs (a text extractor's subprocess is killed with it)


class _Pause:
    """Yielded by `ReadAhead.paused` work to stop taking ahead before it starts."""


PAUSE = _Pause()
_END = object()


class ReadAhead(Generic[T]):
    """The crawl, from which entries can be taken ahead of the loop that iterates over it: those taken
    stay queued and come out of the iteration in their place, as if they had never been taken."""

    def __init__(self, entries: Iterator[T | _Pause]) -> None:
        self._entries = entries
        self._queued: deque[T] = deque()
        self._taking = False

    def __iter__(self) -> ReadAhead[T]:
        return self

    def __next__(self) -> T:
        if self._queued:
            return self._queued.popleft()
        while True:
            entry = next(self._entries)
            if not isinstance(entry, _Pause):
                return entry

    def take(self, size: Callable[[T], int | None], items: int = AHEAD_ITEMS, max_bytes: int = AHEAD_BYTES
             ) -> list[T]:
        """Crawl on ahead: up to `items` entries, or until what `size` counts of them reaches `max_bytes`,
        or until the crawl comes to work that pauses taking ahead (`paused`). Returns the entries to read,
        those `size` gave a number for (None: nothing to read, e.g. a row that came with its content)."""
        chosen: list[T] = []
        total = 0
        self._taking = True
        try:
            while len(self._queued) < items and total < max_bytes:
                entry = next(self._entries, _END)
                if entry is _END or isinstance(entry, _Pause):
                    break
                self._queued.append(entry)  # type: ignore[arg-type]
                counted = size(entry)  # type: ignore[arg-type]
                if counted is not None:
                    chosen.append(entry)  # type: ignore[arg-type]
                    total += counted
        finally:
            self._taking = False
        return chosen

    def paused(self, work: Callable[..., Iterator[Any]]) -> Callable[..., Iterator[Any]]:
        """`work` (a generator function the crawl calls, such as the columnar table path, which detects in
        this process and so loads the analyzer) with a pause before it when it would start while entries
        are being taken ahead: taking ahead ends there, and the work starts when the loop gets to it."""

        def guarded(*args: Any, **kwargs: Any) -> Iterator[Any]:
            if self._taking:
                yield PAUSE
            yield from work(*args, **kwargs)

        return guarded


class Preread(Generic[T]):
    """A task as the reader sent it back (its content read, or its item unreadable saying why), pickled:
    the parent forwards the bytes to a worker, which loads them (`unwrap`)."""

    __slots__ = ("payload", "task")

    def __init__(self, task: T, payload: bytes) -> None:
        self.task, self.payload = task, payload

    def __getstate__(self) -> tuple[T, bytes]:
        return self.task, self.payload

    def __setstate__(self, state: tuple[T, bytes]) -> None:
        self.task, self.payload = state

    def load(self) -> T:
        """The read task; the task as it was crawled if the bytes do not load (a worker then reads it)."""
        try:
            return pickle.loads(self.payload)  # type: ignore[no-any-return]  # noqa: S301  (our own fork's)
        except Exception:
            return self.task


def unwrap(task: T | Preread[T]) -> T:
    return task.load() if isinstance(task, Preread) else task


class _Stopped(BaseException):
    """Raised in the reader when it is told to stop (SIGTERM): not an Exception, so no `except Exception`
    of an extractor keeps it from ending, while `subprocess.run` still kills the program it waited for."""


def _stop_reading(_sig: int, _frame: object) -> None:
    raise _Stopped


def _stopped_in_a_finalizer(unraisable: Any) -> None:
    """The stop landed in a finalizer (a ZipFile's `__del__` as the collector frees an extractor's package):
    Python reports an exception there on stderr, into the scan's terminal, and goes on reading until the
    parent kills the reader a second later. The records written so far are whole, so the reader ends here."""
    if isinstance(unraisable.exc_value, _Stopped):
        os._exit(0)
    sys.__unraisablehook__(unraisable)


def _read_all(shared: mmap.mmap, tasks: list[Any], read: Callable[[Any], Any], start: Callable[[], None]) -> None:
    """The reader: each task read in order and written to `shared` pickled, one record per task (its length,
    then its bytes; length 0 for one it could not pickle, or whose `read` raised, for a bug or for a result
    it must not report, e.g. one got by a time-out: that task is left to a worker). The header holds where
    the written records end, set after each record, so a reader stopped half-way through one leaves the
    records before it whole. It stops where the next record does not fit."""
    freeze_inherited()
    sys.unraisablehook = _stopped_in_a_finalizer
    signal.signal(signal.SIGTERM, _stop_reading)
    try:
        start()
        end = HEADER
        for task in tasks:
            try:
                payload = pickle.dumps(read(task), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                payload = b""
            if end + HEADER + len(payload) > len(shared):
                payload = b""  # too large for the room left: a worker reads it; the records after it may fit
                if end + HEADER > len(shared):
                    break
            shared[end:end + HEADER] = len(payload).to_bytes(HEADER, "little")
            shared[end + HEADER:end + HEADER + len(payload)] = payload
            end += HEADER + len(payload)
            shared[:HEADER] = end.to_bytes(HEADER, "little")
    except _Stopped:
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _records(shared: mmap.mmap) -> list[bytes]:
    """The records the reader wrote whole, in order; none if they do not add up (then the workers read all)."""
    end = int.from_bytes(shared[:HEADER], "little")
    out: list[bytes] = []
    at = HEADER
    if not HEADER <= end <= len(shared):
        return []
    while at < end:
        size = int.from_bytes(shared[at:at + HEADER], "little")
        at += HEADER
        if at + size > end:
            return []
        out.append(shared[at:at + size])
        at += size
    return out


class EarlyReader(Generic[T]):
    """A fork of this process that runs `read` on each of `tasks` in order (`read` keeps its own time
    limit, and raises for a task it leaves to the workers) while this process does something else, until
    `stop`. `start` runs in the fork first (die with the parent, leave Ctrl-C to it). What it reads goes into
    memory shared with this process (an anonymous mapping of `max_bytes`, whose pages exist once written),
    read here when it has ended: nothing of it runs here meanwhile (no thread beside the warm-up, none left
    when the workers are forked), and the reader never waits for this process."""

    def __init__(self, tasks: list[T], read: Callable[[T], T], start: Callable[[], None] = lambda: None,
                 max_bytes: int = SENT_BYTES) -> None:
        self.tasks = tasks
        self.taken = len(tasks)  # given to read
        self.started = time.monotonic()
        self.seconds = 0.0  # how long it read, set by `stop`
        self._read: dict[int, Preread[T]] = {}
        self._shared = mmap.mmap(-1, HEADER + max_bytes)  # MAP_SHARED: the fork writes to these same pages
        ctx = multiprocessing.get_context("fork")
        self.process = ctx.Process(target=_read_all, args=(self._shared, tasks, read, start), name=READER_NAME,
                                   daemon=True)
        try:
            self.process.start()
        except BaseException:
            self._shared.close()
            raise

    def stop(self) -> int:
        """Stop the reader wherever it is; returns how many tasks it read and wrote back whole."""
        self.seconds = time.monotonic() - self.started
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(STOP_WAIT_S)
            if self.process.is_alive():  # in a library's C code that does not come back
                self.process.kill()
        self.process.join()
        records = _records(self._shared)
        self._shared.close()
        self._read = {id(task): Preread(task, payload)
                      for task, payload in zip(self.tasks, records, strict=False) if payload}
        return len(self._read)

    def fill(self, batch: list[T]) -> list[T | Preread[T]]:
        """`batch` with each task the reader read replaced by what it sent back; a task is handed out
        once (sent again, e.g. alone after its batch's worker died, it is read by the worker)."""
        if not self._read:
            return list(batch)
        out = [self._read.pop(id(task), task) for task in batch]
        if not self._read:
            self.tasks = []  # every read task handed out: their crawled tuples need not be kept alive
        return out
