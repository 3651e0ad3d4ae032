"""Forked workers that are replaced when they have done enough items or hold too much memory.

A parser or the NLP pipeline may keep what one large item made it allocate (the allocator seldom
gives it back) or grow slowly over a long run; a scan of a million files must not carry that to the
end. ProcessPoolExecutor cannot replace a worker with the fork start method (max_tasks_per_child
refuses it, and a worker that exits itself breaks the whole pool), and multiprocessing.Pool waits
for ever on the batch of a worker that was killed (out of memory). So this pool is small and has no
thread in the parent: each worker has its own pipe and holds up to `AHEAD` batches (a thread in the
worker takes them in, so neither side can block the other on a full pipe, and the worker never
waits for the parent between batches); the parent hands out batches and collects results whenever
it submits or waits for a result (`pump`). A worker that is due finishes what it holds and ends
while a fresh fork of the parent (which holds the built analyzer) takes its place; a worker that
died fails only the batch it was running, with a reason, and the ones it held are handed out again.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from typing import Any

from scanner.kernel.fork import freeze_inherited

MB = 1024 * 1024
AHEAD = 2  # batches a worker holds: the one it runs and the next


class WorkerDied(Exception):
    """The worker that held a batch ended without answering (killed, out of memory, a crashing library)."""


PAGE_MB = os.sysconf("SC_PAGE_SIZE") / MB if hasattr(os, "sysconf") else 4096 / MB


def resident_mb() -> float:
    """This process's resident set now, from /proc/self/statm (microseconds: asked after every batch;
    /proc/self/smaps_rollup, which splits shared from private pages, took milliseconds, as long as a
    small item's whole analysis)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * PAGE_MB
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the peak, in kB on Linux


class Growth:
    """Memory a worker added since it was forked: its resident set now less what it started with. A
    fork starts with the parent's pages already counted (the analyzer, shared copy-on-write), so only
    what the worker allocated itself makes this grow."""

    def __init__(self) -> None:
        self.start: float | None = None

    def __call__(self) -> float:
        now = resident_mb()
        if self.start is None:
            self.start = now
        return now - self.start


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
        self.tickets: deque[Ticket] = deque()  # handed to it and not answered yet, in order
        self.retiring = False  # told to end after what it holds


def _serve(conn: Connection, run: Callable[[Any], Any], start: Callable[[], None], measure: Callable[[], float]
           ) -> None:
    """The worker's loop: a batch in, its result and the worker's own memory out; None ends it. A
    thread takes batches in as they come, so the parent's send never waits for this loop."""
    freeze_inherited()
    start()
    measure()  # where it starts from
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def take_in() -> None:
        while True:
            try:
                batch = conn.recv()
            except (EOFError, OSError):
                batch = None
            inbox.put(batch)
            if batch is None:
                return

    threading.Thread(target=take_in, name="avgscan-worker-inbox", daemon=True).start()
    while (batch := inbox.get()) is not None:
        try:
            conn.send((True, run(batch), measure()))
        except Exception as err:  # a result that does not pickle: the batch fails, the worker lives on
            conn.send((False, f"{type(err).__name__}: {err}"[:200], measure()))


class WorkerPool:
    """`workers` forks running `run(batch)`; a worker is replaced after `max_items` items or when the
    memory it added since its fork (`measure`, by default Growth) passes `max_mb` (0: no bound;
    `on_grown` hears which batch took it there). `size(batch)`
    counts a batch's items. `start` runs in each worker as it begins (die with the parent, leave
    Ctrl-C to it)."""

    def __init__(self, workers: int, run: Callable[[Any], Any], *, start: Callable[[], None] = lambda: None,
                 size: Callable[[Any], int] = len, max_items: int = 0, max_mb: float = 0,
                 measure: Callable[[], float] | None = None,
                 on_grown: Callable[[Any, float], None] | None = None, ahead: int = AHEAD) -> None:
        self._ctx = multiprocessing.get_context("fork")
        self._run, self._start, self._size = run, start, size
        self._measure = measure or Growth()  # each fork measures from its own start
        self._on_grown = on_grown  # told the batch after which a worker passed max_mb, and its memory
        self.max_items, self.max_mb, self.ahead = max_items, max_mb, ahead
        self._queue: deque[Ticket] = deque()
        self._retiring: list[_Worker] = []  # due: finishing what they hold, then ending
        self._retired: list[Any] = []  # ended or ending processes, joined when they are gone
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
        """Hand queued batches to workers with room and take in what busy ones answered; with `block`,
        wait until at least one answers (or dies)."""
        self._hand_out()
        busy = {w.conn: w for w in self._workers + self._retiring if w.tickets}
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
        for worker in list(self._workers):
            while self._queue and len(worker.tickets) < self.ahead and worker in self._workers and self._room(worker):
                ticket = self._queue.popleft()
                try:
                    worker.conn.send(ticket.batch)
                except OSError:  # it died: its batches and this one go to a fresh worker
                    self._queue.appendleft(ticket)
                    self._gone(worker)
                    break
                worker.tickets.append(ticket)

    def _room(self, worker: _Worker) -> bool:
        """Not past max_items with what it already holds: a due worker gets no batch it would run anyway."""
        held = sum(self._size(t.batch) for t in worker.tickets)
        return not self.max_items or not held or worker.items + held < self.max_items

    def _take(self, worker: _Worker) -> None:
        """One answer from `worker` (or the news that it died)."""
        try:
            ok, value, own_mb = worker.conn.recv()
        except (EOFError, OSError):
            self._gone(worker)
            return
        ticket = worker.tickets.popleft()
        ticket.done = True
        if ok:
            ticket.value = value
        else:
            ticket.error = RuntimeError(value)
        worker.items += self._size(ticket.batch)
        if worker.retiring:
            if not worker.tickets:
                self._let_go(worker)
            return
        grown = bool(self.max_mb and own_mb >= self.max_mb)
        if grown and self._on_grown is not None:
            self._on_grown(ticket.batch, own_mb)
        if grown or (self.max_items and worker.items >= self.max_items):
            self.replaced += 1
            self._workers[self._workers.index(worker)] = self._fork()
            worker.retiring = True
            with contextlib.suppress(OSError):
                worker.conn.send(None)  # after what it holds
            if worker.tickets:
                self._retiring.append(worker)
            else:
                self._let_go(worker)

    def _gone(self, worker: _Worker) -> None:
        """A worker ended without answering: the batch it was running fails, the ones it held wait for
        another worker."""
        worker.process.join(1)
        if worker.tickets:
            ticket = worker.tickets.popleft()
            ticket.error = WorkerDied(f"analyseproces beëindigd (exitcode {worker.process.exitcode})")
            ticket.done = True
            self._queue.extendleft(reversed(worker.tickets))
            worker.tickets.clear()
        self.died += 1
        if worker in self._workers:
            self._workers[self._workers.index(worker)] = self._fork()
        self._let_go(worker)

    def _let_go(self, worker: _Worker) -> None:
        if worker in self._retiring:
            self._retiring.remove(worker)
        worker.conn.close()
        self._retired.append(worker.process)

    def close(self) -> None:
        """Wait for every queued batch to be answered, then let the workers end."""
        while self._queue or any(w.tickets for w in self._workers + self._retiring):
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
        held = self._workers + self._retiring
        processes = [w.process for w in held] + self._retired
        for worker in held:
            worker.conn.close()
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=2)
        self._workers, self._retiring, self._retired, self._queue = [], [], [], deque()
