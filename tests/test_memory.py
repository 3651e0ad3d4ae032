"""The scan's process does not hold what the scan finds: items and findings go to a ledger on disk as
they are judged, and the writers read them back in pages (issue 17)."""

from __future__ import annotations

import copy
import gc
import json
import pickle
import tracemalloc
import weakref
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from reports import html_report, pdf_report, view, write_all
from reports.html_report import ROWS_SHOWN
from reports.json_report import report_dict, write_json
from scanner.config import load_config
from scanner.kernel.ledger import CACHE_KB, Ledger
from scanner.kernel.model import Access, Finding, Item, Report, ScannedItem, Violation
from scanner.kernel.subject_index import SubjectIndex
from scanner.pipeline import evaluate, run_scan
from scanner.records.loading import load_records
from scanner.rules import RuleContext
from scanner.triage import ReviewSession, identities, plain_review
from tests.reports.conftest import sample_report
from tests.test_cli import school  # noqa: F401  (fixture)


def _finding(n: int) -> Finding:
    return Finding(source="share", path=f"doc{n}.txt", place="p1", entity_type="PERSON", score=0.9,
                   evidence=f"J*** {n}", recognizer="test", value=f"Jan {n}")


def test_a_ledger_keeps_order_and_positions_across_pages() -> None:
    ledger: Ledger[Finding] = Ledger(page=7)
    for n in range(100):
        ledger.append(_finding(n))
    assert len(ledger) == 100 and ledger
    assert [f.evidence for f in ledger] == [f"J*** {n}" for n in range(100)]
    assert ledger[0].evidence == "J*** 0" and ledger[-1].evidence == "J*** 99" and ledger[50].evidence == "J*** 50"
    assert [f.evidence for f in ledger[95:]] == [f"J*** {n}" for n in range(95, 100)]
    assert ledger == [_finding(n) for n in range(100)]
    assert copy.deepcopy(ledger) == list(ledger)
    assert not Ledger()


def test_a_ledger_holds_at_most_hold_max_entries_and_reads_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    import scanner.kernel.ledger as ledger_module

    monkeypatch.setattr(ledger_module, "HOLD_MAX", 10)
    ledger: Ledger[Finding] = Ledger(page=7)
    ledger.extend((_finding(n) for n in range(60)), hold=range(0, 60, 2))
    assert len(ledger._held) == 10  # the first ten asked for; the other twenty come from their chunks
    assert [ledger[n].evidence for n in range(0, 60, 2)] == [f"J*** {n}" for n in range(0, 60, 2)]


def test_a_ledger_lends_an_entry_to_read_and_copies_one_to_change() -> None:
    ledger: Ledger[Finding] = Ledger(page=7)
    ledger.extend((_finding(n) for n in range(30)), hold={3})
    for n in (3, 20):  # a held entry and one read from its chunk
        assert ledger.peek(n) is ledger.peek(n) and ledger.peek(n).evidence == f"J*** {n}"
        changed = ledger[n]
        changed.evidence = "gewijzigd"
        assert ledger[n].evidence == f"J*** {n}"  # a copy was changed, not the ledger
    report = sample_report()
    listed = report.findings[0]
    assert report.finding(0) is listed  # a plain list: the entry itself
    report.findings = ledger
    assert report.finding(20) is ledger.peek(20)


def test_statuses_of_a_ledger_are_counted_once_and_again_when_it_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    report = sample_report()
    plain = list(report.violations)
    plain[0].status = "accepted"
    report.violations = Ledger(plain)
    expected = {s: sum(v.status == s for v in plain) for s in ("open", "accepted", "false-positive")}
    passes: list[int] = []
    real_iter = Ledger.__iter__
    monkeypatch.setattr(Ledger, "__iter__", lambda self: (passes.append(1), real_iter(self))[1])
    for _ in range(3):
        assert report.count("open") == expected["open"] and report.count("accepted") == expected["accepted"]
        assert report.open_violations == expected["open"] and report.count("false-positive", "accepted") == \
            expected["false-positive"] + expected["accepted"]
    assert len(passes) == 1  # one pass over the ledger for all of them
    report.violations.append(plain[0])  # a ledger that grew is counted again
    assert report.count("accepted") == expected["accepted"] + 1 and len(passes) == 2
    report.violations = Ledger(plain[1:])  # so is another one
    assert report.count("accepted") == expected["accepted"] - 1 and len(passes) == 3
    listed = [copy.copy(v) for v in plain]  # a plain list may change in place: counted every time
    report.violations = listed
    assert report.count("accepted") == expected["accepted"]
    listed[1].status = "accepted"
    assert report.count("accepted") == expected["accepted"] + 1


