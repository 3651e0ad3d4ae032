"""The scan: crawl every source, extract, detect, link, then apply the rules. One direction only."""

from __future__ import annotations

import gc
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from connectors.base import Source
from scanner import __version__, kept_scan
from scanner.cache import ItemCache, scan_fingerprint
from scanner.columnar import SignatureRow
from scanner.columns import ColumnProfiles
from scanner.config import ScanConfig
from scanner.detection.detect import MIN_SCORE, CellMemo, block_texts, detect
from scanner.detection.paragraphs import join_lines, split_long
from scanner.doctables import read_tables
from scanner.evaluation_cache import EvaluationCache, evaluation_inputs
from scanner.executor import SCAN_GC_THRESHOLD, scan_all
from scanner.forms import read_forms, records
from scanner.generic_terms import drop_generic_terms
from scanner.kept_scan import KeptScan
from scanner.kernel.errors import Unreadable
from scanner.kernel.keys import Keyer
from scanner.kernel.ledger import Ledger
from scanner.kernel.model import (
    AccessPool,
    Content,
    CopiedRows,
    Detected,
    ExemptFlow,
    Finding,
    Item,
    Judgement,
    Report,
    ScannedItem,
    Settings,
    SourceRef,
    TextUnit,
    Violation,
)
from scanner.kernel.subject_index import SubjectIndex
from scanner.kernel.text import fold
from scanner.link_review import explain, to_review
from scanner.linking import RegisterIndex, folder_regex, link, row_keys
from scanner.person_roles import mark_roles
from scanner.records.disclosures import load_disclosures
from scanner.records.loading import Records, load_records
from scanner.rules import RULES, Rule, RuleContext
from scanner.rules.consent_rules import outcomes
from scanner.sharing import pick, share_dates, shared_on
from scanner.state import StateStore
from scanner.unknown_children import candidates, resolve

if TYPE_CHECKING:  # the NLP stack loads with the analyzer: a rescan answered from the cache never needs it
    from presidio_analyzer import AnalyzerEngine

log = logging.getLogger(__name__)
Progress = Callable[[Item], None]


def legal_hold(item: Item, title: str, terms: list[tuple[str, str]]) -> str | None:
    """The Archiefwet category (diploma, cijferlijst, ...) named in the item's path or title, if any.
    `terms` are (term, folded term) pairs."""
    hay = fold(f"{item.path} {title}")
    return next((t for t, folded in terms if folded in hay), None)


def _attribute_single_subject(scanned: ScannedItem) -> None:
    """In an item about exactly one pupil, the unattributed data is that pupil's data."""
    strong = [s for s in scanned.subjects if s.confirmed]
    if len(strong) != 1:
        return
    for f in scanned.findings:
        if f.leerlingnummer is None and not (f.entity_type == "PERSON" and (
                f.person_kind in ("staff", "parent", "adult", "unknown") or f.role == "adult")):
            f.leerlingnummer = strong[0].leerlingnummer


