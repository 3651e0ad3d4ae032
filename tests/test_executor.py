"""The parallel scan gives the same report as the inline scan, and a failing item never stops it."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from scanner.config import load_config
from scanner.pipeline import Scanner, run_scan
from scanner.records.loading import load_records
from tests.test_cli import school  # noqa: F401  (fixture)


def _key(report) -> list[tuple]:  # noqa: ANN001
    return ([(v.rule, v.path, v.leerlingnummer) for v in report.violations],
            [(f.path, f.place, f.entity_type, f.value) for f in report.findings],
            [(i.path, i.status) for i in report.items])


def test_parallel_equals_inline(school: Path) -> None:  # noqa: F811
    cfg = load_config(school / "avgscan.yaml")
    assert _key(run_scan(cfg, workers=1)) == _key(run_scan(cfg, workers=2))


def test_an_item_that_fails_analysis_is_unreadable(school: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    def boom(self, item, content):  # noqa: ANN001, ANN202
        if item.path.endswith("OPP.docx"):
            raise RuntimeError("parser crashed")
        return original(self, item, content)

    original = Scanner.detect_item
    monkeypatch.setattr(Scanner, "detect_item", boom)
    cfg = load_config(school / "avgscan.yaml")
    report = run_scan(cfg, records=load_records(cfg), workers=1)
    bad = [i for i in report.items if i.path.endswith("OPP.docx")]
    # the kind of error, never its message: a library's message may quote the content it failed on
    assert bad[0].status == "unreadable" and "RuntimeError" in (bad[0].reason or "")
    assert "parser crashed" not in (bad[0].reason or "")
    assert len(report.items) == 4


def test_a_parser_stopped_by_the_time_limit_is_reported_as_stopped(school: Path,  # noqa: F811
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The extractors' catch-all ("beschadigd of onleesbaar bestand") lets the item time limit through: a
    file a parser spends too long on is not damaged, and the FG reads that it was stopped."""
    import connectors.extractors as extractors

    def endless(data: bytes, name: str) -> None:
        while True:
            sum(range(10_000))

    original = extractors.extractor_for
    monkeypatch.setattr(extractors, "extractor_for",
                        lambda name: endless if name.endswith("OPP.docx") else original(name))
    cfg = load_config(school / "avgscan.yaml")
    cfg.limits.item_timeout_s = 1.0
    report = run_scan(cfg, workers=1)
    bad = [i for i in report.items if i.path.endswith("OPP.docx")]
    assert (bad[0].status, bad[0].reason) == ("unreadable", "afgebroken: tijdslimiet van 1 s overschreden")