def test_finding_types_of_a_ledger_are_read_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """The review and the priorities ask every violation's finding types: over a ledger its findings are
    read once for all of them (each answer unpickled its findings' pages), and again when they change."""
    report = sample_report()
    listed = list(report.findings)
    expected = [{listed[i].entity_type for i in v.findings if i < len(listed)} for v in report.violations]
    assert [report.finding_types(v) for v in report.violations] == expected  # a plain list
    assert any(len(t) > 1 for t in expected) and len({frozenset(t) for t in expected}) > 2
    report.findings = Ledger(listed, page=3)
    passes: list[int] = []
    real_iter, real_peek = Ledger.__iter__, Ledger.peek
    monkeypatch.setattr(Ledger, "__iter__", lambda self: (passes.append(1), real_iter(self))[1])
    monkeypatch.setattr(Ledger, "peek", lambda self, i: (passes.append(1), real_peek(self, i))[1])
    for _ in range(2):
        assert [report.finding_types(v) for v in report.violations] == expected
    assert len(passes) == 1
    report.findings.append(_finding(0))  # a ledger that grew is read again
    assert [report.finding_types(v) for v in report.violations] == expected and len(passes) == 2


def test_equal_accesses_are_one_object_in_the_items_ledger(school: Path) -> None:  # noqa: F811
    """A share's files have a handful of different accesses; one object for each makes a page of the items
    ledger pickle and read it once instead of once per item (a rescan reads the items several times)."""
    from scanner.kernel.model import AccessPool

    pool = AccessPool(size=2)
    a, b, c = (Access(owner="juf", mode=0o640, acl=["Leraren"], audiences={"organisation": ["Leraren"]})
               for _ in range(3))
    other = Access(owner="juf", mode=0o644, world_readable=True, audiences={"everyone": ["Everyone"]})
    assert pool.same(a) is a and pool.same(b) is a and pool.same(other) is other and pool.same(c) is a
    pool.same(Access(owner="meester"))  # a third access: the pool starts over, memory stays bounded
    assert pool.same(c) is c and len(pool._pool) <= 2
    report = run_scan(load_config(school / "avgscan.yaml"), workers=1)
    read = report.items[:200]
    accesses = {repr(i.access) for i in read}
    assert len(read) > len(accesses) and len({id(i.access) for i in read}) == len(accesses)


