"""Scale-out: the same per-item work on a dask.distributed cluster.

Each dask worker builds its own Scanner (analyzer, register indexes) once, from the configuration
and records the client sends, and keeps it for every later task: the spaCy pipeline is loaded once
per worker, not per item. Files are read by the worker, so every worker must see the sources at the
same paths (a mounted share, a reachable database); database rows are streamed by the client and
sent with their content. Results come back in crawl order, with a bounded number in flight.

The traffic carries raw text: run the scheduler and workers with TLS (see README, "Scale-out").
"""

from __future__ import annotations

import hashlib
import pickle
from collections import deque
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from scanner.executor import Task, _one_line, _run, tasks
from scanner.model import Item, ScannedItem

if TYPE_CHECKING:
    from scanner.pipeline import Scanner

_BUILT: dict[str, Any] = {}  # per worker process: fingerprint -> (Scanner, opened sources)


def _worker_scan(blob: bytes, fingerprint: str, task: Task) -> ScannedItem:
    from scanner.pipeline import Scanner

    if fingerprint not in _BUILT:
        _BUILT.clear()
        cfg, records = pickle.loads(blob)
        _BUILT[fingerprint] = (Scanner(cfg, records), {})
    scanner, sources = _BUILT[fingerprint]
    return _run(scanner, sources, task)


def scan_on_dask(scanner: Scanner, scheduler: str | None, workers: int) -> Iterator[ScannedItem]:
    from distributed import Client, LocalCluster

    blob = pickle.dumps((scanner.cfg, scanner.records))
    fingerprint = hashlib.sha256(blob).hexdigest()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        data = client.scatter(blob, broadcast=True)
        n = max(1, len(client.scheduler_info().get("workers", {})))
        window: deque[tuple[Item, Any] | ScannedItem] = deque()
        for task in tasks(scanner):
            if isinstance(task, ScannedItem):
                window.append(task)
            else:
                window.append((task[1], client.submit(_worker_scan, data, fingerprint, task, pure=False)))
            while len(window) >= n * 8:
                yield _collect(window.popleft())
        while window:
            yield _collect(window.popleft())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _collect(entry: tuple[Item, Any] | ScannedItem) -> ScannedItem:
    if isinstance(entry, ScannedItem):
        return entry
    item, future = entry
    try:
        return future.result()
    except Exception as err:  # a worker lost mid-task: the item is reported, the scan goes on
        item.status, item.reason = "unreadable", f"analyse afgebroken: {_one_line(err)}"
        return ScannedItem(item=item)
