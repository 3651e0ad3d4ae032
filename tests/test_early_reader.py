"""Files read by a forked reader while the parent warms up (scanner/kernel/early_reader.py, issue 17): the
report is the same with and without it, whatever the reader does (reads all, dies, raises, hangs), and
nothing it was given is lost."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scanner import executor
from scanner.kernel.early_reader import PAUSE, EarlyReader, Preread, ReadAhead, unwrap

# The reader reads while the parent loads the NLP pipeline: these scans load their own (tests/conftest.py).
pytestmark = pytest.mark.fresh_pipeline

# -- the parts on their own ------------------------------------------------------------------------------


def test_entries_taken_ahead_come_out_in_crawl_order() -> None:
    ahead = ReadAhead(iter(range(10)))
    assert [next(ahead), next(ahead)] == [0, 1]
    taken = ahead.take(lambda n: n if n % 2 else None, items=5)  # odd numbers are files to read
    assert taken == [3, 5]
    assert list(ahead) == list(range(2, 10))


def test_taking_ahead_stops_at_the_size_bound() -> None:
    ahead = ReadAhead(iter(range(1, 10)))
    assert ahead.take(lambda n: n, max_bytes=6) == [1, 2, 3]  # 1 + 2 + 3 reaches 6
    assert list(ahead) == list(range(1, 10))


def test_taking_ahead_stops_before_work_that_pauses_it() -> None:
    started: list[str] = []

    def tables(name: str) -> Iterator[str]:  # like the columnar path: detection in this process
        started.append(name)
        yield f"{name}:row"

    def crawl() -> Iterator[Any]:
        yield "a.docx"
        yield "b.pdf"
        yield from ahead.paused(tables)("las")
        yield "c.txt"

    ahead: ReadAhead[str] = ReadAhead(crawl())
    assert ahead.take(lambda e: 1) == ["a.docx", "b.pdf"]
    assert started == []  # the table work did not start while taking ahead
    assert list(ahead) == ["a.docx", "b.pdf", "las:row", "c.txt"] and started == ["las"]
    assert PAUSE not in list(ReadAhead(iter([PAUSE, 1])))  # a pause met by the loop itself is passed over


def _double(n: int) -> int:
    return n * 2


def _reader(tasks: list[int], read: Any = _double, **kwargs: Any) -> EarlyReader[int]:
    return EarlyReader(tasks, read, **kwargs)


def _filled(reader: EarlyReader[int], tasks: list[int]) -> list[Any]:
    return [t.load() if isinstance(t, Preread) else ("unread", t) for t in reader.fill(tasks)]


def test_the_reader_reads_in_order_and_each_task_is_handed_out_once() -> None:
    tasks = list(range(100, 120))
    reader = _reader(tasks)
    reader.process.join(30)
    assert reader.stop() == 20
    assert _filled(reader, tasks[:5]) == [200, 202, 204, 206, 208]
    assert _filled(reader, tasks[:2]) == [("unread", 100), ("unread", 101)]  # sent again: a worker reads it
    assert unwrap(reader.fill([tasks[5]])[0]) == 210 and unwrap(7) == 7


def test_the_reader_never_waits_for_this_process() -> None:
    """20 MB read while this process does not look (it warms up): the reader writes it all and ends."""
    tasks = list(range(40))
    reader = _reader(tasks, read=lambda n: "x" * 512 * 1024)
    reader.process.join(30)
    assert not reader.process.is_alive() and reader.stop() == 40


def _raise_on_3(n: int) -> int:
    if n == 3:
        raise RuntimeError("a bug in read")
    return n


def _exit_on_3(n: int) -> int:
    if n == 3:
        os._exit(9)  # a crashing library, the out-of-memory killer
    return n


def _unpicklable_on_3(n: int) -> Any:
    return (lambda: n) if n == 3 else n


@pytest.mark.parametrize("read", [_raise_on_3, _exit_on_3, _unpicklable_on_3])
def test_what_the_reader_could_not_send_is_left_to_the_workers(read: Any) -> None:
    tasks = list(range(6))
    reader = _reader(tasks, read=read)
    reader.process.join(30)
    reader.stop()
    got = _filled(reader, tasks)
    assert got[:3] == [0, 1, 2] and got[3] == ("unread", 3)
    if read is _exit_on_3:
        assert got[4:] == [("unread", 4), ("unread", 5)]
    else:
        assert got[4:] == [4, 5]


def _slow(n: int) -> int:
    time.sleep(0 if n < 2 else 60)  # a file that takes long (within its time limit)
    return n


def test_stopping_the_reader_does_not_wait_for_what_it_reads() -> None:
    tasks = list(range(4))
    reader = _reader(tasks, read=_slow)
    time.sleep(1.0)
    started = time.monotonic()
    assert reader.stop() == 2
    assert time.monotonic() - started < 10 and not reader.process.is_alive()
    assert _filled(reader, tasks) == [0, 1, ("unread", 2), ("unread", 3)]


class _SlowToFree:
    def __del__(self) -> None:
        time.sleep(60)  # a package closed as the collector frees it (ZipFile.__del__)


def _freed_slowly(n: int) -> int:
    if n == 2:
        _SlowToFree()
    return n


def test_a_stop_while_a_finalizer_runs_ends_the_reader_quietly(capfd: pytest.CaptureFixture[str]) -> None:
    """Not 'Exception ignored in ... __del__' on the scan's terminal and a reader that reads on until killed."""
    tasks = list(range(4))
    reader = _reader(tasks, read=_freed_slowly)
    time.sleep(1.0)
    assert reader.stop() == 2
    assert reader.process.exitcode == 0  # ended by itself, not by the kill a second later
    assert "Exception ignored" not in capfd.readouterr().err
    assert _filled(reader, tasks) == [0, 1, ("unread", 2), ("unread", 3)]