class Scanner:
    """Holds what is built once per scan (records, analyzer, indexes).

    Work per item has two halves: `detect_item` (extraction results in, Detected out: the heavy,
    cacheable half that workers run) and `finish` (linking, unknown children, attribution: cheap; on
    a rescan answered by scanner.evaluation_cache with the rules' judgement when no input changed).
    """

    def __init__(self, cfg: ScanConfig, records: Records, keyer: Keyer | None = None,
                 as_of: date | None = None) -> None:
        self.cfg = cfg
        self.as_of = as_of or cfg.as_of or date.today()  # no sharing date after the reference date
        self.records = records
        self.keyer = keyer or Keyer()
        self.index = RegisterIndex.build(records.pupils or [], self.keyer, records.staff, records.parents)
        self.pupil_names = set(self.index.by_name)
        self._analyzer: AnalyzerEngine | None = None
        self.folder_rx = {s.name: folder_regex(pattern) if (pattern := getattr(s, "folder_pattern", None)) else None
                          for s in cfg.sources}  # only file trees have dossier folders
        self.memo = CellMemo()
        self.hold_terms = [(t, fold(t)) for t in cfg.policy.retention.legal_hold]
        self.source_counts: dict[str, dict[str, int]] = {}  # per source: entries skipped while crawling, by why
        self.judged: EvaluationCache | None = None  # a rescan's finished and judged items (set by run_scan)
        self._read: dict[int, tuple[Content, Content, list[TextUnit]]] = {}  # by `prepare`, per content

    def __reduce__(self) -> tuple[type[Scanner], tuple[ScanConfig, Records, Keyer, date]]:
        """Sent to another process (a dask worker) as what it is built from; the worker builds its own
        analyzer, indexes and memo."""
        return Scanner, (self.cfg, self.records, Keyer(self.keyer._key), self.as_of)

    @property
    def analyzer(self) -> AnalyzerEngine:
        """Built on first use: a rescan answered from the cache never loads the NLP pipeline."""
        if self._analyzer is None:
            from scanner.detection.engine import build_analyzer

            self._analyzer = build_analyzer(self.records.known_people(),
                                            self.cfg.resolve(self.cfg.nlp) if self.cfg.nlp else None,
                                            own_names=self.cfg.organisation.own_names)
        return self._analyzer

    @property
    def analyzer_built(self) -> bool:
        """Whether `analyzer` is built already (by a table's rows detected here, or an earlier scan)."""
        return self._analyzer is not None

    def read_and_detect(self, source: Source, item: Item) -> Detected | None:
        """None when the item is not scanned (skipped, or unreadable: the item says why)."""
        if item.status != "scanned":
            return None
        try:
            content = source.read(item)
        except Unreadable as err:
            item.status, item.reason = "unreadable", str(err)
            return None
        return self.detect_item(item, content)

    def units_of(self, content: Content) -> tuple[Content, list[TextUnit]]:
        """The content with its document tables read, and the units detection sees."""
        content = read_tables(content)  # document tables as forms or lists, before anything reads the text
        chars = sum(len(u.text) for u in content.units)
        limit = self.cfg.limits.max_text_mb * 1024 * 1024
        if chars > limit:
            raise Unreadable(f"te veel tekst ({chars // 1048576} MB, grens {self.cfg.limits.max_text_mb:g} MB)")
        return content, split_long(join_lines(read_forms(content.units)))  # form fields first: join_lines keeps cells

    def prepare(self, contents: list[tuple[Item, Content]]) -> None:
        """Detection of several files at once, before `detect_item` asks for each: the NER reads the
        windows of all of them in one batch (SchoolAnalyzerEngine.prepare). A file whose units fail
        here is left to `detect_item`, which meets the same error and reports it for that file alone."""
        texts: list[str] = []
        for item, content in contents:
            if item.kind == "row":
                continue
            try:
                read, units = self.units_of(content)
            except Exception:  # noqa: S112  (reported by detect_item, item by item)
                continue
            self._read[id(content)] = (content, read, units)
            texts += block_texts(units)
        prepare = getattr(self.analyzer, "prepare", None)
        if prepare is not None and texts:
            prepare(texts, "nl", MIN_SCORE)

    def forget(self) -> None:
        """What `prepare` made for files that did not get as far as their detection."""
        self._read.clear()
        forget = getattr(self._analyzer, "forget", None)
        if forget is not None:
            forget()

    def detect_item(self, item: Item, content: Content) -> Detected:
        known = self._read.pop(id(content), None)
        if known is not None and known[0] is content:
            content, units = known[1], known[2]
        else:
            content, units = self.units_of(content)
        org = self.cfg.organisation
        findings = detect(self.analyzer, item.source, item.path, units, org.addresses, self.keyer,
                          org.own_names, self.memo if item.kind == "row" else None)
        mark_roles(units, findings)
        title = str(content.metadata.get("title") or (units[0].text if units else ""))
        ref = content.refs.get("leerlingnummer")
        recs = records(units)  # form sections and table rows, read once for linking and unknown children
        return Detected(
            findings=findings, ref_key=self.keyer.number(ref) if ref else None,
            rows=row_keys(units, self.keyer, recs),
            candidates=candidates(units, findings, self.keyer, item.path, recs),
            share_dates=share_dates(item, content),
            legal_hold=legal_hold(item, title[:200], self.hold_terms))

    def finish(self, item: Item, detected: Detected | None) -> ScannedItem:
        """Linked and attributed; a rescan's unchanged item comes from `self.judged` (rules included)."""
        if self.judged is not None:
            return self.judged.finish(item, detected, self.link)
        return self.link(item, detected)

    def link(self, item: Item, detected: Detected | None) -> ScannedItem:
        if detected is None:
            return ScannedItem(item=item)
        day, day_source = pick(detected.share_dates, self.as_of)
        scanned = ScannedItem(item=item, findings=detected.findings, share_date=day, share_date_source=day_source,
                              legal_hold=detected.legal_hold)
        for f in scanned.findings:
            f.source, f.path = item.source, item.path
        scanned.subjects = link(item.path, item.kind == "row", detected, self.index, self.folder_rx.get(item.source))
        if self.records.pupils is not None:
            scanned.unknown_children = resolve(detected.candidates, scanned.findings, self.pupil_names,
                                               self.index.others)
        drop_generic_terms(scanned)
        _attribute_single_subject(scanned)
        return scanned

    def scan_item(self, source: Source, item: Item) -> ScannedItem:
        return self.finish(item, self.read_and_detect(source, item))

    def analyze(self, item: Item, content: Content) -> ScannedItem:
        return self.finish(item, self.detect_item(item, content))


