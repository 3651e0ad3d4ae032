"""The columnar table path: a database table read by column, its rows reported in bulk.

A table of a million rows repeats itself: a note's remark is one of fifty, its date one of a few
hundred, its pupil one of the register's. The row path does ~80 µs of Python per row (cells, units,
detection, linking) for results that are the same but for the path. Here:

1. The table is read in batches of plain tuples (the connector's `TableRows`), and each column is
   classified on a sample: the surrogate key (in the path, never scanned), the reference to the
   register (the foreign key or number column: the row's leerlingnummer), a record field the linking
   reads together (a name part, the date of birth, a number: `forms.name_field`), a sharing-date
   column, free text (a value column in which some value says something), or nothing.
2. Each distinct value of a free-text or other value column is analysed once, alone, by the row path's
   own detection. A value that yields nothing and holds nothing the rest of a row reads (a kinship word
   before a name, a role word such as 'vader', a sign-off, a cell long enough to be split) cannot change
   its row's result: it is silent.
3. A row's signature is its leerlingnummer and the values of its columns that are not silent. The
   first row of each signature is scanned by the row path itself (detection, linking: exactly today's
   result); every later row with that signature gets a copy of it with its own path, size and
   legal-hold check (the path and the first cell are all that check reads).
4. The rules read of a row only what its copies share (findings, subjects, sharing date, the table's
   name, place and role, the legal hold), so the first row judged with a given legal hold and place
   lends its judgement to every later copy with the same (`SignatureRow`, pipeline.evaluate): the copy
   gets the violations with its own path, and the rules do not run ~10 µs per row again.
5. Most copies bring nothing of their own: no findings, and an empty lent judgement. Without an item cache
   they travel as one batch (scanner.kernel.model.CopiedRows) through the executor, the rules and the
   ledgers, and the signatures of a chunk of rows are worked out a column at a time
   (`TableScan.signatures`): a million rows passed some 45 Python calls each between cursor and ledgers.

What it leaves to the row path, row by row: a key that is not a plain number (a natural key is part of
the path, and a path's words are read as a file name); and whole tables whose sample shows a column
that matters with a value per row (a register, a contact list: nothing repeats, so nothing is saved; their
rows go to the workers, `PooledRow`).
In a scan into an output folder every row read here is kept in the item cache and the evaluation cache
exactly as the row path keeps it (its content's keyed fingerprint; the first row's encoded result, one
per legal hold; its judgement), so a rescan reads the table by row and answers every unchanged row from
the caches without loading the NLP pipeline (scanner.cache, scanner.evaluation_cache). A table the item
cache already holds rows of is therefore read by row; one it holds none of (a first scan, `--full`)
by column.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import logging
import pickle
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from itertools import islice, repeat
from operator import attrgetter, itemgetter
from typing import Any, Protocol

import sqlalchemy as sa

from connectors.base import SourceSettings, assign_place
from connectors.database import DatabaseSource, TableRows
from connectors.db_rows import cell_text, row_cells
from scanner.cache import ItemCache
from scanner.detection.paragraphs import UNIT_LIMIT
from scanner.evaluation_cache import EvaluationCache
from scanner.forms import name_field
from scanner.kernel.keys import Keyer
from scanner.kernel.model import (
    Content,
    CopiedRows,
    Detected,
    Finding,
    Item,
    Judgement,
    ScannedItem,
    Subject,
    TextUnit,
    UnknownChild,
)
from scanner.kernel.text import fold
from scanner.person_roles import RoleVocabulary
from scanner.sharing import sharing_columns
from scanner.unknown_children import KIN_NAME

log = logging.getLogger(__name__)

ENABLED = True  # off only to measure the row path beside this one (benchmarks/bench_scale.py)
SAMPLE_ROWS = 1000  # rows read before the table's path is chosen
UNIQUE_SHARE = 0.5  # a column that matters with more distinct values than this share of its rows: row path
MIN_SAMPLE = 20  # below this many rows, a table is too small to judge and is read by column
VALUE_MEMO_LIMIT = 200_000  # distinct values remembered per column
CHUNK_ROWS = 1000  # rows whose signatures are worked out together (TableScan.signatures)
COPIED_ROWS = 512  # plain copies handed on together (CopiedRows); 0: one by one, as before, to compare

Task = tuple[str, Item, Content | None]
DetectRow = Callable[[Task], tuple[Item, Detected | None]]


class PooledRow(tuple):  # type: ignore[type-arg]
    """A row (a Task) of a table read by row because its values differ from row to row (a register, a contact
    list): the per-value memo answers nothing there, so the executor hands it to the workers with the files
    instead of detecting it in the parent (scanner.executor.run_ordered). On a machine with more cores the
    parent's own work bounds the scan; a school's administration was half of it."""

    __slots__ = ()


class RowWork(Protocol):
    """What the columnar path needs of the scan's per-item work (scanner.pipeline.Scanner)."""

    hold_terms: list[tuple[str, str]]
    keyer: Keyer
    judged: EvaluationCache | None

    def finish(self, item: Item, detected: Detected | None) -> ScannedItem: ...


