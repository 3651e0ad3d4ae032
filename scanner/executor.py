"""Run the scan over all sources, inline, on forked worker processes, or on a dask cluster.

Presidio's BatchAnalyzerEngine does not parallelise the recognizers (measured), so the unit of
parallel work is the item: a worker reads, extracts and detects (the heavy half), and the parent
links and applies the cache (the cheap half, which needs the register and the state store). Local
workers are forks of the parent after the analyzer is built (copy-on-write, nothing re-loaded); on a
first scan a small fork reads the first files meanwhile (scanner.kernel.early_reader), and the workers
only detect those.
Database rows are streamed by the parent, which owns the connection; with a local pool the parent
also detects them itself: a row is a few cells that the per-value memo mostly answers, cheaper than
sending it to a worker and back (measured: 2 workers took twice as long as 1 on a table), and one
memo in one process sees every repeated value. A table whose values differ from row to row (a
register, a contact list: the memo answers nothing) goes to the workers with the files instead
(columnar.PooledRow), so that the parent's own work does not bound the scan on more cores. Results
come back in crawl order so reports are deterministic, and only a bounded number of items is in
flight so memory stays flat on a large share.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import subprocess
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, Protocol

from connectors import open_source
from connectors.base import Source, assign_place, fingerprint_of
from connectors.filetree import FileTreeSource
from scanner import columnar
from scanner.cache import ItemCache, encode
from scanner.config import ScanConfig
from scanner.kernel.early_reader import EarlyReader, ReadAhead, unwrap
from scanner.kernel.errors import ItemTimeout, Unreadable
from scanner.kernel.keys import Keyer
from scanner.kernel.model import Content, CopiedRows, Detected, Item, ScannedItem, TextUnit
from scanner.worker_pool import Ticket, WorkerPool


class Crawler(Protocol):
    """What crawling the sources needs (`tasks`, `fingerprint`): the configuration, the keyer of the
    fingerprints, and where each source's skipped entries are counted."""

    cfg: ScanConfig
    keyer: Keyer
    source_counts: dict[str, dict[str, int]]


class ItemWork(Crawler, Protocol):
    """The per-item work the executor runs (scanner.pipeline.Scanner is one): the executor only schedules
    it, so it needs to know this much of it and nothing of the pipeline that builds it. An ItemWork
    sent to another process (dask) must pickle into a fresh one built from its configuration."""

    @property
    def analyzer(self) -> object: ...

    @property
    def analyzer_built(self) -> bool: ...

    def read_and_detect(self, source: Source, item: Item) -> Detected | None: ...

    def detect_item(self, item: Item, content: Content) -> Detected: ...

    def prepare(self, contents: list[tuple[Item, Content]]) -> None: ...

    def forget(self) -> None: ...

    def finish(self, item: Item, detected: Detected | None) -> ScannedItem: ...


Task = tuple[str, Item, Content | None]
Outcome = tuple[Item, Detected | None]
log = logging.getLogger(__name__)
SCAN_GC_THRESHOLD = (100_000, 50, 100)  # pipeline.fewer_collections; spawned dask workers set it for good
_WORKER: dict[str, Any] = {}  # the forked worker's scanner and its own opened sources
IN_FLIGHT_PER_WORKER = 8
EARLY_READING = True  # files read during the warm-up (scanner.kernel.early_reader); off only to measure beside it


def one_line(err: BaseException, detail: bool = True) -> str:
    """An error as a reason: our own texts as they are, a library's without what it quotes (content)."""
    from scanner.kernel.redact import error_text

    return re.sub(r"\s+", " ", error_text(err, detail))[:200]


def _source_failure(name: str, err: BaseException) -> ScannedItem:
    """An Unreadable already says why in Dutch; only other errors need their type named."""
    reason = re.sub(r"\s+", " ", str(err))[:200] if isinstance(err, Unreadable) else one_line(err)
    return ScannedItem(item=Item(source=name, path="", kind="source", status="unreadable", reason=reason))


Bulk = Callable[[Source, Any], Iterator["Task | ScannedItem | CopiedRows"]]
Ready = ScannedItem | CopiedRows  # what run_ordered yields: an item with its results, or a batch of plain copies