def test_a_file_that_kills_its_worker_fails_alone(school: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Files go to a worker several at a time; when one kills it, the others of its batch are read again."""
    import os

    from scanner.worker_pool import WorkerPool

    def die(self, item, content):  # noqa: ANN001, ANN202
        if item.path.endswith("OPP.docx"):
            os._exit(9)  # as a crashing parser library or the out-of-memory killer would end it
        return original(self, item, content)

    cfg = load_config(school / "avgscan.yaml")
    inline = run_scan(cfg, workers=1)
    original = Scanner.detect_item
    monkeypatch.setattr(Scanner, "detect_item", die)
    sent: list[int] = []
    submit = WorkerPool.submit
    monkeypatch.setattr(WorkerPool, "submit", lambda pool, batch: sent.append(len(batch)) or submit(pool, batch))
    report = run_scan(cfg, workers=2)
    assert sent[0] >= 3 and sent.count(1) >= 3  # the culprit's batch held other files; each was sent again alone
    bad = [i for i in report.items if i.path.endswith("OPP.docx")]
    assert bad[0].status == "unreadable" and "analyse afgebroken" in (bad[0].reason or "")
    others = {i.path: i.status for i in report.items if not i.path.endswith("OPP.docx")}
    assert others == {i.path: i.status for i in inline.items if not i.path.endswith("OPP.docx")}
    assert "unreadable" not in others.values()
    assert ([(f.path, f.place, f.value) for f in report.findings]
            == [(f.path, f.place, f.value) for f in inline.findings if not f.path.endswith("OPP.docx")])


def test_dask_local_cluster_equals_inline(school: Path) -> None:  # noqa: F811
    pytest.importorskip("distributed")
    cfg = load_config(school / "avgscan.yaml")
    assert _key(run_scan(cfg, workers=1)) == _key(run_scan(cfg, workers=2, executor="dask"))


def test_dask_submissions_go_in_groups() -> None:
    """Files reach dask several to a task; each submission gets its own results back, in order, and one
    the executor waits for is sent at once even when its group is not full."""
    from scanner.dask_executor import Grouped

    fetched: list[list] = []

    class Done:  # a dask future: the worker's pickled outcomes, fetched from the worker at every result()
        def __init__(self, tasks: list) -> None:  # noqa: ANN401
            self.tasks = tasks

        def result(self) -> bytes:
            fetched.append(self.tasks)
            return pickle.dumps([(t, "detected") for t in self.tasks])

        def release(self) -> None:
            pass

    sent: list[list] = []
    grouped = Grouped(lambda tasks: sent.append(list(tasks)) or Done(tasks), size=3)
    shares = [grouped.submit([f"file{i}"]) for i in range(4)] + [grouped.submit(["row1", "row2"])]
    assert sent == [["file0", "file1", "file2"], ["file3", "row1", "row2"]]
    assert [s.result() for s in shares] == [[(f"file{i}", "detected")] for i in range(4)] + [
        [("row1", "detected"), ("row2", "detected")]]
    assert fetched == sent  # each group fetched from its worker once, not once per file in it
    waiting = grouped.submit(["file4"])
    assert len(sent) == 2 and waiting.result() == [("file4", "detected")] and sent[-1] == ["file4"]


def test_a_dask_group_that_fails_is_sent_again_file_by_file() -> None:
    """A worker that dies fails its whole group: each file is then sent on its own, so only the file that
    kills the worker is lost, not the fifteen sent with it."""
    from scanner.dask_executor import Grouped

    class Outcome:
        def __init__(self, tasks: list) -> None:
            self.tasks = tasks

        def result(self) -> bytes:
            if "bomb" in self.tasks:
                raise RuntimeError("KilledWorker")
            return pickle.dumps([(t, "detected") for t in self.tasks])

        def release(self) -> None:
            pass

    sent: list[list] = []
    grouped = Grouped(lambda tasks: sent.append(list(tasks)) or Outcome(tasks), size=3)
    shares = [grouped.submit([name]) for name in ("a", "bomb", "c")]
    assert shares[0].result() == [("a", "detected")] and shares[2].result() == [("c", "detected")]
    with pytest.raises(RuntimeError):
        shares[1].result()
    assert sent == [["a", "bomb", "c"], ["a"], ["c"], ["bomb"]]
    assert shares[0].result() == [("a", "detected")] and len(sent) == 4  # asked again: not sent again


def test_item_time_and_text_limits(school: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import time

    def slow(self, item, content):  # noqa: ANN001, ANN202
        if item.path.endswith("MDO.docx"):
            time.sleep(5)
        return original(self, item, content)

    original = Scanner.detect_item
    monkeypatch.setattr(Scanner, "detect_item", slow)
    cfg = load_config(school / "avgscan.yaml")
    cfg.limits.item_timeout_s = 0.5
    started = time.monotonic()
    report = run_scan(cfg, workers=1)
    assert time.monotonic() - started < 5
    slow_item = next(i for i in report.items if i.path.endswith("MDO.docx"))
    assert slow_item.status == "unreadable" and "tijdslimiet" in (slow_item.reason or "")
    monkeypatch.setattr(Scanner, "detect_item", original)
    cfg.limits.max_text_mb = 0.00001  # ~10 characters
    report = run_scan(cfg, workers=1)
    assert {i.reason.split(" (")[0] for i in report.items if i.status == "unreadable"} == {"te veel tekst"}


def test_the_parent_builds_what_loads_on_first_use_before_it_forks(school: Path) -> None:  # noqa: F811
    """Forked workers share what the parent built; word lists built on a worker's first file were built
    again in every worker (about 100 MB each). warm_up leaves them built in the parent."""
    from scanner.detection.name_evidence import dutch_words
    from scanner.executor import warm_up

    cfg = load_config(school / "avgscan.yaml")
    scanner = Scanner(cfg, load_records(cfg))
    _ = scanner.analyzer
    dutch_words.cache_clear()
    warm_up(scanner)
    assert dutch_words.cache_info().currsize == 1


def test_a_worker_encodes_what_the_cache_keeps(school: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Session 38: a forked worker makes the detection cache's encoding of each item it detected, only when the scan
    keeps a cache, and the scan's process stores that encoding as it is instead of making it again."""
    from dataclasses import replace

    from scanner import executor
    from scanner.cache import ItemCache, encode
    from scanner.state import StateStore

    cfg = load_config(school / "avgscan.yaml")
    scanner = Scanner(cfg, load_records(cfg))
    files = [t for t in executor.tasks(scanner, None) if isinstance(t, tuple) and t[1].kind == "file"][:3]
    monkeypatch.setitem(executor._WORKER, "scanner", scanner)
    monkeypatch.setitem(executor._WORKER, "encode", False)
    assert all(d is None or d.encoded is None for _, d in executor._worker_batch(files))
    monkeypatch.setitem(executor._WORKER, "encode", True)
    outcomes = executor._worker_batch(files)
    assert [d.encoded for _, d in outcomes if d is not None] == [
        encode(replace(d, encoded=None)) for _, d in outcomes if d is not None]
    assert any(d is not None and d.findings for _, d in outcomes)
    store = StateStore.open(school / "out-encoded")
    assert store is not None
    cache = ItemCache(store, "fingerprint", read=False)
    item, detected = next((i, d) for i, d in outcomes if d is not None and d.findings)
    assert cache.store_item(item, "fp", replace(detected, encoded=b'{"made":"in the worker"}')) \
        == b'{"made":"in the worker"}'