_FIELDS = [f.name for f in fields(Finding)]
_FINDING_VALUES = attrgetter(*_FIELDS)
_PATH_AT = _FIELDS.index("path")


UNSEEN = object()  # a title RowHolds has not judged yet
Lend = tuple[str | None, str | None, str | None]  # (legal hold, role, party): what a judgement is lent under
# a cell value as the columnar path sees it: (text, silent, its part of the signature or None, length)
Cell = tuple[str, bool, tuple[int, str] | None, int]
NO_CELL: Cell = ("", True, None, 0)  # NULL
NoneType = type(None)
SAME_KEYS = (str, bytes)  # a value equal to a key of these classes is of the same class (unlike 1, 1.0 and True)


@dataclass
class RowResult:
    """A scanned row's result without its path: what every row of the same signature gets."""

    findings: list[tuple[Any, ...]]  # each finding's field values, copied when the row was scanned
    subjects: list[Subject]
    unknown_children: list[UnknownChild]
    share_date: date | None
    share_date_source: str | None
    # the rules' judgement of a row with this result, per (legal hold, role, party), its indexes still the row's own
    judgements: dict[Lend, Judgement] = field(default_factory=dict)
    lent: int = 0  # copies that came with a judgement
    # for the item cache (a scan into an output folder): detection's result as the row path keeps it, per
    # legal hold (the one field of it a copy may change), and where the row's findings stood in it
    payloads: dict[str | None, bytes | None] = field(default_factory=dict)
    kept: list[int] = field(default_factory=list)
    detected_count: int = 0
    pickled_links: bytes | None = None  # see links()
    # the (legal hold, role, party) under which a copy is plain: an empty judgement and no findings (CopiedRows)
    plain: set[Lend] = field(default_factory=set)

    @classmethod
    def of(cls, scanned: ScannedItem) -> RowResult:
        return cls([_FINDING_VALUES(f) for f in scanned.findings], scanned.subjects, scanned.unknown_children,
                   scanned.share_date, scanned.share_date_source)

    def payload(self, legal_hold: str | None) -> bytes | None:
        """The encoded detection result of a copy with this legal hold (scanner.cache encodes the same)."""
        if legal_hold not in self.payloads:
            first = next(iter(self.payloads.values()))
            data = json.loads(first) if first is not None else None
            if data is not None:
                data["legal_hold"] = legal_hold
            self.payloads[legal_hold] = None if data is None else json.dumps(data, separators=(",", ":")).encode()
        return self.payloads[legal_hold]

    def as_detected(self, scanned: ScannedItem) -> Detected:
        """A copy's findings where detection put the first row's: what the evaluation cache keeps by index."""
        found: list[Any] = [None] * self.detected_count
        for at, f in zip(self.kept, scanned.findings, strict=True):
            found[at] = f
        return Detected(findings=found)

    def copy_for(self, item: Item, legal_hold: str | None) -> ScannedItem:
        """A copy of this result for another row. Called for nearly every row of a large table, so the
        arguments go by position (a keyword call of the dataclass cost twice as much)."""
        findings = []
        if self.findings:
            path = item.path
            for values in self.findings:
                f = Finding(*values)
                f.path = path
                findings.append(f)
        judged = self.judgements.get((legal_hold, item.role, item.party))
        if judged is not None:
            self.lent += 1
            judged = lent(judged, item)
        # item, findings, subjects, unknown_children, share_date, share_date_source, legal_hold,
        # declared_categories, judged, lends_to
        return SignatureRow(item, findings, list(self.subjects), list(self.unknown_children), self.share_date,
                            self.share_date_source, legal_hold, None, judged, self)

    def links(self) -> bytes:
        """The subject index's entry of every row with this result, pickled once (run_scan's let_go)."""
        if self.pickled_links is None:
            self.pickled_links = pickle.dumps([(s.leerlingnummer, not s.confirmed) for s in self.subjects],
                                              pickle.HIGHEST_PROTOCOL)
        return self.pickled_links

    def keep(self, scanned: ScannedItem, judged: Judgement) -> None:
        """The rules' judgement of a row with this result, as it was before evaluate made its indexes the
        report's (it replaces a violation's `findings`, so the copies keep the row's own)."""
        lend = (scanned.legal_hold, scanned.item.role, scanned.item.party)
        if lend in self.judgements:
            return
        self.judgements[lend] = Judgement(
            violations=[copy.copy(v) for v in judged.violations], to_review=[copy.copy(v) for v in judged.to_review],
            exempt=list(judged.exempt), kept_by_law=list(judged.kept_by_law))
        if not (self.findings or judged.violations or judged.to_review or judged.exempt or judged.kept_by_law):
            self.plain.add(lend)


