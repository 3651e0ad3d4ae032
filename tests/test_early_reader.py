"""Files read by a forked reader while the parent warms up (scanner/kernel/early_reader.py, issue 17): the
report is the same with and without it, whatever the reader does (reads all, dies, raises, hangs), and
nothing it was given is lost."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

from scanner.kernel.early_reader import PAUSE, EarlyReader, Preread, ReadAhead, unwrap

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


def test_the_reader_never_waits_on_a_full_pipe() -> None:
    """20 MB sent back while this process does not read (it warms up): a thread here takes it in."""
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


def test_the_reader_stops_past_its_bound_of_content() -> None:
    tasks = list(range(10))
    reader = _reader(tasks, read=lambda n: "x" * 1000, max_bytes=2500)
    reader.process.join(30)
    assert reader.stop() == 3  # the third took it past 2500 bytes


def test_a_reader_killed_from_outside_loses_nothing() -> None:
    tasks = list(range(4))
    reader = _reader(tasks, read=_slow)
    time.sleep(1.0)
    os.kill(reader.process.pid, signal.SIGKILL)
    reader.process.join(30)
    assert reader.stop() == 2
    assert _filled(reader, tasks) == [0, 1, ("unread", 2), ("unread", 3)]