@dataclass
class Evaluation(Judgement):
    """What the rules made of the scanned items: every item's judgement, one after the other."""

    skipped_rules: list[dict[str, str]] = field(default_factory=list)
    # Ledgers when evaluate() made them: on a share where every file is open, every file is a violation
    findings: Sequence[Finding] = field(default_factory=list)
    violations: Sequence[Violation] = field(default_factory=list)  # type: ignore[assignment]
    to_review: Sequence[Violation] = field(default_factory=list)  # type: ignore[assignment]


def judge(scanned: ScannedItem, active: list[Rule], ctx: RuleContext) -> Judgement:
    """What the rules make of one item: its violations, what to review, exempt flows, Archiefwet holds."""
    found = [v for r in active for v in r.check(scanned, ctx)]
    explain(found, scanned)
    doubtful = to_review(scanned, active, ctx, found)
    for v in found + doubtful:
        if v.leerlingnummer and ctx.register is not None:
            v.school = ctx.register.pupils[v.leerlingnummer].school or None
    out = Judgement(violations=found, to_review=doubtful)
    for nummer, flow in outcomes(scanned, ctx) if ctx.register is not None else []:
        if flow.status == "exempt":
            out.exempt.append(ExemptFlow(scanned.item.source, scanned.item.path, nummer, scanned.item.party or "",
                                         flow.basis or "", sorted(flow.categories), flow.shared,
                                         flow.shared_source, shared_on(flow.shared, flow.shared_source)))
    confirmed = sorted({s.leerlingnummer for s in scanned.subjects if s.confirmed})
    if scanned.legal_hold and confirmed:
        out.kept_by_law.append({"source": scanned.item.source, "path": scanned.item.path,
                                "reason": f"Archiefwet: {scanned.legal_hold}", "leerlingnummers": confirmed})
    return out