@dataclass
class SignatureRow(ScannedItem):
    """A row of the columnar path: when the rules judged it, later rows with its result take that judgement."""

    lends_to: RowResult | None = None

    def judged_fresh(self, judged: Judgement) -> None:
        """Told by pipeline.evaluate when the rules ran on this row."""
        if self.lends_to is not None:
            self.lends_to.keep(self, judged)


def lent(judged: Judgement, item: Item) -> Judgement:
    """`judged` for another row with the same result: every violation and flow with this row's path.
    Most rows are judged to have nothing: that judgement is shared, as nobody changes an empty one."""
    if not (judged.violations or judged.to_review or judged.exempt or judged.kept_by_law):
        return judged
    path = item.path
    out = Judgement(violations=[copy.copy(v) for v in judged.violations],
                    to_review=[copy.copy(v) for v in judged.to_review],
                    exempt=[dataclasses.replace(e, path=path) for e in judged.exempt],
                    kept_by_law=[{**k, "path": path} for k in judged.kept_by_law])
    for v in out.violations:
        v.path = path
    for v in out.to_review:
        v.path = path
    return out


def plain_locator(locator: str) -> bool:
    """An integer key or a row position ('rij12'): no words, no '/', the same file-name reading for every row."""
    return locator.isdigit() or (locator.startswith("rij") and locator[3:].isdigit())


