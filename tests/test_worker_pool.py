"""Workers are replaced when they are due (items done, memory held) or die, and no batch is lost."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from scanner.config import load_config
from scanner.pipeline import run_scan
from scanner.worker_pool import WorkerDied, WorkerPool
from tests.test_cli import school  # noqa: F401  (fixture)
from tests.test_executor import _key

HELD: list[bytearray] = []  # what a growing worker keeps (a library's cache that never shrinks)


def _pid_and_double(batch: list[int]) -> list[tuple[int, int]]:
    return [(os.getpid(), n * 2) for n in batch]


def _grow(batch: list[int]) -> list[tuple[int, int]]:
    HELD.append(bytearray(40 * 1024 * 1024))  # written: pages of its own, not shared with the parent
    return _pid_and_double(batch)


def _die_on_13(batch: list[int]) -> list[tuple[int, int]]:
    if 13 in batch:
        os._exit(9)  # as the kernel's out-of-memory killer would end it: no answer, no exception
    return _pid_and_double(batch)


def _all(pool: WorkerPool, batches: list[list[int]]) -> list[object]:
    tickets = [pool.submit(b) for b in batches]
    out: list[object] = []
    for t in tickets:
        try:
            out.append(t.result())
        except WorkerDied as err:
            out.append(err)
    pool.close()
    return out


def test_a_worker_is_replaced_after_its_items_and_every_batch_comes_back_in_order() -> None:
    pool = WorkerPool(2, _pid_and_double, max_items=3)
    results = _all(pool, [[n] for n in range(20)])
    assert [r[0][1] for r in results] == [n * 2 for n in range(20)]  # type: ignore[index]
    by_pid: dict[int, int] = {}
    for r in results:
        by_pid[r[0][0]] = by_pid.get(r[0][0], 0) + 1  # type: ignore[index]
    assert max(by_pid.values()) <= 3 and len(by_pid) >= 7
    assert pool.replaced >= 5 and pool.died == 0


def _frozen(batch: list[int]) -> list[int]:
    return [gc.get_freeze_count() for _ in batch]


def test_a_workers_garbage_collections_leave_the_parents_objects_alone() -> None:
    """Objects the parent held at the fork are frozen in the worker (a collection there would write to each and
    copy its page: the bench corpus's workers took 108 MB more PSS together); in the parent they are not."""
    kept = [{"woord": n} for n in range(1000)]  # tracked objects the parent holds, like the analyzer's lists
    pool = WorkerPool(1, _frozen)
    try:
        assert pool.submit([1]).result()[0] >= len(kept)
    finally:
        pool.close()
    assert gc.get_freeze_count() == 0


def test_a_worker_that_grows_past_its_memory_bound_is_replaced() -> None:
    told: list[tuple[list[int], float]] = []
    grown = WorkerPool(1, _grow, max_mb=100, on_grown=lambda batch, mb: told.append((batch, mb)))
    results = _all(grown, [[n] for n in range(8)])
    # the batch that tipped it: the third at 40 MB a batch, or one later when the worker's resident set fell below
    # its starting point first (pages it shares with a large parent, as the whole suite's process is, dropped)
    assert told and all(mb >= 100 for _, mb in told) and told[0][0] in ([0], [1], [2], [3])
    pids = [r[0][0] for r in results]  # type: ignore[index]
    assert [r[0][1] for r in results] == [n * 2 for n in range(8)]  # type: ignore[index]
    assert len(set(pids)) >= 2 and grown.replaced >= 1  # 40 MB a batch: a fresh one after 4 batches at most
    unbounded = WorkerPool(1, _grow)
    assert len({r[0][0] for r in _all(unbounded, [[n] for n in range(8)])}) == 1  # type: ignore[index]
    assert unbounded.replaced == 0


def test_a_worker_that_dies_fails_only_its_own_batch() -> None:
    pool = WorkerPool(2, _die_on_13)
    results = _all(pool, [[n] for n in range(10, 20)])
    assert isinstance(results[3], WorkerDied) and "exitcode 9" in str(results[3])
    assert [r[0][1] for i, r in enumerate(results) if i != 3] == [n * 2 for n in range(10, 20) if n != 13]  # type: ignore[index]
    assert pool.died == 1


def test_recycled_workers_give_the_same_report(school: Path) -> None:  # noqa: F811
    cfg = load_config(school / "avgscan.yaml")
    inline = _key(run_scan(cfg, workers=1))
    cfg.limits.worker_max_items = 1  # a fresh worker for every item
    assert _key(run_scan(cfg, workers=2)) == inline


@pytest.mark.parametrize("field", ["worker_max_items", "worker_max_mb"])
def test_worker_bounds_cannot_be_negative(school: Path, field: str) -> None:  # noqa: F811
    import yaml
    from pydantic import ValidationError

    from scanner.config import ScanConfig

    data = yaml.safe_load((school / "avgscan.yaml").read_text(encoding="utf-8"))
    data.setdefault("limits", {})[field] = -1
    with pytest.raises(ValidationError):
        ScanConfig.model_validate({**data, "base_dir": school})
