"""Scale-out: the same per-item work on a dask.distributed cluster.

Each dask worker builds its own Scanner (analyzer, register indexes) once, from the configuration,
records and key the client sends (a Scanner pickles as exactly those), and keeps it for every later
task: the spaCy pipeline is loaded once per worker, not per item. Workers do the heavy half (read,
extract, detect); the client links, answers unchanged items from the cache and keeps crawl order.
Files are read by the worker, so every worker must see the sources at the same paths (a mounted
share, a reachable database); database rows are streamed by the client and sent with their content.

What the client does is the serial part no number of workers shortens: files go to the workers several
to a task (one dask task per file put the scheduler, which runs in the client, on every file). Tables
keep the row path here: the columnar path's detections (each distinct value, the first row of each
signature) would each be a round trip through the scheduler, and one measurement under heavy load
showed more client CPU with it, not less (benchmarks/README, "Issue 17: scale-out").

The traffic carries raw text: run the scheduler and workers with TLS (README, "Scale-out").
"""

from __future__ import annotations

import gc
import hashlib
import logging
import pickle
from collections.abc import Callable, Iterator
from typing import Any

from scanner.cache import ItemCache
from scanner.executor import (
    ROW_BATCH,
    SCAN_GC_THRESHOLD,
    ItemWork,
    Outcome,
    Task,
    default_workers,
    detect_batch,
    run_ordered,
)
from scanner.kernel.model import ScannedItem

log = logging.getLogger(__name__)
_BUILT: dict[str, Any] = {}  # per worker process: fingerprint -> (the item work, opened sources)
FILES_PER_TASK = 16  # files per dask task: the scheduler's cost per task is paid in the client


class _Group:
    """Tasks the executor submitted, sent to the cluster as one dask task."""

    def __init__(self) -> None:
        self.tasks: list[Task] = []
        self.future: Any = None
        self._outcomes: list[Outcome] | None = None

    def outcomes(self) -> list[Outcome]:
        """The group's outcomes, fetched from its worker once. A dask future fetches its result again at
        every `result()`, and each of a group's files asks: the worker sent every group ~16 times over,
        which was most of the dask path's CPU in the client and in the workers' event loops. The future
        is let go once fetched, so the worker can free the result."""
        if self._outcomes is None:
            self._outcomes = pickle.loads(self.future.result())
            self.future.release()
        return self._outcomes


class _Share:
    """One submission's part of a group, shaped like a future."""

    def __init__(self, grouped: Grouped, group: _Group, start: int, stop: int) -> None:
        self.grouped, self.group, self.start, self.stop = grouped, group, start, stop
        self._again: list[Outcome] | None = None

    def result(self) -> list[Outcome]:
        """This submission's outcomes. A group that failed as a whole (its worker died: a crashing
        parser, memory) is not every file's fault: this submission is sent again on its own, so only
        the culprit is reported unreadable."""
        if self._again is not None:
            return self._again
        if self.group.future is None:  # the executor waits for it: send the group as it is
            self.grouped.send()
        try:
            return self.group.outcomes()[self.start:self.stop]
        except Exception:
            if len(self.group.tasks) == self.stop - self.start:
                raise  # it was alone already
            log.warning("dask: een taak van %d bestanden mislukte; deze %d opnieuw apart",
                        len(self.group.tasks), self.stop - self.start)
            self._again = self.grouped.alone(self.group.tasks[self.start:self.stop])
            return self._again


class Grouped:
    """Collects the executor's submissions (one file, or a batch of rows) until a group holds `size` tasks."""

    def __init__(self, send: Callable[[list[Task]], Any], size: int = FILES_PER_TASK) -> None:
        self._send, self.size = send, size
        self.open = _Group()
        self.sent = 0

    def submit(self, batch: list[Task]) -> _Share:
        group = self.open
        start = len(group.tasks)
        group.tasks.extend(batch)
        share = _Share(self, group, start, len(group.tasks))
        if len(group.tasks) >= self.size:
            self.send()
        return share

    def alone(self, batch: list[Task]) -> list[Outcome]:
        """One submission sent by itself, outside any group, and waited for."""
        self.sent += 1
        return pickle.loads(self._send(batch).result())  # type: ignore[no-any-return]

    def send(self) -> None:
        if self.open.tasks:
            self.open.future = self._send(self.open.tasks)
            self.sent += 1
            self.open = _Group()


def _worker_detect(blob: bytes, fingerprint: str, batch: list[Task]) -> bytes:
    """The batch's outcomes, pickled here as one: dask would serialise a list of them element by element."""
    if fingerprint not in _BUILT:
        gc.set_threshold(*SCAN_GC_THRESHOLD)  # a spawned worker does not inherit the scan's (a forked one does)
        _BUILT.clear()
        _BUILT[fingerprint] = (pickle.loads(blob), {})  # an ItemWork pickles into a fresh one (Scanner.__reduce__)
    scanner, sources = _BUILT[fingerprint]
    outcomes = detect_batch(scanner, sources, batch)  # the files' NER windows in one batch, as local workers do
    return pickle.dumps(outcomes, pickle.HIGHEST_PROTOCOL)


def scan_on_dask(scanner: ItemWork, scheduler: str | None, workers: int | None,
                 cache: ItemCache | None = None) -> Iterator[ScannedItem]:
    import dask
    from distributed import Client, LocalCluster

    workers = default_workers() if workers is None or workers <= 0 else workers
    blob = pickle.dumps(scanner)
    fingerprint = hashlib.sha256(blob).hexdigest()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # dask's statistical profiler samples every worker thread's stack every 10 ms: a tenth of the workers'
        # CPU on a scan, for a dashboard this cluster does not have
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        data = client.scatter(blob, broadcast=True)
        n = max(1, len(client.scheduler_info().get("workers", {})))

        def send(batch: list[Task]) -> Any:
            return client.submit(_worker_detect, data, fingerprint, batch, pure=False)

        grouped = Grouped(send)
        yield from run_ordered(scanner, grouped.submit, n * 8 * ROW_BATCH, cache)
        log.info("dask: %d taken naar de werkers", grouped.sent)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