class RowHolds:
    """pipeline.legal_hold for the rows of one table, whose hay is fold(path + ' ' + title): the folded
    prefix, the locator (digits, or 'rij' and digits: folded already) and the folded title.

    A term that could match across those parts (one with a digit or '#', or a piece of 'rij') needs the
    whole hay per row; any other term lies in the prefix or in the title (a folded term neither starts
    nor ends with a space, so the space before the title is inside a match only after the locator's last
    digit), so the answer is worked out once per distinct title (a table's first cells repeat: a date, a pupil's
    number). The default 'vrijstelling leerplicht' made a fold and a search per row."""

    def __init__(self, terms: list[tuple[str, str]], prefix: str) -> None:
        self.terms, self.prefix = terms, fold(prefix)
        folded = [term for _, term in terms]
        self.pattern = re.compile("|".join(map(re.escape, folded))) if folded else None
        # the answer per distinct title (TableScan.scan_row asks it before calling), unless a term can lie
        # across the parts: then None, and the hay is searched per row
        self.by_title: dict[str, str | None] | None = None if any(
            any(c.isdigit() or c == "#" for c in term) or term in "rij" for term in folded) else {}

    def __call__(self, locator: str, title: str) -> str | None:
        by_title = self.by_title
        if by_title is None:  # some term has a digit or '#': there are terms, so there is a pattern
            assert self.pattern is not None
            hay = f"{self.prefix}{locator} {fold(title[:200])}"
            if self.pattern.search(hay) is None:  # one search for all terms; the first in order wins
                return None
            return next((t for t, term in self.terms if term in hay), None)
        if title not in by_title:
            if len(by_title) >= VALUE_MEMO_LIMIT:
                by_title.clear()
            folded = fold(title[:200])
            by_title[title] = next((t for t, term in self.terms if term in self.prefix or term in folded), None)
        return by_title[title]


def _plainly_hashable(raw: Any) -> bool:
    """A value that can be its own memo key (TableScan.value): hashable, and not a tuple, which could look
    like the (class, value) key of a value of another class."""
    if raw.__class__ is tuple:
        return False
    try:
        hash(raw)
    except TypeError:  # a memoryview, a list (an array column)
        return False
    return True


def _distinct(values: Iterable[Any]) -> int:
    """How many distinct values (every value counted apart when one is unhashable)."""
    values = list(values)
    try:
        return len(set(values))
    except TypeError:
        return len(values)