def tasks(scanner: Crawler, bulk: Bulk | None = None, members: bool = True) -> Iterator[Task | Ready]:
    """Every item of every source; rows come with their content, files are read where they are detected.
    With `bulk`, database tables go through the columnar table path (scanner.columnar), which gives
    rows already scanned, and rows for the row path. Without `members`, a container (an archive, a
    mailbox) is one item: its members are not listed (FileTreeSource.list_members)."""
    for src_cfg in scanner.cfg.sources:
        try:
            source = open_source(src_cfg)
        except Exception as err:  # a source that cannot be opened is reported, the others are scanned
            yield _source_failure(src_cfg.name, err)
            continue
        if not members and isinstance(source, FileTreeSource):
            source.list_members = False
        try:
            if bulk is not None and columnar.reads_tables(source):
                yield from bulk(source, src_cfg)
                continue
            for item in source.crawl():
                assign_place(item, src_cfg)  # roles and parties are the config's, for every source alike
                if item.status == "scanned":
                    fingerprint_of(source, item)
                if item.kind != "row" or item.status != "scanned":
                    yield (source.name, item, None)
                    continue
                try:
                    yield (source.name, item, source.read(item))
                except Unreadable as err:
                    item.status, item.reason = "unreadable", str(err)
                    yield (source.name, item, None)
        except Exception as err:  # a source failing half-way: report it, keep what was scanned
            yield _source_failure(source.name, err)
        finally:
            scanner.source_counts[source.name] = dict(getattr(source, "counts", {}))
            source.close()


_LIMIT = [0.0]  # seconds of the item being timed, for the alarm's message
_TIME_OUTS = [0]  # time-outs met in this process: item time limits run out, reasons given for one (read_early)
# what a time-out raises: the item time limit, a socket's (TimeoutError), a program's (subprocess.run)
TIME_OUT_ERRORS = (ItemTimeout, TimeoutError, subprocess.TimeoutExpired)


def _on_alarm(_sig: int, _frame: object) -> None:
    _TIME_OUTS[0] += 1  # counted here too: an extractor may catch the ItemTimeout and give another reason
    raise ItemTimeout(f"tijdslimiet van {_LIMIT[0]:g} s overschreden")


def timed_out(err: BaseException) -> bool:
    """Whether `err`, or an error it was raised from or while handling, is a time-out (TIME_OUT_ERRORS). An
    extractor's own time-out (OCR, antiword) says so in its Dutch reason, raised `from None` inside the
    handler of subprocess.TimeoutExpired: that hides the time-out from the traceback, not from __context__."""
    todo: list[BaseException] = [err]
    seen: set[int] = set()
    while todo:
        at = todo.pop()
        if id(at) in seen:
            continue
        if isinstance(at, TIME_OUT_ERRORS):
            return True
        seen.add(id(at))
        todo += [e for e in (at.__cause__, at.__context__) if e is not None]
    return False