def evaluate(scanned_items: Iterable[ScannedItem | CopiedRows], ctx: RuleContext, records: Records,
             remember: Callable[[ScannedItem, Judgement], None] | None = None,
             done: Callable[[ScannedItem | CopiedRows], None] | None = None) -> Evaluation:
    """Apply every rule whose records are present. An item a rescan found unchanged brings its judgement
    (ScannedItem.judged); `remember` is told every fresh one (scanner.evaluation_cache keeps it).

    Rules judge one item at a time, so the items may arrive as the scan makes them: each is let go
    after its turn (`done` sees it last), and its findings go to a ledger on disk, so memory does not
    grow with the share. Violations go to a ledger too: an open folder of a million files is a million
    violations. Of a batch of copied rows (CopiedRows) only the rows in `reported` have anything to judge."""
    out = Evaluation(findings=Ledger(), violations=Ledger(), to_review=Ledger())
    available = {"register": records.pupils is not None, "consents": records.consents is not None}
    active = [r for r in RULES if all(available[n] for n in r.needs)]
    names = {"register": "leerlingenregister", "consents": "toestemmingsregistratie"}
    out.skipped_rules = [{"rule": r.code, "reason": "geen " + " en ".join(names[n] for n in r.needs if not available[n])
                          + " opgegeven"} for r in RULES if r not in active]

    def take(scanned: ScannedItem) -> None:
        judged = scanned.judged
        if judged is None:
            judged = judge(scanned, active, ctx)
            if remember is not None:
                remember(scanned, judged)  # before the indexes below become the report's
            if isinstance(scanned, SignatureRow):  # the columnar path: later rows like it take this judgement
                scanned.judged_fresh(judged)
        elif remember is not None and isinstance(scanned, SignatureRow):
            remember(scanned, judged)  # a copied row's lent judgement is its own: kept for a rescan like one
        # most items (a million-row table's rows above all) have no findings and no judgement: no calls for nothing
        if judged.violations or judged.to_review:
            named = judged.violations + judged.to_review
            offset = len(out.findings)
            # after the rules: the ledger keeps a copy as it is now; the reports look up the violations' findings
            out.findings.extend(scanned.findings, hold={i for v in named for i in v.findings})
            for v in named:
                v.findings = [offset + i for i in v.findings]
            out.violations.extend(judged.violations)  # type: ignore[attr-defined]
            out.to_review.extend(judged.to_review)  # type: ignore[attr-defined]
        elif scanned.findings:
            out.findings.extend(scanned.findings)
        if judged.exempt:
            out.exempt.extend(judged.exempt)
        if judged.kept_by_law:
            out.kept_by_law.extend(judged.kept_by_law)

    for entry in scanned_items:
        if isinstance(entry, CopiedRows):  # its rows with something to report, one by one; then the batch
            for scanned in entry.reported:
                take(scanned)
        else:
            take(entry)
        if done is not None:
            done(entry)
    return out


def excluded(cfg: ScanConfig, counts: dict[str, dict[str, int]]) -> dict[str, object]:
    """What include/exclude kept out of the scan, per source with its patterns: an `exclude: ["*"]`
    must not look like a share with nothing on it."""
    by_source = {}
    for src in cfg.sources:
        c = counts.get(src.name, {})
        files, folders = c.get("uitgesloten", 0), c.get("uitgesloten_mappen", 0)
        if files or folders:
            by_source[src.name] = {"files": files, "folders": folders, "include": list(src.include),
                                   "exclude": list(src.exclude)}
    return {"files": sum(s["files"] for s in by_source.values()),  # type: ignore[misc]
            "folders": sum(s["folders"] for s in by_source.values()),  # type: ignore[misc]
            "by_source": by_source}