def test_the_review_counts_the_statuses_in_its_own_pass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The plain review and the review against a state store take the statuses' count, the possible
    breaches and every violation's reset in one pass over the violations: the writers' counts need none."""
    for review in ("plain", "store"):
        report = sample_report()
        plain = list(report.violations)
        report.violations = Ledger(plain)
        expected = plain_review(sample_report())
        passes: list[int] = []
        real_iter = Ledger.__iter__
        monkeypatch.setattr(Ledger, "__iter__",
                            lambda self, real=real_iter, seen=passes: (seen.append(1), real(self))[1])
        if review == "plain":
            plain_review(report)
            assert len(passes) == 1  # the review's one pass
        else:
            ReviewSession.open(tmp_path / "out").apply(report)
        reviewed = len(passes)
        assert report.open_violations == len(plain) and report.count("accepted") == 0
        assert len(passes) == reviewed, review  # no pass of its own for the counts
        monkeypatch.setattr(Ledger, "__iter__", real_iter)
        assert [b.path for b in report.breaches] == [b.path for b in expected.breaches], review


def test_a_ledger_sorts_in_runs_like_sorted() -> None:
    ledger: Ledger[tuple[int, int]] = Ledger((n % 13, n) for n in range(500))
    assert list(ledger.sorted(lambda e: e[0], run=37)) == sorted(ledger, key=lambda e: e[0])


def test_the_rules_let_go_of_each_item_once_judged(school: Path) -> None:  # noqa: F811
    """With the items of a share all held until the rules ran, the scan's memory grew with the share."""
    cfg = load_config(school / "avgscan.yaml")
    records = load_records(cfg)
    ctx = RuleContext(policy=cfg.policy, as_of=cfg.as_of, register=None, consents=None)
    alive: list[weakref.ref[ScannedItem]] = []
    held_at_most = 0

    def arriving() -> Iterator[ScannedItem]:
        nonlocal held_at_most
        for n in range(200):
            gc.collect(0)  # the youngest generation: a full collection per item took minutes in the whole suite
            held_at_most = max(held_at_most, sum(r() is not None for r in alive))
            scanned = ScannedItem(item=Item(source="share", path=f"doc{n}.txt", kind="file"), findings=[_finding(n)])
            alive.append(weakref.ref(scanned))
            yield scanned

    seen: list[str] = []
    out = evaluate(arriving(), ctx, records, done=lambda s: seen.append(s.item.path))
    assert held_at_most <= 2
    assert seen == [f"doc{n}.txt" for n in range(200)]
    assert isinstance(out.findings, Ledger) and [f.evidence for f in out.findings] == [f"J*** {n}" for n in range(200)]


def test_streamed_report_json_is_what_report_dict_says(school: Path, tmp_path: Path) -> None:  # noqa: F811
    report = run_scan(load_config(school / "avgscan.yaml"), workers=1)
    assert isinstance(report.items, Ledger) and isinstance(report.findings, Ledger) and report.findings
    path = write_json(report, tmp_path)
    assert path.read_text(encoding="utf-8") == json.dumps(report_dict(report), ensure_ascii=False, indent=1,
                                                          default=str)
    report.items, report.findings = Ledger(), Ledger()  # empty lists are laid out as []
    path = write_json(report, tmp_path)
    assert path.read_text(encoding="utf-8") == json.dumps(report_dict(report), ensure_ascii=False, indent=1,
                                                          default=str)


def test_the_dashboard_caps_the_item_table_and_says_where_the_rest_is(school: Path, tmp_path: Path) -> None:  # noqa: F811
    report = run_scan(load_config(school / "avgscan.yaml"), workers=1)
    report.items.extend(Item(source="share", path=f"extra/{n:06}.txt", kind="file", status="unreadable",
                             reason="te groot") for n in range(ROWS_SHOWN + 10))
    write_all(report, tmp_path, ["html", "xlsx"])
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count(f"extra/{ROWS_SHOWN - 1 - 4:06}.txt") == 2  # in the problems and in all items
    assert f"extra/{ROWS_SHOWN + 9:06}.txt" not in page
    assert page.count("de volledige lijst staat in report.xlsx") == 2
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "report.xlsx", read_only=True)["Dekking"]
    paths = {row[1] for row in sheet.iter_rows(values_only=True)}
    assert f"extra/{ROWS_SHOWN + 9:06}.txt" in paths  # the workbook has them all


def _open_share(n: int) -> Report:
    """The sample report over a share of `n` more world-readable files, each an open-access violation,
    kept in ledgers as a scan keeps them (issue 17: a million open files is a million violations)."""
    report = sample_report()
    items, findings, violations = Ledger(report.items), Ledger(report.findings), Ledger(report.violations)
    for i in range(n):
        path = f"Gedeeld/Iedereen/map {i // 1000:04d}/notitie {i:07d}.txt"
        items.append(Item(source="share", path=path, kind="file", role="open",
                          access=Access(mode=0o644, world_readable=True)))
        findings.append(Finding(source="share", path=path, place="paragraaf 1", entity_type="PHONE_NUMBER",
                                score=0.8, evidence="06-******12", recognizer="test", value="0612345612"))
        violations.append(Violation("open-access", "hoog", "share", path, str(1000 + i % 7) if i % 3 else None,
                                    f"Persoonsgegevens in notitie {i}.", "AVG art. 5 lid 1 onder f",
                                    [len(findings) - 1], "Rechten beperken."))
    report.items, report.findings, report.violations = items, findings, violations
    report.statistics.update(items=len(items), findings=len(findings), violations=len(violations))
    return report