@contextmanager
def alarm_handler() -> Iterator[None]:
    """Install the item time limit's SIGALRM handler once for many items (installing it per row
    cost more than detecting the row); the previous handler comes back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    try:
        yield
    finally:
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Interrupt an item that runs longer than `seconds` (a parser stuck on a hostile file).

    SIGALRM only works in a process's main thread: inline and in forked workers it does; in a dask
    worker thread the limit is not enforced (dask has its own task timeouts)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    installed = signal.getsignal(signal.SIGALRM) is _on_alarm
    with (contextlib.nullcontext() if installed else alarm_handler()):
        _LIMIT[0] = seconds
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)


def detect_task(scanner: ItemWork, sources: dict[str, Source], task: Task) -> Outcome:
    """The heavy half of one item, safe to run in a worker; never raises."""
    if task[1].status == "scanned":
        _ = scanner.analyzer  # loading the NLP pipeline is the scan's cost, not this item's: outside the limit
    try:
        with time_limit(scanner.cfg.limits.item_timeout_s):
            return _detect(scanner, sources, task)
    except ItemTimeout as err:
        task[1].status, task[1].reason = "unreadable", f"afgebroken: {err}"
        return task[1], None


def _detect(scanner: ItemWork, sources: dict[str, Source], task: Task) -> Outcome:
    name, item, content = task
    try:
        if content is not None:
            return item, scanner.detect_item(item, content)
        if item.status != "scanned":
            return item, None
        if name not in sources:
            sources[name] = open_source(next(s for s in scanner.cfg.sources if s.name == name))
        return item, scanner.read_and_detect(sources[name], item)
    except Unreadable as err:
        item.status, item.reason = "unreadable", str(err)
        return item, None
    except ItemTimeout:
        raise
    except Exception as err:  # never let one item stop the scan
        item.status, item.reason = "unreadable", f"fout bij analyse: {one_line(err, detail=False)}"
        return item, None


def read_task(scanner: ItemWork, sources: dict[str, Source], task: Task) -> Task:
    """A file task with its content read (or its item unreadable, saying why); never raises. A reason given
    for a time-out is counted in _TIME_OUTS, for read_early."""
    name, item, content = task
    if content is not None or item.status != "scanned":
        return task
    try:
        with time_limit(scanner.cfg.limits.item_timeout_s):
            if name not in sources:
                sources[name] = open_source(next(s for s in scanner.cfg.sources if s.name == name))
            return name, item, sources[name].read(item)
    except Exception as err:  # never let one item stop the scan
        if timed_out(err):
            _TIME_OUTS[0] += 1
        if isinstance(err, Unreadable):
            item.status, item.reason = "unreadable", str(err)
        elif isinstance(err, ItemTimeout):
            item.status, item.reason = "unreadable", f"afgebroken: {err}"
        else:
            item.status, item.reason = "unreadable", f"fout bij analyse: {one_line(err, detail=False)}"
    return name, item, None


class LeftToWorker(Exception):
    """Raised by read_early for a task whose result the early reader must not report: it writes nothing
    back for it (scanner.kernel.early_reader), and a worker reads the task as if the reader had not reached it."""


def read_early(scanner: ItemWork, sources: dict[str, Source], task: Task) -> Task:
    """read_task as the early reader runs it, except that a result got by a time-out is not returned: it
    raises LeftToWorker instead. The reader reads while the parent loads the NLP pipeline on the same cores,
    so its share of the CPU, and with it whether a file passes the item time limit (or an extractor's own,
    such as OCR's per page), depends on the warm-up and not only on the file: a file a worker reads within
    the limit could otherwise be reported as "afgebroken". A worker reads such a task under its own limit,
    and a really hostile file is then reported by the worker with the same reason as without the reader.
    Any time-out met while reading the task counts, however it came back (_TIME_OUTS): the alarm of the
    item time limit, even when an extractor caught its ItemTimeout and gave another reason or read on,
    and a reason read_task gave for an error that was a time-out (`timed_out`)."""
    before = _TIME_OUTS[0]
    read = read_task(scanner, sources, task)
    if _TIME_OUTS[0] != before:
        raise LeftToWorker(f"{task[0]}:{task[1].path}")
    return read


def detect_batch(scanner: ItemWork, sources: dict[str, Source], batch: list[Task]) -> list[Outcome]:
    """Several files at once: all read first, then detected together where that is cheaper (the NER
    reads all their windows in one batch, see Scanner.prepare), then each finished on its own under
    its own time limit. When the joint step fails or takes longer than one item may, every file is
    detected on its own as if it came alone, so a hostile file fails by itself. A file may come read
    already (by the early reader, see scan_all): it is detected with the others all the same."""
    files = [t for t in batch if t[1].kind != "row" and t[1].status == "scanned"]
    if len(files) < 2:
        return [detect_task(scanner, sources, task) for task in batch]
    _ = scanner.analyzer  # loading the NLP pipeline is the scan's cost, not these items': outside the limit
    batch = [read_task(scanner, sources, task) for task in batch]
    try:
        with time_limit(scanner.cfg.limits.item_timeout_s):
            scanner.prepare([(item, content) for _, item, content in batch if content is not None])
    except Exception:  # ItemTimeout too: each file alone, below
        scanner.forget()
    try:
        return [detect_task(scanner, sources, task) for task in batch]
    finally:
        scanner.forget()


def _worker_batch(batch: list[Any]) -> list[Outcome]:
    sources = _WORKER.setdefault("sources", {})
    with alarm_handler():
        outcomes = detect_batch(_WORKER["scanner"], sources, [unwrap(task) for task in batch])
    if _WORKER.get("encode"):  # the scan keeps a cache: its encoding made here, not in the scan's process
        for _, detected in outcomes:
            if detected is not None:
                detected.encoded = encode(detected)
    return outcomes


PR_SET_PDEATHSIG = 1
WATCH_PARENT_S = 1.0


def die_with_parent(parent: int) -> None:
    """Run in each worker as it starts: when the scan's process dies (killed, terminated, crashed),
    its workers must not stay behind (hundreds of MB each, holding files open on the share).

    On Linux the kernel sends SIGKILL to the worker when its parent ends (prctl PR_SET_PDEATHSIG);
    a watchdog thread that sees the worker re-parented covers other systems, and the moment
    between fork and prctl in which the parent may already have gone.
    """
    with contextlib.suppress(OSError, AttributeError):
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            threading.Event().wait(WATCH_PARENT_S)

    threading.Thread(target=watch, name="avgscan-parent-watch", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


WARM_UP = TextUnit(place="alinea 1", text=(
    "Naam leerling: Jan de Vries\nGeboortedatum: 12-03-2014\nDe moeder van Jan belde op 06-12345678 over zijn "
    "ADHD en de jeugdhulp. Adres: Dorpsstraat 12, 1234 AB Zwolle; e-mail ouder@example.nl; BSN 111222333."))


def warm_up(scanner: ItemWork) -> None:
    """Build the analyzer and detect one made-up file, before forking: the word lists and tables that load on
    first use (OpenTaal, names, phone metadata, roles: about 100 MB) are then built once in the parent and
    shared by every fork, instead of being built again in each worker and in each replacement."""
    _ = scanner.analyzer
    scanner.detect_item(Item(source="", path="opwarmen.txt", kind="file"), Content(units=[WARM_UP]))


def worker_pool(workers: int, max_items: int = 0, max_mb: float = 0) -> WorkerPool:
    """Forked workers (they inherit the built analyzer) that end when the parent ends, leave Ctrl-C to
    it, and are replaced by a fresh fork after `max_items` items or past `max_mb` of their own memory."""
    parent = os.getpid()
    return WorkerPool(workers, _worker_batch, start=lambda: _start_worker(parent), max_items=max_items,
                      max_mb=max_mb, on_grown=lambda batch, mb: _grown(batch, mb, max_mb))


def _grown(batch: list[Task], own_mb: float, max_mb: float) -> None:
    """Which item made a worker large is worth knowing: the same file will do it again next year."""
    where = ", ".join(f"{name}:{item.path}" for name, item, _ in batch[:3]) + (" …" if len(batch) > 3 else "")
    log.warning("analyseproces vervangen na %s: %.0f MB eigen geheugen (grens limits.worker_max_mb: %g MB)",
                where, own_mb, max_mb)


def _start_worker(parent: int) -> None:
    die_with_parent(parent)
    _leave_interrupts_to_parent()


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def fingerprint(scanner: Crawler, item: Item, content: Content | None) -> str:
    from scanner.cache import item_fingerprint

    if content is None:
        if item.fingerprint:  # the source's own (an eTag, a content hash); keyed: a short file's hash is guessable
            return item_fingerprint(item, scanner.keyer.of("file", item.fingerprint))
        return item_fingerprint(item)
    return item_fingerprint(item, scanner.keyer.of("row", "\x1f".join(f"{u.place}\x1e{u.text}" for u in content.units)))


Submit = Callable[[list[Task]], "Future[list[Outcome]] | Any"]
ROW_BATCH = 256  # database rows per submission: one row is too little work to pay for the IPC
FILE_BATCH = 32  # files per submission to a worker: their NER runs as one batch (detect_batch)
FILE_BATCH_BYTES = 1024 * 1024  # of file size: a batch's texts and first-pass Docs are held together


class _Batch:
    """Tasks sent to a worker together; `future` is set when the batch is submitted."""

    def __init__(self) -> None:
        self.tasks: list[Task] = []
        self.future: Any = None
        self.bytes = 0  # of its files
        self.alone: list[Any] | None = None  # one submission per task, after the batch as a whole failed

    def outcome(self, pos: int, submit: Submit) -> Outcome:
        """The outcome of task `pos`. A batch that failed as a whole (its worker died: a crashing parser,
        the out-of-memory killer) is sent again one task per submission, so that only the file that
        did it fails and the others it shared the batch with are scanned."""
        try:
            return self.future.result()[pos]  # type: ignore[no-any-return]
        except Exception:
            if len(self.tasks) == 1:
                raise
            if self.alone is None:
                self.alone = [submit([task]) for task in self.tasks]
            return self.alone[pos].result()[0]  # type: ignore[no-any-return]


def run_ordered(scanner: ItemWork, submit: Submit, window_size: int, cache: ItemCache | None,
                row_batch: int = ROW_BATCH, rows_here: bool = False, bulk: Bulk | None = None,
                between: Callable[[], object] | None = None, file_batch: int = 1,
                crawl: Iterable[Task | Ready] | None = None) -> Iterator[Ready]:
    """Feed tasks to `submit` in batches (up to `file_batch` files or FILE_BATCH_BYTES of them, up to
    `row_batch` rows), answer unchanged items from the cache, yield in crawl order.
    With `rows_here`, database rows are detected in this process instead of being submitted (but for a table whose
    values differ from row to row: columnar.PooledRow); with `bulk`
    tables go through the columnar path (its rows are not kept in the cache: they count as misses).
    `crawl` is the crawl when the caller made it (`tasks`, e.g. in a ReadAhead), else `tasks(scanner, bulk)`.
    `between` runs after each task (the local pool hands out work and takes in answers there, so its
    workers do not wait while this process detects rows). An entry that is ready at the window's head goes
    at once: only futures need the window (a table's rows are ready, and their batches many rows each)."""
    window: deque[Ready | tuple[Item, str, _Batch, int]] = deque()
    open_batch = _Batch()

    def send() -> None:
        nonlocal open_batch
        if open_batch.tasks:
            open_batch.future = submit(open_batch.tasks)
            open_batch = _Batch()

    def complete(item: Item, fp: str, detected: Detected | None) -> ScannedItem:
        if cache is not None:
            cache.store_item(item, fp, detected)
        return scanner.finish(item, detected)

    def settle(entry: Ready | tuple[Item, str, _Batch, int]) -> Ready:
        if not isinstance(entry, tuple):
            return entry
        item, fp, batch, pos = entry
        if batch.future is None:
            send()
        try:
            item, detected = batch.outcome(pos, submit)
        except Exception as err:  # a worker that died (out of memory, a crashing parser library)
            reason = f"analyse afgebroken: {one_line(err, detail=False)}"
            item.status, item.reason, detected = "unreadable", reason, None
        return complete(item, fp, detected)

    for task in tasks(scanner, bulk) if crawl is None else crawl:
        if isinstance(task, ScannedItem):
            if cache is not None and task.item.kind == "row":
                cache.misses += 1
            window.append(task)
        elif isinstance(task, CopiedRows):
            if cache is not None:
                cache.misses += len(task.items)
            window.append(task)
        else:
            _, item, content = task
            fp = fingerprint(scanner, item, content)
            hit, detected = cache.lookup(item, fp) if cache is not None and item.status == "scanned" else (False, None)
            if hit:
                window.append(scanner.finish(item, detected))
            elif rows_here and content is not None and not isinstance(task, columnar.PooledRow):
                item, detected = detect_task(scanner, {}, task)
                window.append(complete(item, fp, detected))
            else:
                open_batch.tasks.append(task)
                window.append((item, fp, open_batch, len(open_batch.tasks) - 1))
                if content is None:
                    open_batch.bytes += item.size or 0
                full = file_batch if content is None else row_batch
                if len(open_batch.tasks) >= full or open_batch.bytes >= FILE_BATCH_BYTES:
                    send()
        if between is not None:
            between()
        while window and (len(window) >= window_size or not isinstance(window[0], tuple)):
            yield settle(window.popleft())
    send()
    while window:
        yield settle(window.popleft())
    if cache is not None:
        cache.finish()


class _Done:
    """A result computed in the calling process, shaped like a future."""

    def __init__(self, value: list[Outcome]) -> None:
        self.value = value

    def result(self) -> list[Outcome]:
        return self.value


def scan_all(scanner: ItemWork, workers: int | None = 1, cache: ItemCache | None = None) -> Iterator[Ready]:
    """The local executor: inline with one worker, else forked processes (a dask cluster is
    scanner.dask_executor, chosen by the caller)."""
    workers = default_workers() if workers is None or workers <= 0 else workers
    # tables by column, kept in the item cache as the row path keeps rows; a table the cache holds rows of
    # (a rescan) is read by row there, each unchanged row and its judgement answered from the cache
    bulk = columnar_path(scanner, cache)
    if workers == 1:
        sources: dict[str, Source] = {}
        with alarm_handler():
            # one file at a time: the progress line and an item's time stay the item's own (tests/hostile)
            yield from run_ordered(scanner, lambda batch: _Done([detect_task(scanner, sources, t) for t in batch]),
                                   1, cache, row_batch=1, bulk=bulk)
        for s in sources.values():
            s.close()
        return
    pools: list[WorkerPool] = []
    limits = scanner.cfg.limits
    readers: list[EarlyReader[Task]] = []

    def crawl() -> Iterator[Task | Ready]:  # runs from the first next(), when `ahead` is there
        yield from tasks(scanner, None if bulk is None else ahead.paused(bulk))

    ahead: ReadAhead[Task | Ready] = ReadAhead(crawl())
    # a first scan (nothing to answer from the cache) whose analyzer is not built yet: read files meanwhile
    read_early = EARLY_READING and (cache is None or cache.empty)

    def submit(batch: list[Task]) -> Ticket:
        if not pools:  # the first item the cache cannot answer: load the analyzer, then fork
            if read_early and not scanner.analyzer_built:
                readers.extend(early_reader(scanner, batch, ahead))
            try:
                warm_up(scanner)
            finally:
                for reader in readers:
                    read = reader.stop()
                    log.info("tijdens het opwarmen (%.1f s) vooraf gelezen: %d van %d bestanden",
                             reader.seconds, read, reader.taken)
            _WORKER["scanner"] = scanner  # inherited by the forked workers
            _WORKER["encode"] = cache is not None
            pools.append(worker_pool(workers, limits.worker_max_items, limits.worker_max_mb))
        return pools[0].submit(readers[0].fill(batch) if readers else batch)

    completed = False
    try:
        with alarm_handler():  # rows are detected here
            yield from run_ordered(scanner, submit, workers * IN_FLIGHT_PER_WORKER * ROW_BATCH, cache,
                                   rows_here=True, between=lambda: pools and pools[0].pump(block=False),
                                   file_batch=FILE_BATCH, crawl=ahead)
        completed = True
    finally:
        for pool in pools:
            if completed:
                pool.close()
                log.info("analyseprocessen vervangen: %d, weggevallen: %d", pool.replaced, pool.died)
            else:
                pool.abandon()
        _WORKER.clear()


def early_reader(scanner: ItemWork, batch: list[Task], ahead: ReadAhead[Task | Ready]) -> list[EarlyReader[Task]]:
    """A fork reading the files of `batch` and the next ones of the crawl (taken from `ahead`, bounded:
    scanner.kernel.early_reader) while this process warms up, each under the item time limit as a worker
    reads it (read_early: an unreadable file comes back saying why; one it ran out of time on is left to
    a worker, since the reader's share of the CPU during the warm-up is not a worker's). It starts before
    the analyzer is built, so it is small; it ends with the parent, and leaves Ctrl-C to it, as the
    workers do. None (an empty list) when it cannot be started: the workers read those files, as without it."""

    def to_read(entry: Task | Ready) -> int | None:
        if isinstance(entry, tuple) and entry[2] is None and entry[1].status == "scanned":
            return entry[1].size or 0
        return None

    todo = [task for task in batch if to_read(task) is not None] + ahead.take(to_read)  # type: ignore[misc]
    sources: dict[str, Source] = {}
    parent = os.getpid()
    try:
        return [EarlyReader(todo, lambda task: read_early(scanner, sources, task), start=lambda: _start_worker(parent))]
    except Exception as err:  # no fork, no pipe, no thread: the taken tasks are still queued in `ahead`
        log.warning("bestanden vooraf lezen lukte niet: %s", one_line(err))
        return []


def columnar_path(scanner: ItemWork, cache: ItemCache | None = None) -> Bulk | None:
    """Database tables read by column in this process (scanner.columnar; switched off only to measure
    the row path beside it). The rows it leaves to the row path are detected here, like `rows_here`."""
    if not columnar.ENABLED:
        return None
    return lambda source, cfg: columnar.scan_tables(scanner, source, cfg,  # type: ignore[arg-type]
                                           lambda task: detect_task(scanner, {}, task), cache)


def _leave_interrupts_to_parent() -> None:
    """Ctrl-C reaches every process of the terminal's group; the parent stops the scan, a worker that
    raised KeyboardInterrupt itself would only print its own traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