def _scanned(scanner: Scanner, workers: int | None, executor: str, scheduler: str | None,
             cache: ItemCache | None) -> Iterator[ScannedItem | CopiedRows]:
    """The chosen executor: local processes (scanner.executor) or a dask cluster (scanner.dask_executor,
    imported only when asked for: it needs the optional `distributed`)."""
    if executor == "dask":
        from scanner.dask_executor import scan_on_dask

        return scan_on_dask(scanner, scheduler, workers, cache)
    return scan_all(scanner, workers, cache)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """A scan allocates millions of small objects that live until the report; Python's default
    collection after every 700 allocations re-walked them for a fifth of a 200 000-row table scan.
    (Forked workers inherit it.)"""
    old = gc.get_threshold()
    gc.set_threshold(*SCAN_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)


@fewer_collections()
def run_scan(cfg: ScanConfig, as_of: date | None = None, show_values: bool = False,
             progress: Progress | None = None, records: Records | None = None, workers: int | None = 1,
             executor: str = "local", scheduler: str | None = None, store: StateStore | None = None,
             full: bool = False, on_scanned: Callable[[ScannedItem | CopiedRows], None] | None = None,
             command: list[str] | None = None) -> Report:
    """Scan every source and apply the rules.

    With a state store the scan is incremental: unchanged items come from the cache unless `full`
    (or `show_values`, which needs the raw values a cache never keeps) forces a fresh read. A scan
    with `show_values` is logged in the store with `command`, the command line that asked for it
    (the caller's: a library call has none, and the log then says so).
    """
    started = time.monotonic()
    records = records or load_records(cfg)
    flows: list[ScannedItem] = []
    if cfg.records.disclosures is not None and records.pupils is not None:  # read first: a bad file stops the run
        flows, problems = load_disclosures(cfg.records.disclosures, cfg, {p.leerlingnummer for p in records.pupils})
        records.problems += problems
    if show_values and store is not None:
        store.log_value_access(command or ["(audit() zonder opdrachtregel)"])
        kept_scan.forget(store.out_dir)
    ref = as_of or cfg.as_of or date.today()
    keyer = store.keyer() if store else None
    detection = scan_fingerprint(cfg) if store else ""  # what the caches and the kept result are keyed on
    evaluation = evaluation_inputs(cfg, records, ref) if store else ""
    kept = None  # the previous scan's result, when nothing it rests on changed (scanner.kept_scan)
    if store is not None and keyer is not None and not show_values and kept_scan.ENABLED:
        kept = KeptScan.crawl(store.out_dir, cfg, keyer, records, flows, detection, evaluation)
        previous = None if full else kept.load()
        if previous is not None:
            n = previous.statistics["items"]  # every one answered without detection, linking or rules
            previous.statistics.update(_run_statistics(records, started, unchanged=True), cache_hits=n,
                                       cache_misses=0, judgements_reused=n, resumed_interrupted_scan=False)
            return previous
    scanner = Scanner(cfg, records, keyer, ref)
    cache = ItemCache(store, detection, read=not (full or show_values)) if store else None
    if cache is not None:
        scanner.judged = EvaluationCache(cache, evaluation, scanner.index, records.consents,
                                         read=not (full or show_values))
    profiles = ColumnProfiles()
    ctx = RuleContext(policy=cfg.policy, as_of=ref,
                      register=scanner.index if records.pupils is not None else None,
                      consents=records.consents)

    def arrived() -> Iterator[ScannedItem | CopiedRows]:
        for scanned in _scanned(scanner, workers, executor, scheduler, cache):
            if isinstance(scanned, CopiedRows):
                if progress:
                    for item in scanned.items:
                        progress(item)
                if on_scanned:
                    on_scanned(scanned)
                profiles.add_rows(scanned.source, scanned.table, len(scanned.items) - len(scanned.reported))
                for row in scanned.reported:
                    profiles.add(row.item, row.findings)
                yield scanned
                continue
            if progress:
                progress(scanned.item)
            if on_scanned:
                on_scanned(scanned)
            profiles.add(scanned.item, scanned.findings)
            yield scanned
        yield from flows  # logged disclosures: judged like files in outbound folders

    items: Ledger[Item] = Ledger()  # every item and finding goes to disk as it is judged
    accesses = AccessPool()
    subjects = SubjectIndex()  # whose data each item holds, on disk too

    tally: Counter[str] = Counter()  # counted as the items go by: reading a million back from disk cost seconds
    row_chars = 0

    def let_go(scanned: ScannedItem | CopiedRows) -> None:
        nonlocal row_chars
        if isinstance(scanned, CopiedRows):
            copied(scanned)
            return
        if scanner.judged is not None:
            scanner.judged.fold(scanned)
        item = scanned.item
        item.access = accesses.same(item.access)
        items.append(item)
        tally[item.status] += 1
        if item.kind == "row":
            row_chars += item.size
        if scanned.subjects:
            if isinstance(scanned, SignatureRow) and scanned.lends_to is not None:  # pickled once per signature
                shared = scanned.lends_to
                subjects.set_pickled((item.source, item.path), shared.pickled_links or shared.links())
            else:
                subjects[(item.source, item.path)] = [(x.leerlingnummer, not x.confirmed) for x in scanned.subjects]

    def copied(rows: CopiedRows) -> None:
        """let_go for a batch of plain copies: the same ledgers and counts, once per batch where it can be."""
        nonlocal row_chars
        batch = rows.items
        access = accesses.same(rows.access)  # the rows share their table's: the pool is asked once
        if access is not rows.access:
            for item in batch:
                item.access = access
        items.extend(batch)
        tally["scanned"] += len(batch)
        row_chars += sum(item.size for item in batch)
        source = rows.source
        subjects.set_pickled_many(((source, item.path), links) for item, links in zip(batch, rows.links, strict=True)
                                  if links is not None)

    stream = arrived()
    try:
        result = evaluate(stream, ctx, records, scanner.judged.remember if scanner.judged else None, let_go)
    except KeyboardInterrupt:  # Ctrl-C: what is done stays in the cache, so --resume continues from here
        stream.close()  # the workers stop now, not when the traceback is let go
        if cache is not None:
            cache.flush()
        raise
    if scanner.judged is not None:
        scanner.judged.close()
    violations, findings = result.violations, result.findings
    stats = {
        "items": len(items),
        "scanned": tally["scanned"],
        "unreadable": tally["unreadable"],
        "skipped": tally["skipped"],
        "findings": len(findings),
        "violations": len(violations),
        "to_review": len(result.to_review),
        "text_chars": row_chars,
        "columns": profiles.report(),
        "excluded": excluded(cfg, scanner.source_counts),
        **_run_statistics(records, started, unchanged=False),
        "resumed_interrupted_scan": bool(cache and cache.resumes_interrupted),
        "cache_hits": cache.hits if cache else 0,
        "cache_misses": cache.misses if cache else 0,
        "judgements_reused": scanner.judged.hits if scanner.judged else 0,  # linking and rules not run again
    }
    settings = Settings(as_of=ref, version=__version__, sources=[SourceRef(s.name, s.type) for s in cfg.sources],
                        policy=cfg.policy.model_dump(mode="json"))
    report = Report(items=items, findings=findings, violations=violations, exempt=result.exempt,
                    kept_by_law=result.kept_by_law, skipped_rules=result.skipped_rules, statistics=stats,
                    settings=settings, show_values=show_values, subjects=subjects, to_review=result.to_review,
                    body_digest=scanner.judged.body_digest() if scanner.judged and not show_values else "")
    if kept is not None:
        kept.keep(report)
    return report


def _run_statistics(records: Records, started: float, unchanged: bool) -> dict[str, object]:
    """The statistics of this run itself, also when it took the previous scan's result over (`unchanged`)."""
    return {"seconds": round(time.monotonic() - started, 2), "record_problems": [str(p) for p in records.problems],
            "pupils_in_register": len(records.pupils or []), "consent_records": len(records.consents or []),
            "unchanged_rescan": unchanged}


__all__ = ["run_scan", "Scanner", "evaluate"]