def test_what_does_not_fit_the_reader_s_room_is_left_to_the_workers() -> None:
    tasks = [(0, 1000), (1, 5000), (2, 1000), (3, 1000)]  # (task, size of its content)
    reader = EarlyReader(tasks, read=lambda task: "x" * task[1], max_bytes=2500)
    reader.process.join(30)
    assert reader.stop() == 2
    got = [t.load() if isinstance(t, Preread) else t for t in reader.fill(tasks)]
    assert got == ["x" * 1000, (1, 5000), "x" * 1000, (3, 1000)]


def test_records_that_do_not_add_up_are_all_left_to_the_workers() -> None:
    import mmap

    from scanner.kernel.early_reader import _records

    shared = mmap.mmap(-1, 64)
    shared[:8] = (8 + 8 + 3).to_bytes(8, "little")
    shared[8:19] = (3).to_bytes(8, "little") + b"abc"
    assert _records(shared) == [b"abc"]
    shared[8:16] = (30).to_bytes(8, "little")  # torn: longer than what was written
    assert _records(shared) == []
    shared[:8] = (999).to_bytes(8, "little")
    assert _records(shared) == []


def test_a_reader_killed_from_outside_loses_nothing() -> None:
    tasks = list(range(4))
    reader = _reader(tasks, read=_slow)
    time.sleep(1.0)
    os.kill(reader.process.pid, signal.SIGKILL)
    reader.process.join(30)
    assert reader.stop() == 2
    assert _filled(reader, tasks) == [0, 1, ("unread", 2), ("unread", 3)]


# -- in a scan ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_school(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo school whose share has more files than one batch (so the workers start before the tables),
    the first of which in crawl order does not open."""
    from scanner.demo import build_demo_school

    root = tmp_path_factory.mktemp("early")
    build_demo_school(root, seed=5, pupils=30, documents=45)
    first = next(_crawled(root))
    (root / "share" / first).write_bytes(b"PK\x03\x04 geen zip")
    return root


def _crawled(root: Path) -> Iterator[str]:
    from scanner.config import load_config
    from scanner.pipeline import Scanner
    from scanner.records.loading import Records

    scanner = Scanner(load_config(root / "avgscan.yaml"), Records())
    for task in executor.tasks(scanner):
        if isinstance(task, tuple) and task[1].kind == "file" and task[1].path.endswith(".docx"):
            yield task[1].path


def _key(report: Any) -> tuple[list[Any], ...]:
    return ([(v.rule, v.path, v.leerlingnummer) for v in report.violations],
            [(f.path, f.place, f.entity_type, f.value, f.start, f.end, f.score, f.recognizer) for f in report.findings],
            [(i.path, i.status, i.reason) for i in report.items])


class Seen:
    """The readers a scan made and the tasks its workers got read already."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from scanner.worker_pool import WorkerPool

        self.readers: list[EarlyReader[Any]] = []
        self.preread: list[Any] = []
        seen = self

        class Spy(EarlyReader):  # type: ignore[type-arg]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                seen.readers.append(self)

        submit = WorkerPool.submit

        def spied(pool: WorkerPool, batch: Any) -> Any:
            self.preread += [t.load() for t in batch if isinstance(t, Preread)]
            return submit(pool, batch)

        monkeypatch.setattr(executor, "EarlyReader", Spy)
        monkeypatch.setattr(WorkerPool, "submit", spied)


