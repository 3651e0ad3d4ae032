"""Scale-out: the same per-item work on a dask.distributed cluster.

Each dask worker builds its own Scanner (analyzer, register indexes) once, from the configuration,
records and key the client sends (a Scanner pickles as exactly those), and keeps it for every later
task: the spaCy pipeline is loaded once per worker, not per item. Workers do the heavy half (read,
extract, detect); the client links, answers unchanged items from the cache and keeps crawl order.
Files are read by the worker, so every worker must see the sources at the same paths (a mounted
share, a reachable database); database rows are streamed by the client and sent with their content.

The traffic carries raw text: run the scheduler and workers with TLS (README, "Scale-out").
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from typing import Any

from scanner.cache import ItemCache
from scanner.executor import ROW_BATCH, ItemWork, Outcome, Task, default_workers, detect_task, run_ordered
from scanner.kernel.model import ScannedItem

_BUILT: dict[str, Any] = {}  # per worker process: fingerprint -> (the item work, opened sources)


def _worker_detect(blob: bytes, fingerprint: str, batch: list[Task]) -> list[Outcome]:
    if fingerprint not in _BUILT:
        _BUILT.clear()
        _BUILT[fingerprint] = (pickle.loads(blob), {})  # an ItemWork pickles into a fresh one (Scanner.__reduce__)
    scanner, sources = _BUILT[fingerprint]
    return [detect_task(scanner, sources, task) for task in batch]


def scan_on_dask(scanner: ItemWork, scheduler: str | None, workers: int | None,
                 cache: ItemCache | None = None) -> Iterator[ScannedItem]:
    from distributed import Client, LocalCluster

    workers = default_workers() if workers is None or workers <= 0 else workers
    blob = pickle.dumps(scanner)
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
        yield from run_ordered(scanner, lambda batch: client.submit(_worker_detect, data, fingerprint, batch,
                                                                    pure=False), n * 8 * ROW_BATCH, cache)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
