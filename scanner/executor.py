"""Run the scan over all sources, inline or on a pool of forked worker processes.

Presidio's BatchAnalyzerEngine does not parallelise the recognizers (measured), so the unit of
parallel work is the item: each worker is a fork of the parent after the analyzer and the register
indexes are built (copy-on-write, nothing re-loaded), reads and extracts files itself, and returns
the ScannedItem. Database rows are streamed by the parent, which owns the connection, and sent with
their content. Results come back in crawl order so reports are deterministic, and at most a bounded
number of items are in flight so memory stays flat on a large share.
"""

from __future__ import annotations

import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from connectors.base import Source, Unreadable, open_source
from scanner.model import Content, Item, ScannedItem

if TYPE_CHECKING:
    from scanner.pipeline import Scanner

Task = tuple[str, Item, Content | None]
_WORKER: dict[str, object] = {}  # the forked worker's scanner and its own opened sources
IN_FLIGHT_PER_WORKER = 8


def _one_line(err: BaseException) -> str:
    return re.sub(r"\s+", " ", f"{type(err).__name__}: {err}")[:200]


def _source_failure(name: str, err: BaseException) -> ScannedItem:
    return ScannedItem(item=Item(source=name, path="", kind="source", status="unreadable", reason=_one_line(err)))


def tasks(scanner: Scanner) -> Iterator[Task | ScannedItem]:
    """Every item of every source; rows come with their content, files are read where they are scanned."""
    for src_cfg in scanner.cfg.sources:
        try:
            source = open_source(src_cfg)
        except Exception as err:  # a source that cannot be opened is reported, the others are scanned
            yield _source_failure(src_cfg.name, err)
            continue
        try:
            for item in source.crawl():
                if item.kind != "row" or item.status != "scanned":
                    yield (source.name, item, None)
                    continue
                try:
                    yield (source.name, item, source.read(item))
                except Unreadable as err:
                    item.status, item.reason = "unreadable", str(err)
                    yield ScannedItem(item=item)
        except Unreadable as err:
            yield _source_failure(source.name, err)
        except Exception as err:  # a source failing half-way: report it, keep what was scanned
            yield _source_failure(source.name, err)
        finally:
            source.close()


def _run(scanner: Scanner, sources: dict[str, Source], task: Task) -> ScannedItem:
    name, item, content = task
    try:
        if content is not None:
            return scanner.analyze(item, content)
        if name not in sources:
            sources[name] = open_source(next(s for s in scanner.cfg.sources if s.name == name))
        return scanner.scan_item(sources[name], item)
    except Exception as err:  # never let one item stop the scan
        item.status, item.reason = "unreadable", f"fout bij analyse: {_one_line(err)}"
        return ScannedItem(item=item)


def _worker_task(task: Task) -> ScannedItem:
    return _run(_WORKER["scanner"], _WORKER.setdefault("sources", {}), task)  # type: ignore[arg-type]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def scan_all(scanner: Scanner, workers: int | None = 1, executor: str = "local",
             scheduler: str | None = None) -> Iterator[ScannedItem]:
    workers = default_workers() if workers is None or workers <= 0 else workers
    if executor == "dask":
        from scanner.dask_executor import scan_on_dask

        yield from scan_on_dask(scanner, scheduler, workers)
        return
    if workers == 1:
        sources: dict[str, Source] = {}
        for task in tasks(scanner):
            yield task if isinstance(task, ScannedItem) else _run(scanner, sources, task)
        for s in sources.values():
            s.close()
        return
    _WORKER["scanner"] = scanner  # inherited by the forked workers
    window: deque[tuple[Item, Future[ScannedItem]] | ScannedItem] = deque()
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for task in tasks(scanner):
            window.append(task if isinstance(task, ScannedItem) else (task[1], pool.submit(_worker_task, task)))
            while len(window) >= workers * IN_FLIGHT_PER_WORKER:
                yield _result(window.popleft())
        while window:
            yield _result(window.popleft())
    _WORKER.clear()


def _result(entry: tuple[Item, Future[ScannedItem]] | ScannedItem) -> ScannedItem:
    if isinstance(entry, ScannedItem):
        return entry
    item, future = entry
    try:
        return future.result()
    except Exception as err:  # a worker that died (out of memory, a crashing parser library)
        item.status, item.reason = "unreadable", f"analyse afgebroken: {_one_line(err)}"
        return ScannedItem(item=item)