def _scan(root: Path, early: bool, monkeypatch: pytest.MonkeyPatch, timeout: float | None = None) -> Any:
    from scanner.config import load_config
    from scanner.pipeline import run_scan

    cfg = load_config(root / "avgscan.yaml")
    if timeout is not None:
        cfg.limits.item_timeout_s = timeout
    monkeypatch.setattr(executor, "EARLY_READING", early)
    return run_scan(cfg, workers=2)


def _warm_up_after(monkeypatch: pytest.MonkeyPatch, seen: Seen, then: Any = None) -> None:
    """The warm-up lasts until the reader is done (or `then` says), however fast the machine."""
    original = executor.warm_up

    def slow_warm_up(scanner: Any) -> None:
        original(scanner)
        if then is not None:
            then(seen.readers[-1])
        else:
            seen.readers[-1].process.join(60)

    monkeypatch.setattr(executor, "warm_up", slow_warm_up)


@pytest.fixture(scope="module")
def without(small_school: Path) -> tuple[list[Any], ...]:
    with pytest.MonkeyPatch.context() as mp:
        return _key(_scan(small_school, False, mp))


def test_files_read_during_the_warm_up_change_nothing(small_school: Path, without: tuple[list[Any], ...],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    seen = Seen(monkeypatch)
    _warm_up_after(monkeypatch, seen)
    got = _key(_scan(small_school, True, monkeypatch))
    assert got == without
    assert len(seen.readers) == 1 and len(seen.preread) == seen.readers[0].taken > 32  # all, past one batch
    assert all(content is not None or item.status == "unreadable" for _, item, content in seen.preread)
    # the file that does not open was read by the reader, and reported as without it
    broken = next(item for _, item, _ in seen.preread if item.status == "unreadable")
    assert (broken.path, broken.status, broken.reason) in without[2]
    assert broken.reason and broken.path == next(_crawled(small_school))


def _die_in_reader(monkeypatch: pytest.MonkeyPatch, how: str, at: int = 5) -> None:
    original = executor.read_task
    count = [0]

    def read(scanner: Any, sources: Any, task: Any) -> Any:
        if multiprocessing.current_process().name == "avgscan-reader":
            count[0] += 1
            if count[0] == at:
                if how == "exit":
                    os._exit(9)
                raise RuntimeError("a bug in the reader")
        return original(scanner, sources, task)

    monkeypatch.setattr(executor, "read_task", read)


@pytest.mark.parametrize("how", ["exit", "raise", "kill"])
def test_a_reader_that_dies_or_fails_loses_nothing(small_school: Path, without: tuple[list[Any], ...],
                                                    monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    seen = Seen(monkeypatch)
    if how == "kill":
        def kill(reader: EarlyReader[Any]) -> None:
            os.kill(reader.process.pid, signal.SIGKILL)

        original = executor.read_task

        def slow_read(scanner: Any, sources: Any, task: Any) -> Any:
            if multiprocessing.current_process().name == "avgscan-reader":
                time.sleep(0.5)
            return original(scanner, sources, task)

        monkeypatch.setattr(executor, "read_task", slow_read)
        _warm_up_after(monkeypatch, seen, then=lambda reader: (time.sleep(1.0), kill(reader)))
    else:
        _die_in_reader(monkeypatch, how)
        _warm_up_after(monkeypatch, seen)
    assert _key(_scan(small_school, True, monkeypatch)) == without
    assert 1 <= len(seen.preread) < seen.readers[0].taken


def test_a_reader_that_cannot_be_started_loses_nothing(small_school: Path, without: tuple[list[Any], ...],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(*args: Any, **kwargs: Any) -> None:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(executor, "EarlyReader", no_fork)
    assert _key(_scan(small_school, True, monkeypatch)) == without


def test_a_hostile_slow_file_is_left_by_the_reader_and_times_out_in_a_worker(small_school: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader runs out of time on it too, but does not report that (its share of the CPU during the
    warm-up is not a worker's): it reads on, and a worker reports the file with the reason it has without it."""
    from connectors.filetree import FileTreeSource

    slow_path = list(_crawled(small_school))[3]
    original = FileTreeSource.read

    def read(self: FileTreeSource, item: Any) -> Any:
        if item.path == slow_path:
            time.sleep(30)
        return original(self, item)

    monkeypatch.setattr(FileTreeSource, "read", read)
    plain = {p: (s, r) for p, s, r in _key(_scan(small_school, False, monkeypatch, timeout=2.0))[2]}
    seen = Seen(monkeypatch)
    _warm_up_after(monkeypatch, seen)
    started = time.monotonic()
    early = {p: (s, r) for p, s, r in _key(_scan(small_school, True, monkeypatch, timeout=2.0))[2]}
    assert time.monotonic() - started < 60
    assert early.keys() == plain.keys()
    assert early[slow_path] == plain[slow_path] == ("unreadable", "afgebroken: tijdslimiet van 2 s overschreden")
    assert slow_path not in {item.path for _, item, _ in seen.preread}  # left to a worker, which timed out
    assert len(seen.preread) == seen.readers[0].taken - 1  # the reader read on past it


def _reader_runs_out_of_time(path: str, how: str) -> Any:
    """FileTreeSource.read, with `path` taking longer than the item time limit in the reader only (a worker
    reads it at once), its time-out coming back `how`: the limit's own reason ("limit"), a reason an
    extractor gave after it caught the ItemTimeout ("caught", no trace of it left in the error), what was
    read after it caught it ("read on", e.g. the pages before it), or a program's time-out ("program", as
    OCR and antiword say it)."""
    import subprocess

    from connectors.filetree import FileTreeSource
    from scanner.kernel.errors import Unreadable

    original = FileTreeSource.read

    def read(self: FileTreeSource, item: Any) -> Any:
        if item.path == path and multiprocessing.current_process().name == "avgscan-reader":
            if how == "program":
                try:
                    subprocess.run(["sleep", "30"], timeout=0.5, check=False)
                except subprocess.TimeoutExpired:
                    raise Unreadable("time-out bij het lezen van .doc (meer dan 0.5 s)") from None
            if how == "limit":
                time.sleep(30)
            caught = False
            try:
                time.sleep(30)
            except Exception:  # an extractor's catch-all: the ItemTimeout of the item time limit
                caught = True
            if caught and how == "caught":
                raise Unreadable("beschadigd of onleesbaar bestand")
        return original(self, item)

    return read


@pytest.mark.parametrize("how", ["limit", "caught", "read on", "program"])
def test_a_file_the_reader_runs_out_of_time_on_is_read_by_a_worker(
        small_school: Path, without: tuple[list[Any], ...], monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """Whether a file passes the time limit in the reader depends on its share of the CPU beside the warm-up:
    a file it ran out of time on goes to a worker as if the reader had not reached it, and is read there."""
    from connectors.filetree import FileTreeSource

    slow_path = list(_crawled(small_school))[3]
    monkeypatch.setattr(FileTreeSource, "read", _reader_runs_out_of_time(slow_path, how))
    seen = Seen(monkeypatch)
    _warm_up_after(monkeypatch, seen)
    assert _key(_scan(small_school, True, monkeypatch, timeout=3.0)) == without  # read, not "afgebroken"
    assert slow_path not in {item.path for _, item, _ in seen.preread}
    assert len(seen.preread) == seen.readers[0].taken - 1  # the reader read on past it


def test_a_reader_busy_with_a_slow_file_when_the_warm_up_ends_is_stopped(
        small_school: Path, without: tuple[list[Any], ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """Within the item time limit the reader may take long over one file; the workers do not wait for it."""
    original = executor.read_task
    count = [0]

    def read(scanner: Any, sources: Any, task: Any) -> Any:
        if multiprocessing.current_process().name == "avgscan-reader":
            count[0] += 1
            if count[0] == 3:
                time.sleep(120)
        return original(scanner, sources, task)

    monkeypatch.setattr(executor, "read_task", read)
    seen = Seen(monkeypatch)
    started = time.monotonic()
    assert _key(_scan(small_school, True, monkeypatch)) == without
    assert time.monotonic() - started < 100
    assert len(seen.preread) == 2 and not seen.readers[0].process.is_alive()
