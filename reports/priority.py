"""What first: a documented priority per violation, and the short "Begin hier" list of actions.

69 of 76 violations were "hoog" and sorted by rule code, which does not say where to start. The
priority adds points (config/reports/priority.yaml) for what makes a violation urgent: a possible
breach, special categories or a BSN, the number of pupils in the same place, how long it has been
open, and how open the place is. Every list of violations is in this order, and every report starts
with the top actions.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, Generic, NamedTuple, TypeVar

import yaml

from config import CONFIG_DIR
from scanner.kernel.entities import catalogue
from scanner.kernel.ledger import Ledger
from scanner.kernel.model import NEEDS_ACTION, Report, Violation

PRIORITY_FILE = CONFIG_DIR / "reports" / "priority.yaml"
T = TypeVar("T")
_SETTLED: ContextVar[dict[tuple[str, int], Any] | None] = ContextVar("settled", default=None)


@contextmanager
def one_report() -> Iterator[None]:
    """While the writers lay out one reviewed report, what each of them derives from it in the same way
    (the priorities, the rows of violations) is worked out once: every writer asked again, and each time
    the priorities read every violation's findings and every item of the share from disk. Inside another
    one_report (the command line's, around the writers and the summary it prints after them) it is that one."""
    if _SETTLED.get() is not None:
        yield
        return
    token = _SETTLED.set({})
    try:
        yield
    finally:
        _SETTLED.reset(token)


def settled(name: str, report: Report, make: Callable[[], T]) -> T:
    """`make()`, once per report inside one_report(); every time outside it. The result is shared: not
    to be changed by the caller."""
    memo = _SETTLED.get()
    if memo is None:
        return make()
    key = (name, id(report))
    if key not in memo:
        memo[key] = make()
    return memo[key]  # type: ignore[no-any-return]


@cache
def settings() -> dict[str, Any]:
    return yaml.safe_load(PRIORITY_FILE.read_text(encoding="utf-8"))


def is_settled(name: str, report: Report) -> bool:
    """Whether `settled(name, report, ...)` has already been made in this one_report()."""
    memo = _SETTLED.get()
    return memo is not None and (name, id(report)) in memo


class Priority(NamedTuple):
    """A tuple: the priorities are a ledger as long as the violations, read by several writers, and a
    tuple whose reasons are shared strings pickles and reads back at a fraction of a dataclass's cost."""

    points: int
    why: tuple[str, ...] = ()  # reason codes, see WHY in reports/i18n.py


def settled_rows(name: str, report: Report, make: Callable[[], Iterable[T]]) -> Iterator[T]:
    """The rows `make()` gives, laid out once per report inside one_report() and kept in a ledger on disk
    (they are as many as the violations); made afresh every time outside it."""
    if _SETTLED.get() is None:
        return iter(make())
    return iter(settled(name, report, lambda: Ledger(make())))


def priorities(report: Report) -> Iterator[Priority]:
    """One priority per violation, in the order of report.violations. Worked out once per report inside
    one_report() and kept in a ledger on disk (a list would grow with the share): each writer asked again,
    and each time every item of the share and every violation's findings were read from disk."""
    return iter(priority_ledger(report))


def priority_ledger(report: Report) -> Ledger[Priority]:
    """The ledger `priorities` reads; shared within one_report(), not to be changed by the caller."""
    return settled("priorities", report, lambda: _laid_out(report))


def top_positions(report: Report) -> list[int] | None:
    """The positions of the TOP_KEPT violations of highest priority (ordered by `row_rank`), when the
    priorities were worked out inside one_report(); None otherwise."""
    priority_ledger(report)
    memo = _SETTLED.get()
    return memo.get(("top_positions", id(report))) if memo is not None else None


def row_rank(v: Violation, p: Priority, n: int) -> tuple[int, int, str, str, str, int]:
    """The order of the lists of violations: highest priority first, then severity, rule and place."""
    return -p.points, SEVERITY_ORDER.get(v.severity, 3), v.rule, v.source, v.path, n


def _laid_out(report: Report) -> Ledger[Priority]:
    """The priorities, and on the same pass over the violations what else reads every violation with its
    priority: "Begin hier" with the default length and the positions of the highest priorities (the
    dashboard's and the PDF's lists). Each was a pass of its own over the violations, read from disk."""
    limit = settings()["start_here"]
    actions, top = Smallest[Action](limit), Smallest[int](TOP_KEPT)
    grouping = _Grouping(actions.add)
    ledger: Ledger[Priority] = Ledger()
    for n, (v, p) in enumerate(_worked_out(report)):
        ledger.append(p)
        grouping.add(v, p)
        top.add(row_rank(v, p, n), n)
    grouping.done()
    if not grouping.scattered:
        settled(f"start_here/{limit}", report, actions.smallest)
    settled("top_positions", report, top.smallest)
    return ledger


def _worked_out(report: Report) -> Iterator[tuple[Violation, Priority]]:
    """Holds per place with violations only what the points need (its pupils, what kind of place it is),
    not the violations or items themselves."""
    pts = settings()["points"]
    wanted: set[int] = set()  # not every item of the share: only the places with violations
    pupils: dict[int, str | set[str]] = {}  # place -> its pupil, or a set when there are more
    for v in report.violations:
        key = hash((v.source, v.path))
        wanted.add(key)
        if v.leerlingnummer:
            known = pupils.setdefault(key, v.leerlingnummer)
            if isinstance(known, set):
                known.add(v.leerlingnummer)
            elif known != v.leerlingnummer:
                pupils[key] = {known, v.leerlingnummer}
    places: dict[int, str | None] = {}  # place -> 'world_readable' or its role, when that gives points
    for i in report.items:
        key = hash((i.source, i.path))
        if key in wanted:
            places[key] = ("world_readable" if i.access.world_readable else
                           i.role if i.role in pts["place"] else None)
    del wanted
    breaches = {b.violation for b in report.breaches}
    now = datetime.fromisoformat(report.generated_at) if report.generated_at else None
    special = set(catalogue().special_categories)
    reasons: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per combination, shared by the ledger's pages
    opened: dict[str, int] = {}  # first seen -> months open
    for n, v in enumerate(report.violations):
        key = hash((v.source, v.path))
        points, why = int(pts["severity"].get(v.severity, 0)), []
        types = report.finding_types(v)
        if n in breaches:
            points += pts["possible_breach"]
            why.append("breach")
        if types & special:
            points += pts["special_categories"]
            why.append("special")
        if "NL_BSN" in types:
            points += pts["bsn"]
            why.append("bsn")
        known = pupils.get(key)
        others = len(known) - 1 if isinstance(known, set) else 0
        if others > 0:
            points += min(others * pts["per_other_pupil"], pts["max_pupils"])
            why.append("pupils")
        months = opened.get(v.first_seen)
        if months is None:  # first_seen is the time of the audit that first saw it: a few values
            months = opened[v.first_seen] = _months_open(v.first_seen, now)
        if months:
            points += min(months * pts["per_month_open"], pts["max_open"])
            why.append("long_open")
        place = places.get(key)
        if place:
            points += pts["place"][place]
            why.append(PLACE_WHY.setdefault(place, f"place_{place}"))
        reason = tuple(why)
        yield v, Priority(points, reasons.setdefault(reason, reason))


def _months_open(first_seen: str, now: datetime | None) -> int:
    try:
        return max(0, ((now or datetime.now().astimezone()) - datetime.fromisoformat(first_seen)).days // 30)
    except (TypeError, ValueError):
        return 0


@dataclass
class Action:
    """One line of "Begin hier": a place and what to do there, with the violations it settles."""

    points: int
    source: str
    path: str
    rule: str
    action: str
    pupils: int
    violations: int
    why: list[str]
    identities: list[str]


def start_here(report: Report, limit: int | None = None) -> list[Action]:
    """The top actions: open violations grouped by place and rule, highest priority first. A place's
    violations lie side by side (the rules judge one item at a time), so a place's groups are complete
    when the next place begins and only the best `limit` are kept; a report whose places are not side by
    side (put together by hand) is grouped over the whole list instead. Inside one_report() the default
    list is made on the priorities' pass (see _laid_out)."""
    limit = settings()["start_here"] if limit is None else limit
    priority_ledger(report)
    return list(settled(f"start_here/{limit}", report, lambda: _best(report, limit)))


def _best(report: Report, limit: int) -> list[Action]:
    actions = Smallest[Action](limit)
    grouping = _Grouping(actions.add)
    for v, p in zip(report.violations, priorities(report), strict=True):
        grouping.add(v, p)
    grouping.done()
    if grouping.scattered:
        return heapq.nsmallest(limit, _whole_groups(report), key=_rank)
    return actions.smallest()


def _rank(a: Action) -> tuple[int, str, str, str]:
    return -a.points, a.rule, a.source, a.path


class Smallest(Generic[T]):
    """The `limit` values of smallest key among those added, in key order, ties in the order they were
    added: heapq.nsmallest for values that are pushed one at a time instead of pulled from an iterable."""

    def __init__(self, limit: int) -> None:
        self._limit, self._heap, self._added = limit, list[_Largest[T]](), 0

    def add(self, key: Any, value: T) -> None:
        entry = _Largest((key, self._added), value)
        self._added += 1
        if len(self._heap) < self._limit:
            heapq.heappush(self._heap, entry)
        elif self._heap and entry.key < self._heap[0].key:
            heapq.heapreplace(self._heap, entry)

    def smallest(self) -> list[T]:
        return [e.value for e in sorted(self._heap, key=lambda e: e.key)]


class _Largest(Generic[T]):
    """A heap entry ordered backwards: heapq keeps the smallest on top, Smallest needs the largest kept."""

    __slots__ = ("key", "value")

    def __init__(self, key: Any, value: T) -> None:
        self.key, self.value = key, value

    def __lt__(self, other: _Largest[T]) -> bool:
        return bool(self.key > other.key)


class _Grouping:
    """The groups of open violations per (place, rule), fed one violation at a time; each place's groups
    are handed to `done_with` (rank, action) when the next place begins. A place met again further on
    marks the grouping `scattered` (its groups were handed on in parts: group over the whole list)."""

    def __init__(self, done_with: Callable[[Any, Action], None]) -> None:
        self._done_with = done_with
        self._groups: dict[tuple[str, str, str], Action] = {}
        self._place: tuple[str, str] | None = None
        self._left: set[int] = set()  # hashes of the places passed
        self.scattered = False

    def add(self, v: Violation, p: Priority) -> None:
        if (v.source, v.path) != self._place:
            if self._place is not None:
                self._left.add(hash(self._place))
            self._place = (v.source, v.path)
            self.scattered = self.scattered or hash(self._place) in self._left
            self.done()
        _join(self._groups, v, p)

    def done(self) -> None:
        for a in self._groups.values():
            self._done_with(_rank(a), a)
        self._groups.clear()


def _whole_groups(report: Report) -> Iterator[Action]:
    groups: dict[tuple[str, str, str], Action] = {}
    for v, p in zip(report.violations, priorities(report), strict=True):
        _join(groups, v, p)
    yield from groups.values()


def _join(groups: dict[tuple[str, str, str], Action], v: Violation, p: Priority) -> None:
    """Violation `v` into its group, if it needs action."""
    if v.status not in NEEDS_ACTION:
        return
    key = (v.source, v.path, v.rule)
    a = groups.get(key)
    if a is None:
        a = groups[key] = Action(p.points, v.source, v.path, v.rule, v.action, 0, 0, [], [])
    a.points = max(a.points, p.points)
    a.violations += 1
    a.pupils += bool(v.leerlingnummer)
    if p.why != tuple(a.why) and not set(p.why) <= set(a.why):  # a group's violations mostly share their reasons
        a.why = sorted(set(a.why) | set(p.why), key=WHY_ORDER.index)
    if v.identity:
        a.identities.append(v.identity)


SEVERITY_ORDER = {"hoog": 0, "middel": 1, "laag": 2}
TOP_KEPT = 5000  # the most rows a writer lists by priority (html ROWS_SHOWN, pdf LIST_ROWS)
PLACE_WHY: dict[str, str] = {}  # "place_open" and the like, one string each

WHY_ORDER = ["breach", "special", "bsn", "pupils", "long_open", "place_world_readable", "place_open",
             "place_outbound"]

__all__ = ["SEVERITY_ORDER", "TOP_KEPT", "Action", "Priority", "Smallest", "WHY_ORDER", "one_report", "priorities",
           "row_rank", "settings", "settled", "start_here", "top_positions"]
