"""Forked workers that are replaced when they have done enough items or hold too much memory.

A parser or the NLP pipeline may keep what one large item made it allocate (the allocator seldom
gives it back) or grow slowly over a long run; a scan of a million files must not carry that to the
end. ProcessPoolExecutor cannot replace a worker with the fork start method (max_tasks_per_child
refuses it, and a worker that exits itself breaks the whole pool), and multiprocessing.Pool waits
for ever on the batch of a worker that was killed (out of memory). So this pool is small and
single-threaded: each worker holds one batch at a time over its own pipe; the parent hands out
batches and collects results whenever it submits or waits for a result (`pump`); a worker that is
due is told to stop and a fresh fork of the parent (which holds the built analyzer) takes its
place; a worker that died fails only its own batch, with a reason.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

MB = 1024 * 1024


class WorkerDied(Exception):
    """The worker that held a batch ended without answering (killed, out of memory, a crashing library)."""


def own_memory_mb() -> float:
    """Memory this process holds of its own: the pages it wrote since the fork (Private_*), not the
    parent's analyzer that it shares copy-on-write and that RSS counts in every worker."""
    try:
        with open("/proc/self/smaps_rollup", encoding="ascii") as f:
            kb = sum(int(line.split()[1]) for line in f if line.startswith(("Private_Clean:", "Private_Dirty:")))
        return kb / 1024
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak, in kB on Linux


class Ticket:
    """One submitted batch, shaped like a future: `result()` waits, handing out work meanwhile."""

    def __init__(self, pool: WorkerPool, batch: Any) -> None:
        self.pool, self.batch = pool, batch
        self.done = False
        self.value: Any = None
        self.error: BaseException | None = None

    def result(self) -> Any:
        while not self.done:
            self.pool.pump(block=True)
        if self.error is not None:
            raise self.error
        return self.value


class _Worker:
    def __init__(self, process: Any, conn: Connection) -> None:
        self.process, self.conn = process, conn
        self.items = 0  # items done since it was forked
        self.ticket: Ticket | None = None


def _serve(conn: Connection, run: Callable[[Any], Any], start: Callable[[], None], measure: Callable[[], float]
           ) -> None:
    """The worker's loop: a batch in, its result and the worker's own memory out; None ends it."""
    start()
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        try:
            conn.send((True, run(batch), measure()))
        except Exception as err:  # a result that does not pickle: the batch fails, the worker lives on
            conn.send((False, f"{type(err).__name__}: {err}"[:200], measure()))


class WorkerPool:
    """`workers` forks running `run(batch)`; a worker is replaced after `max_items` items or when its
    own memory passes `max_mb` (0: no bound; `on_grown` hears which batch took it there). `size(batch)`
    counts a batch's items. `start` runs in each worker as it begins (die with the parent, leave
    Ctrl-C to it)."""

    def __init__(self, workers: int, run: Callable[[Any], Any], *, start: Callable[[], None] = lambda: None,
                 size: Callable[[Any], int] = len, max_items: int = 0, max_mb: float = 0,
                 measure: Callable[[], float] = own_memory_mb,
                 on_grown: Callable[[Any, float], None] | None = None) -> None:
        self._ctx = multiprocessing.get_context("fork")
        self._run, self._start, self._size, self._measure = run, start, size, measure
        self._on_grown = on_grown  # told the batch after which a worker passed max_mb, and its memory
        self.max_items, self.max_mb = max_items, max_mb
        self._queue: deque[Ticket] = deque()
        self._retired: list[Any] = []
        self.replaced = 0  # workers replaced because they were due (items or memory), for the statistics
        self.died = 0  # workers that ended without answering
        self._workers = [self._fork() for _ in range(workers)]

    def _fork(self) -> _Worker:
        mine, theirs = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(target=_serve, args=(theirs, self._run, self._start, self._measure),
                                    name="avgscan-worker", daemon=True)
        process.start()
        theirs.close()  # the worker's end lives only in the worker: its death reads as end-of-file here
        return _Worker(process, mine)

    @property
    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers]

    def submit(self, batch: Any) -> Ticket:
        ticket = Ticket(self, batch)
        self._queue.append(ticket)
        self.pump(block=False)
        return ticket

    def pump(self, block: bool) -> None:
        """Hand queued batches to idle workers and take in what busy ones answered; with `block`,
        wait until at least one answers (or dies)."""
        self._hand_out()
        busy = {w.conn: w for w in self._workers if w.ticket is not None}
        if not busy:
            return
        sentinels = {w.process.sentinel: w for w in busy.values()}
        ready = wait([*busy, *sentinels], timeout=None if block else 0)
        seen: set[int] = set()
        for handle in ready:
            worker = busy.get(handle) or sentinels[handle]  # type: ignore[index]
            if id(worker) not in seen:
                seen.add(id(worker))
                self._take(worker)
        self._hand_out()
        self._retired = [p for p in self._retired if p.is_alive()]  # is_alive() reaps the ended ones

    def _hand_out(self) -> None:
        for i, worker in enumerate(self._workers):
            if not self._queue:
                return
            if worker.ticket is None:
                ticket = self._queue.popleft()
                try:
                    worker.conn.send(ticket.batch)
                except OSError:  # it died while idle: a fresh one gets the batch
                    self._queue.appendleft(ticket)
                    self._replace(i, died=True)
                    continue
                worker.ticket = ticket

    def _take(self, worker: _Worker) -> None:
        ticket = worker.ticket
        assert ticket is not None
        try:
            ok, value, own_mb = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(1)
            code = worker.process.exitcode
            ticket.error = WorkerDied(f"analyseproces beëindigd (exitcode {code})")
            ticket.done = True
            self._replace(self._workers.index(worker), died=True)
            return
        ticket.done, worker.ticket = True, None
        if ok:
            ticket.value = value
        else:
            ticket.error = RuntimeError(value)
        worker.items += self._size(ticket.batch)
        grown = bool(self.max_mb and own_mb >= self.max_mb)
        if grown and self._on_grown is not None:
            self._on_grown(ticket.batch, own_mb)
        if grown or (self.max_items and worker.items >= self.max_items):
            self._replace(self._workers.index(worker), died=False)

    def _replace(self, i: int, died: bool) -> None:
        old = self._workers[i]
        if died:
            self.died += 1
        else:
            self.replaced += 1
            with contextlib.suppress(OSError):
                old.conn.send(None)
        old.conn.close()
        self._retired.append(old.process)
        self._workers[i] = self._fork()

    def close(self) -> None:
        """Wait for every queued batch to be answered, then let the workers end."""
        while self._queue or any(w.ticket is not None for w in self._workers):
            self.pump(block=True)
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            worker.conn.close()
        for process in [w.process for w in self._workers] + self._retired:
            process.join(5)
            if process.is_alive():
                process.terminate()
        self._workers, self._retired = [], []

    def abandon(self) -> None:
        """Stop at once (Ctrl-C, an error): what the workers were doing is read again on --resume."""
        processes = [w.process for w in self._workers] + self._retired
        for worker in self._workers:
            worker.conn.close()
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=2)
        self._workers, self._retired, self._queue = [], [], deque()