def _reviewed_and_written(n: int, folder: Path) -> tuple[int, Report]:
    report = _open_share(n)
    tracemalloc.start()
    try:
        ReviewSession.open(folder).apply(report)
        write_all(report, folder, None)
        return tracemalloc.get_traced_memory()[1], report
    finally:
        tracemalloc.stop()


def test_the_review_counts_the_violations_on_its_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review reads every violation once; what it counts on the way (statuses, rules, new and
    persisting, ...) answers `count` and the writers' tally, which read all the violations again before."""
    report = _open_share(300)
    passes: list[int] = []
    real_iter = Ledger.__iter__

    def counted(self: Ledger) -> Iterator:
        if self and isinstance(self.peek(0), Violation):
            passes.append(1)
        return real_iter(self)

    monkeypatch.setattr(Ledger, "__iter__", counted)
    ReviewSession.open(tmp_path / "out").apply(report)
    reviewed = len(passes)
    plain = list(report.violations)
    expected = {s: sum(v.status == s for v in plain) for s in ("open", "accepted", "false-positive")}
    passes.clear()
    assert report.open_violations == expected["open"] == 304 and report.count("accepted") == 0
    from reports.tally import tally

    assert tally(report).rules == Counter(v.rule for v in plain) and tally(report).new == 0
    assert passes == [] and reviewed == 2, reviewed  # the review's pass and the audit's record