class TableScan:
    """One table through the columnar path: its column classes, its values' silence, its signatures."""

    def __init__(self, work: RowWork, source: DatabaseSource, cfg: SourceSettings, plan: TableRows,
                 detect: DetectRow, cache: ItemCache | None = None) -> None:
        self.work, self.source, self.cfg, self.plan, self.detect = work, source, cfg, plan, detect
        self.cache = cache
        self.prefix = f"table:{plan.label}#"
        columns = plan.columns
        self.scanned_at = [n for n, c in enumerate(columns) if c not in plan.integer_key]
        sharing = set(sharing_columns(columns))
        # record fields and sharing dates are read together with the rest of the row: never silent
        self.always_heard = {n for n, c in enumerate(columns) if name_field(c) is not None or c in sharing}
        self.ref = plan.ref_reader()
        self.values: list[dict[Any, Cell]] = [{None: NO_CELL} for _ in columns]  # a NULL's, for signatures()
        # each column's usual value class (its first hashable value's: text, a number, a date): those values
        # are remembered under themselves, others with their class (1 and 1.0 are written apart); see value()
        self.usual: list[type | None] = [None for _ in columns]
        self.cells = self._cells()
        self.results: dict[tuple[Any, ...], RowResult] = {}
        self.roles = RoleVocabulary.load()
        probe = plan.item(source.name, "0")
        assign_place(probe, cfg)
        # a role configured for one row ('verzuim#12') would make the place a row's own: then per row
        self.place_per_row = any("#" in k for k in (*cfg.roles, *cfg.outbound))
        self.role, self.party = probe.role, probe.party
        # a row's access is its table's: the copies share one (the ledger then pickles it once per page)
        self.access = probe.access
        self.legal_hold = RowHolds(work.hold_terms, self.prefix)
        self.copies = self.scanned = 0

    # -- values --------------------------------------------------------------------------------
    def _cells(self) -> list[tuple[int, type | None, dict[Any, Cell]]]:
        """(column, its usual class, its memo) of every scanned column, for signature()'s loop."""
        return [(n, self.usual[n], self.values[n]) for n in self.scanned_at]

    def value(self, n: int, raw: Any) -> Cell:
        """(text as the row path writes it, silent, ...) of one cell value, worked out once per distinct value.
        A value of its column's usual class is remembered under itself, any other with its class (1 and
        1.0 are written apart, and True is not 1)."""
        memo, usual = self.values[n], self.usual[n]
        if usual is None and _plainly_hashable(raw):
            usual = self.usual[n] = raw.__class__
            self.cells = self._cells()
        try:
            key = raw if raw.__class__ is usual else (raw.__class__, raw)
            known = memo.get(key)
        except TypeError:  # an unhashable driver value (a memoryview): as the row path sees it
            return self._cell(n, cell_text(raw).strip(), False)
        if known is None:
            if len(memo) >= VALUE_MEMO_LIMIT:
                memo.clear()
                memo[None] = NO_CELL
            text = cell_text(raw).strip()
            known = memo[key] = self._cell(n, text, bool(text) and n not in self.always_heard and self.silent(n, text))
        return known

    @staticmethod
    def _cell(n: int, text: str, silent: bool) -> Cell:
        return (text, silent, None if silent or not text else (n, text), len(text))

    def silent(self, n: int, text: str) -> bool:
        """The value alone, as a one-cell row, yields nothing, and nothing in it is read across cells."""
        column = self.plan.columns[n]
        unit = TextUnit(place=column, text=text, column=column, record="row")
        if len(text) > UNIT_LIMIT or KIN_NAME.search(text) or fold(text).strip(" .") in (
                *self.roles.adult_after, *self.roles.pupil_after) or any(
                self.roles.is_signoff(line) for line in text.splitlines()):
            return False
        item, detected = self.detect((self.source.name, self.plan.item(self.source.name, "0"), Content(units=[unit])))
        if detected is None or item.status != "scanned":  # a value the row path cannot analyse alone: its rows go there
            return False
        return not (detected.findings or detected.candidates or detected.rows)

    def signature(self, row: Any) -> tuple[tuple[Any, ...], int, str]:
        """(signature, size, first cell's text) of a row. The signature is the row's leerlingnummer and, per
        scanned column, (column, text) of a value that is not silent, else None."""
        parts: list[Any] = [self.ref(row)]
        size, title = 0, None
        value = self.value
        for n, usual, memo in self.cells:  # value()'s memo, looked up here: a call per cell cost more
            raw = row[n]
            if raw is None:
                parts.append(None)
                continue
            known = memo.get(raw) if raw.__class__ is usual else None
            text, _, part, length = known if known is not None else value(n, raw)
            parts.append(part)
            if text:
                size += length
                if title is None:
                    title = text
        return tuple(parts), size, title or ""

    def signatures(self, rows: list[Any]) -> tuple[list[tuple[Any, ...]], list[int], list[str]]:
        """signature() of a batch of rows, a column at a time: each column's values are looked up in its memo
        by map() in C, not cell by cell (a third of the table's time went to that loop). A column whose
        values are not all of its usual class (or None), or not all hashable, takes the batch row by row."""
        cols: list[list[Cell]] = []
        for n, usual, memo in self.cells:
            col = list(map(itemgetter(n), rows))
            try:
                if usual not in SAME_KEYS:  # a number or a date: 1, 1.0 and True are one key
                    kinds = set(map(type, col))
                    kinds.discard(NoneType)
                    if kinds and (len(kinds) > 1 or usual not in kinds):
                        return self._one_by_one(rows)
                known = list(map(memo.get, col))  # a NULL is NO_CELL (see value())
            except TypeError:  # an unhashable value (a memoryview)
                return self._one_by_one(rows)
            if None in known:  # values new here
                if len(memo) + known.count(None) >= VALUE_MEMO_LIMIT:
                    return self._one_by_one(rows)
                known = [cell if cell is not None else self.value(n, raw) for raw, cell in zip(col, known, strict=True)]
            cols.append(known)
        sigs = list(zip(map(self.ref, rows), *(map(itemgetter(2), col) for col in cols), strict=True))
        if not cols:
            return sigs, [0] * len(rows), [""] * len(rows)
        sizes = list(map(sum, zip(*(map(itemgetter(3), col) for col in cols), strict=True)))
        titles = list(map(itemgetter(0), cols[0]))
        for col in cols[1:]:
            if "" not in titles:
                break
            titles = [title or cell[0] for title, cell in zip(titles, col, strict=True)]
        return sigs, sizes, titles

    def _one_by_one(self, rows: list[Any]) -> tuple[list[tuple[Any, ...]], list[int], list[str]]:
        signed = [self.signature(row) for row in rows]
        return [s[0] for s in signed], [s[1] for s in signed], [s[2] for s in signed]

    # -- the path's choice ------------------------------------------------------------------------
    def columnar(self, sample: list[tuple[str, Any]]) -> bool:
        """Read by column unless a column that matters (or the reference) has a value per row in the sample.
        The reference is looked at first and then the columns with the most distinct values, and the look
        stops at the first that has a value per row: a register's or a contact list's values are then read by
        the row path only, not also each alone to learn whether it is silent (a column's silence is its own,
        so the choice is the one the whole sample gives)."""
        if len(sample) < MIN_SAMPLE:
            return True
        rows = [row for _, row in sample]
        heard: dict[Any, set[str]] = {}
        counts: dict[Any, int] = {}
        unique: list[Any] = []
        looked: set[int] = set()
        refs = [ref for ref in map(self.ref, rows) if ref is not None]
        if refs:
            heard["ref"], counts["ref"] = set(refs), len(refs)
        for n in [None, *sorted(self.scanned_at, key=lambda n: -_distinct(row[n] for row in rows))]:
            if n is not None:
                looked.add(n)
                parts = [self.value(n, raw)[2] for raw in (row[n] for row in rows) if raw is not None]
                texts = [part[1] for part in parts if part is not None]  # the values that are not silent
                if texts:
                    heard[n], counts[n] = set(texts), len(texts)
            key = "ref" if n is None else n
            if key in heard and counts[key] >= MIN_SAMPLE and len(heard[key]) > UNIQUE_SHARE * counts[key]:
                unique.append(key)
                break
        log.info("tabel %s: kolommen %s; %s", self.plan.label, self.classes(heard, looked),
                 "per rij (waarden per rij verschillend: " + ", ".join(self._name(k) for k in unique) + ")"
                 if unique else "per kolom")
        return not unique

    def cached(self, sample: list[tuple[str, Any]]) -> bool:
        """The item cache holds rows of this table (a rescan): by row, each unchanged row answered from it."""
        cache = self.cache
        if cache is None or not cache.read_enabled or cache.empty:
            return False
        if any(cache.holds(cache.item_key(self.plan.item(self.source.name, locator))) for locator, _ in sample):
            log.info("tabel %s: per rij (rijen in de cache)", self.plan.label)
            return True
        return False

    def _name(self, key: Any) -> str:
        return "verwijzing" if key == "ref" else self.plan.columns[key]

    def classes(self, heard: dict[Any, set[str]], looked: set[int]) -> dict[str, str]:
        """Each column's class, as the sample showed it (for the log: why a table took its path); a value
        column the look stopped before is 'niet bekeken'."""
        plan, sharing = self.plan, set(sharing_columns(self.plan.columns))
        out = {}
        for n, c in enumerate(plan.columns):
            out[c] = ("sleutel" if c in plan.integer_key else "verwijzing" if c in plan.refs or c == plan.number_col
                      else "deelmoment" if c in sharing else f"recordveld ({name_field(c)})" if name_field(c)
                      else "vrije tekst" if n in heard else "niets" if n in looked else "niet bekeken")
        return out

    # -- rows -----------------------------------------------------------------------------------
    def row_task(self, locator: str, row: Any) -> Task:
        """A row for the row path, exactly as the connector's crawl would have given it."""
        item = self.plan.item(self.source.name, locator)
        assign_place(item, self.cfg)
        content = row_cells(dict(zip(self.plan.columns, row, strict=True)), self.plan.columns,
                            self.plan.integer_key, self.ref(row))
        item.size = sum(len(u.text) for u in content.units)
        return (self.source.name, item, content)

    def fingerprint(self, row: Any) -> str:
        """executor.fingerprint of the row's content as row_cells makes it (every filled scanned column)."""
        cells = []
        for n in self.scanned_at:
            raw = row[n]
            if raw is not None and (text := self.value(n, raw)[0]):
                cells.append(f"{self.plan.columns[n]}\x1e{text}")
        return self.work.keyer.of("row", "\x1f".join(cells))

    def scan_row(self, locator: str, row: Any) -> ScannedItem | Task:
        if not (locator.isdigit() or plain_locator(locator)):  # an integer key's digits: no call for most rows
            return self.row_task(locator, row)
        return self.signed(locator, row, *self.signature(row))

    def signed(self, locator: str, row: Any, sig: tuple[Any, ...], size: int, title: str) -> ScannedItem | Task:
        """A row of a plain locator with its signature: scanned when it is the signature's first, else a copy."""
        result = self.results.get(sig)
        if result is None:
            task = self.row_task(locator, row)
            item, detected = self.detect(task)
            payload = None if self.cache is None else self.cache.store_item(item, self.fingerprint(row), detected)
            ids = [id(f) for f in detected.findings] if detected is not None else []
            scanned = self.work.finish(item, detected)
            if detected is not None and item.status == "scanned":
                result = self.results[sig] = RowResult.of(scanned)
                at = {i: n for n, i in enumerate(ids)}
                result.payloads[scanned.legal_hold] = payload
                result.kept, result.detected_count = [at[id(f)] for f in scanned.findings], len(ids)
                scanned = SignatureRow(**{f.name: getattr(scanned, f.name) for f in fields(ScannedItem)},
                                       lends_to=result)
            self.scanned += 1
            return scanned
        self.copies += 1
        # source, path, kind, size, modified, access, role, party, status, reason, register: by position,
        # as a keyword call cost twice as much for every row of the table
        if self.place_per_row:
            item = Item(self.source.name, self.prefix + locator, "row", size, None, self.access, None, None,
                        "scanned", None, self.plan.register)
            assign_place(item, self.cfg)
        else:
            item = Item(self.source.name, self.prefix + locator, "row", size, None, self.access, self.role,
                        self.party, "scanned", None, self.plan.register)
        holds = self.legal_hold
        hold = holds.by_title.get(title, UNSEEN) if holds.by_title is not None else UNSEEN
        scanned = result.copy_for(item, holds(locator, title) if hold is UNSEEN else hold)
        if self.cache is not None:  # kept as the row path keeps it: a rescan answers the row from the cache
            self.cache.store_payload(item, self.fingerprint(row), result.payload(scanned.legal_hold))
            if self.work.judged is not None:  # and its linking and judgement (evaluate passes on the lent one)
                return self.work.judged.finish(item, result.as_detected(scanned), lambda _item, _found: scanned)
        return scanned

    def copied(self, *parts: Iterable[tuple[str, Any]]) -> Iterator[ScannedItem | Task | CopiedRows]:
        """scan_row for every row, but the copies gathered into batches (CopiedRows), in their place in the
        table's order: those that bring nothing of their own (no findings, an empty lent judgement) as items, the
        others as rows the rules judge one by one in the batch. Only without an item cache (every row there is
        kept in the caches one by one) and with the table's one place."""
        source, prefix, access, role, party, register = (self.source.name, self.prefix, self.access, self.role,
                                                         self.party, self.plan.register)
        results, holds = self.results, self.legal_hold
        by_title = holds.by_title
        table = prefix[:-1]
        batch = CopiedRows(source, table, access)
        for entries in self._chunks(parts):
            locators, rows = list(map(itemgetter(0), entries)), list(map(itemgetter(1), entries))
            sigs, sizes, titles = self.signatures(rows)
            # looked up as the loop comes to each row (map is lazy): a signature's first row in this chunk counts
            known = map(results.get, sigs)
            held = repeat(UNSEEN, len(rows)) if by_title is None else map(by_title.get, titles, repeat(UNSEEN))
            for locator, row, sig, size, title, result, hold in zip(locators, rows, sigs, sizes, titles, known, held,
                                                                    strict=True):
                if not locator.isdigit():
                    if batch.items:
                        yield self._handed(batch)
                        batch = CopiedRows(source, table, access)
                    yield self.scan_row(locator, row)
                    continue
                if result is not None:  # a copy
                    if hold is UNSEEN:
                        hold = holds(locator, title)
                    # source, path, kind, size, modified, access, role, party, status, reason, register
                    item = Item(source, prefix + locator, "row", size, None, access, role, party, "scanned", None,
                                register)
                    batch.items.append(item)
                    batch.links.append(result.pickled_links or (result.links() if result.subjects else None))
                    if (hold, role, party) in result.plain:
                        result.lent += 1
                    else:  # findings, or a judgement that is not empty (or not known yet): judged in the batch
                        batch.reported.append(result.copy_for(item, hold))
                    if len(batch.items) >= COPIED_ROWS:
                        yield self._handed(batch)
                        batch = CopiedRows(source, table, access)
                    continue
                if batch.items:
                    yield self._handed(batch)
                    batch = CopiedRows(source, table, access)
                yield self.signed(locator, row, sig, size, title)
        if batch.items:
            yield self._handed(batch)

    @staticmethod
    def _chunks(parts: tuple[Iterable[tuple[str, Any]], ...]) -> Iterator[list[tuple[str, Any]]]:
        for rows in parts:
            it = iter(rows)
            while chunk := list(islice(it, CHUNK_ROWS)):
                yield chunk

    def _handed(self, batch: CopiedRows) -> CopiedRows:
        self.copies += len(batch.items)
        return batch

    def __iter__(self) -> Iterator[ScannedItem | Task | CopiedRows]:
        rows = self.plan.rows()
        sample: list[tuple[str, Any]] = []
        for entry in rows:
            sample.append(entry)
            if len(sample) >= SAMPLE_ROWS:
                break
        cached = self.cached(sample)
        step = (self.row_task if cached else self.scan_row if self.columnar(sample)
                else lambda locator, row: PooledRow(self.row_task(locator, row)))
        if step == self.scan_row and self.cache is None and not self.place_per_row and COPIED_ROWS > 0:
            yield from self.copied(sample, rows)
        else:
            for locator, row in sample:
                yield step(locator, row)
            for locator, row in rows:
                yield step(locator, row)
        if self.copies:
            log.info("tabel %s: %d rijen gescand, %d van een gelijke rij overgenomen (%d met haar oordeel)",
                     self.plan.label, self.scanned, self.copies, sum(r.lent for r in self.results.values()))


def scan_tables(work: RowWork, source: Any, cfg: SourceSettings, detect: DetectRow,
                cache: ItemCache | None = None) -> Iterator[ScannedItem | Task | CopiedRows]:
    """Every table of a database source through the columnar path: a scanned row, or a row for the row path.
    With an item cache, rows read by column are kept in it as the row path keeps them."""
    for entry in source.tables():
        if not isinstance(entry, Item):
            try:
                yield from TableScan(work, source, cfg, entry, detect, cache)
                continue
            except sa.exc.SQLAlchemyError as err:
                entry = source.failed(entry.schema, entry.table, err)
        assign_place(entry, cfg)
        yield (source.name, entry, None)


def reads_tables(source: Any) -> bool:
    return isinstance(source, DatabaseSource)


__all__ = ["PooledRow", "RowHolds", "RowResult", "SignatureRow", "TableScan", "lent", "plain_locator", "reads_tables",
           "scan_tables"]