def test_review_and_writers_hold_no_violation_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review replaces the violations with a ledger of reviewed copies, and every writer reads them
    in order or sorts them on disk: 4x the violations must not cost 4x the memory. Ledger pages and sort
    runs are made small here so that both sizes are many pages (in a scan they are 2000 and 20 000)."""
    monkeypatch.setattr(Ledger.__init__, "__defaults__", ((), 100, CACHE_KB))
    monkeypatch.setattr(view, "SORT_RUN", 100)
    monkeypatch.setattr(html_report, "ROWS_SHOWN", 50)
    monkeypatch.setattr(pdf_report, "LIST_ROWS", 50)
    _reviewed_and_written(20, tmp_path / "warm")  # first-use allocations of the writers
    small, _ = _reviewed_and_written(400, tmp_path / "a")
    large, report = _reviewed_and_written(1_600, tmp_path / "b")
    # measured 1.8 and 3.2 MB (the audit's violations are stored in batches of 5000, whose rows count
    # here); held as lists, the 1200 more reviewed Violations, ViolationRows and Priorities were ~4 MB
    assert large - small < 2_500_000, (small, large)
    assert isinstance(report.violations, Ledger) and len(report.violations) == 1_604
    assert len({v.identity for v in report.violations}) == 1_604
    page = (tmp_path / "b" / "report.html").read_text(encoding="utf-8")
    assert "de volledige lijst staat in report.xlsx (blad Overtredingen)" in page
    assert page.count('data-rule="') == 50  # the 50 with the highest priority
    rows = (tmp_path / "b" / "violations.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 1_605


def test_rows_sorted_on_disk_are_rows_sorted_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    report = _open_share(300)
    plain_review(report)
    in_memory = list(view.violation_rows(report))
    monkeypatch.setattr(view, "SORT_RUN", 37)
    assert list(view.violation_rows(report)) == in_memory
    assert [r.priority for r in in_memory] == sorted((r.priority for r in in_memory), reverse=True)


def test_identities_repeat_per_place_as_over_the_whole_list() -> None:
    """Repeats are counted per place (a place's violations lie side by side); a place met again further
    on is counted from the start, as one Counter over the whole list did."""
    def v(rule: str, path: str, nummer: str | None = "1") -> Violation:
        return Violation(rule, "hoog", "share", path, nummer, "", "")

    listed = [v("a", "x"), v("a", "x"), v("b", "x"), v("a", "y"), v("a", "x"), v("a", "y", None), v("a", "x")]
    report = sample_report()
    report.violations = Ledger(listed)
    seen: Counter[tuple[str, ...]] = Counter()
    expected = []
    for w in listed:
        parts = (w.rule, w.source, w.path, w.leerlingnummer or "")
        seen[parts] += 1
        expected.append("|".join(parts) + (f"|{seen[parts]}" if seen[parts] > 1 else ""))
    assert list(identities(report, lambda *parts: "|".join(parts))) == expected


def test_subjects_on_disk_answer_like_a_dict() -> None:
    index = SubjectIndex()
    plain: dict[tuple[str, str], list[tuple[str, bool]]] = {}
    for n in range(5000):  # more than one batch
        index[("share", f"d{n}")] = plain[("share", f"d{n}")] = [(str(n), n % 2 == 0)]
    assert len(index) == 5000 and index == plain and index.get(("share", "d4321")) == [("4321", False)]
    assert index.get(("share", "elders"), []) == [] and ("share", "d0") in index
    assert list(index)[:2] == [("share", "d0"), ("share", "d1")] and copy.deepcopy(index) == plain
    for n in range(3000):  # set again, across batches: the last links count, each place once
        index[("share", f"d{n}")] = plain[("share", f"d{n}")] = [("x", True)]
    assert len(index) == 5000 and index == plain and index[("share", "d2999")] == [("x", True)]
    assert SubjectIndex().get(("share", "d0")) is None and len(SubjectIndex()) == 0


def test_subjects_that_share_their_links_store_them_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copied rows of a table share their first row's links, pickled once: each distinct list is
    stored once, also when the memory of them starts over, and every place answers its own."""
    import scanner.kernel.subject_index as subject_index

    monkeypatch.setattr(subject_index, "SHARED_MAX", 3)
    index = SubjectIndex()
    pupils = [pickle.dumps([(str(20100 + n), n == 2)], pickle.HIGHEST_PROTOCOL) for n in range(3)]
    index.set_pickled_many((("las", f"table:verzuim#{n}"), pupils[n % 3]) for n in range(4500))
    index[("share", "dossier.docx")] = [("20199", False)]  # a fourth list: the memory of them starts over
    index.set_pickled_many((("las", f"table:verzuim#{n}"), pupils[n % 3]) for n in range(4500, 6000))
    assert index[("las", "table:verzuim#4")] == [("20101", False)] and index[("las", "table:verzuim#5")] == [
        ("20102", True)] and index[("share", "dossier.docx")] == [("20199", False)]
    assert index[("las", "table:verzuim#5999")] == [("20102", True)] and len(index) == 6001
    stored = index._db.execute("SELECT count(*) FROM links").fetchone()[0] if index._db is not None else 0
    assert 4 <= stored <= 3 + 1 + 6  # each list once, and again a few times after the memory started over
    again = SubjectIndex.of_stored(index.stored())
    assert again == index and len(again) == 6001
    index.close()
    index[("share", "b.docx")] = [("20100", False)]  # a new database after closing: numbered from scratch
    assert dict(index.items()) == {("share", "b.docx"): [("20100", False)]}


def test_subjects_set_again_before_the_first_read_keep_the_last_links() -> None:
    """The places are indexed at the first read: a place set again in a later batch before that is a
    second row until then, and the read keeps the last."""
    index = SubjectIndex()
    for n in range(5000):
        index[("share", f"d{n}")] = [(str(n), False)]
    for n in range(0, 5000, 2):
        index[("share", f"d{n}")] = [("opnieuw", True)]
    assert len(index) == 5000
    assert index[("share", "d10")] == [("opnieuw", True)] and index[("share", "d11")] == [("11", False)]
    assert sorted(index) == sorted(("share", f"d{n}") for n in range(5000))
    index[("share", "d11")] = [("na het lezen", False)]  # after the first read: replaced in place
    assert len(index) == 5000 and index[("share", "d11")] == [("na het lezen", False)]
