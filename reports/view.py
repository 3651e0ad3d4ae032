"""What every report format shows, computed once: rows, counts and labels over a reviewed Report.

The writers only lay these out (a sheet, a table, a CSV), so the workbook, the dashboard and the
CSV files can never disagree about a violation's identity, status or evidence.
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from reports.i18n import t, value_label
from reports.priority import (
    SEVERITY_ORDER,
    TOP_KEPT,
    Priority,
    is_settled,
    priorities,
    priority_ledger,
    row_rank,
    settled,
    settled_rows,
    start_here,
    top_positions,
)
from reports.tally import tally
from scanner.coverage import SourceGap, source_gaps
from scanner.kernel.entities import catalogue
from scanner.kernel.ledger import Ledger
from scanner.kernel.model import Breach, Report, Violation
from scanner.rules import RULES, find_rule
from scanner.triage import plain_review

SORT_RUN = 20_000  # rows sorted in memory at once (in_order)
R = TypeVar("R")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rule_title(code: str, lang: str) -> str:
    """A rule's title in the report's language, read from the rule class (an unknown code shows as itself)."""
    found = find_rule(code)
    return found.title.in_lang(lang) if found else code


def rule_action(code: str, written: str, lang: str) -> str:
    """A violation's recommended action in the report's language, read from its rule class; `written`
    (the Dutch action the violation carries) only for a code no rule of this version has."""
    found = find_rule(code)
    return found.action.in_lang(lang) if found else written


def reviewed(report: Report) -> Report:
    """The report, given a plain review (no identities, no history, no triage) if it was not reviewed:
    a report straight from the scan still shows its possible breaches."""
    return report if report.reviewed else plain_review(report)


def lang_of(report: Report) -> str:
    return reviewed(report).lang


def evidence(report: Report, v: Violation, limit: int = 20) -> str:
    """The masked evidence behind a violation, deduplicated; never the raw value."""
    found = [report.finding(i).evidence for i in v.findings[:limit] if i < len(report.findings)]
    return "; ".join(sorted(set(found)))


def sheet_text(value: object) -> object:
    """Text from scanned files could start like a formula ('=HYPERLINK(…)'); spreadsheets must show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


@dataclass
class ViolationRow:
    index: int
    identity: str
    rule: str
    rule_title: str
    severity: str
    source: str
    path: str
    leerlingnummer: str
    evidence: str
    message: str
    legal_reference: str
    action: str
    status: str
    change: str
    first_seen: str
    reason: str
    owner: str
    expires: str
    linked_by: str = ""
    priority: int = 0
    why: str = ""
    decision: str = ""  # marked handled yet still found, and to whom it is assigned (scanner.decisions)


@dataclass
class ReviewRow:
    """A possible violation resting on a weak pupil link: shown apart, with why it is in doubt."""

    rule: str
    rule_title: str
    source: str
    path: str
    leerlingnummer: str
    message: str
    reason: str
    linked_by: str


def review_rows(report: Report) -> Iterator[ReviewRow]:
    return settled_rows("review_rows", report, lambda: _review_rows(report))


def _review_rows(report: Report) -> Iterator[ReviewRow]:
    lang = lang_of(report)
    return in_order((ReviewRow(rule=v.rule, rule_title=rule_title(v.rule, lang),
                               source=v.source, path=v.path, leerlingnummer=v.leerlingnummer or "",
                               message=v.message, reason=v.review_reason, linked_by=v.linked_by)
                     for v in report.to_review), len(report.to_review),
                    key=lambda r: (r.rule, r.source, r.path, r.leerlingnummer))


def in_order(rows: Iterable[R], n: int, key: Callable[[R], Any]) -> Iterator[R]:
    """`sorted(rows, key=key)`, stable, holding at most SORT_RUN rows in memory when there are more
    (sorted runs on disk, merged): a report's rows are as many as its violations."""
    if n <= SORT_RUN:
        yield from sorted(rows, key=key)
        return
    kept = Ledger(rows)
    try:
        yield from kept.sorted(key, run=SORT_RUN)
    finally:
        kept.close()


def decision_text(v: Violation, lang: str) -> str:
    """'afgehandeld (fg, 2026-12-05 10:00 +01:00): map afgeschermd — nog gevonden; toegewezen aan IB, uiterlijk …'."""
    parts = []
    if v.handled is not None:
        parts.append(t("decision_handled", lang, by=v.handled.decided_by or "?",
                       at=when(v.handled.decided_at or ""), action=v.handled.action))
    if v.assigned is not None:
        parts.append(t("decision_assigned", lang, to=v.assigned.to)
                     + (t("decision_due", lang, due=v.assigned.due.isoformat()) if v.assigned.due else ""))
    return "; ".join(parts)


def why_text(codes: list[str], lang: str) -> str:
    return ", ".join(t(f"why_{c}", lang) for c in codes)


@dataclass
class StartRow:
    """A line of "Begin hier", in the report's language."""

    priority: int
    rule: str
    rule_title: str
    source: str
    path: str
    action: str
    pupils: str
    why: str
    identities: str


def start_rows(report: Report) -> list[StartRow]:
    """The top actions every report begins with (reports.priority)."""
    reviewed(report)
    lang = report.lang
    return [StartRow(a.points, a.rule, rule_title(a.rule, lang), a.source, a.path,
                     rule_action(a.rule, a.action, lang), t("action_pupils", lang, n=a.pupils) if a.pupils else "",
                     why_text(a.why, lang),
                     ", ".join(a.identities[:3]) + (" …" if len(a.identities) > 3 else ""))
            for a in start_here(report)]


def violation_rows(report: Report) -> Iterator[ViolationRow]:
    """One row per violation, highest priority first (reports.priority), with its identity and triage decision;
    read once (a report may hold a million: see in_order), and laid out once per report in
    reports.priority.one_report (five writers ask: each read every violation's findings and sorted)."""
    reviewed(report)
    return settled_rows("violation_rows", report, lambda: _violation_rows(report))


def _violation_rows(report: Report) -> Iterator[ViolationRow]:
    lang = report.lang
    rows = (_row(report, n, v, prio, lang)
            for n, (v, prio) in enumerate(zip(report.violations, priorities(report), strict=True)))
    return in_order(rows, len(report.violations),
                    key=lambda r: (-r.priority, SEVERITY_ORDER.get(r.severity, 3), r.rule, r.source, r.path))


def top_rows(report: Report, n: int, wanted: Callable[[Any], bool] | None = None) -> list[ViolationRow]:
    """The first `n` rows of violation_rows (of those `wanted` picks by `status` and `change`, which a
    violation and its row share), laying out only those: a report that shows the highest priorities, the
    new or the decided ones need not lay out every row (on an unchanged rescan of an open share the
    writers take the full lists over). Rows already laid out for this report are read instead."""
    reviewed(report)
    if is_settled("violation_rows", report):
        return list(itertools.islice((r for r in violation_rows(report) if wanted is None or wanted(r)), n))
    positions = top_positions(report) if wanted is None and n <= TOP_KEPT else None
    if positions is not None:  # found on the priorities' pass: only these violations are read
        chosen = sorted(positions[:n])
        ledger = priority_ledger(report)
        at = dict(zip(chosen, _violations_at(report.violations, chosen), strict=True))
        return [_row(report, i, at[i], ledger.peek(i), report.lang) for i in positions[:n]]
    best = heapq.nsmallest(n, ((row_rank(v, prio, i), v, prio)
                               for i, (v, prio) in enumerate(zip(report.violations, priorities(report), strict=True))
                               if wanted is None or wanted(v)), key=lambda c: c[0])
    return [_row(report, rank[-1], v, prio, report.lang) for rank, v, prio in best]


def _violations_at(violations: Sequence[Violation], positions: list[int]) -> Iterator[Violation]:
    """The violations at `positions` (ascending): a ledger reads each of its pages once for them."""
    peek = getattr(violations, "peek", None)
    return (peek(i) if peek is not None else violations[i] for i in positions)


def _row(report: Report, n: int, v: Violation, prio: Priority, lang: str) -> ViolationRow:
    return ViolationRow(
        index=n, identity=v.identity, rule=v.rule, rule_title=rule_title(v.rule, lang),
        severity=v.severity, source=v.source, path=v.path, leerlingnummer=v.leerlingnummer or "",
        evidence=evidence(report, v), message=v.message, legal_reference=v.legal_reference,
        action=rule_action(v.rule, v.action, lang),
        status=v.status, change=v.change or "", first_seen=v.first_seen,
        reason=v.decision.reason if v.decision else "", owner=v.decision and v.decision.owner or "",
        expires=v.decision and v.decision.expires or "", linked_by=v.linked_by, priority=prio.points,
        why=why_text(prio.why, lang), decision=decision_text(v, lang))


def rule_counts(report: Report) -> list[tuple[str, str, int]]:
    """(code, title, count) for every rule, including those with nothing found."""
    counts = tally(report).rules
    lang = lang_of(report)
    return [(r.code, r.title.in_lang(lang), counts.get(r.code, 0)) for r in RULES]


def source_counts(report: Report) -> list[tuple[str, int]]:
    counts = tally(report).sources
    names = [s.name for s in report.settings.sources]
    return [(name, counts.get(name, 0)) for name in names] + sorted(
        (s, n) for s, n in counts.items() if s not in names)


def school_counts(report: Report) -> list[tuple[str, int]]:
    """Violations per school of the pupil concerned ('' when no single pupil is concerned)."""
    counts = tally(report).schools
    return sorted(counts.items(), key=lambda kv: (kv[0] == "", kv[0]))


def severity_counts(report: Report) -> list[tuple[str, int]]:
    counts = tally(report).severities
    return sorted(counts.items(), key=lambda kv: SEVERITY_ORDER.get(kv[0], 3))


@dataclass
class PupilRow:
    leerlingnummer: str
    violations: int
    highest: str
    rules: str
    places: int


def pupil_rows(report: Report) -> list[PupilRow]:
    """One row per pupil with violations: how many, how bad, which rules, in how many places. Per pupil
    only the counts are held (places as hashes), not the violations."""
    by_pupil: dict[str, tuple[Counter[str], Counter[str], set[int]]] = {}  # rules, severities, places
    for v in report.violations:
        if v.leerlingnummer:
            rules, severities, places = by_pupil.setdefault(v.leerlingnummer, (Counter(), Counter(), set()))
            rules[v.rule] += 1
            severities[v.severity] += 1
            places.add(hash((v.source, v.path)))
    rows = []
    for nummer, (rules, severities, places) in by_pupil.items():
        highest = min(severities, key=lambda s: SEVERITY_ORDER.get(s, 3))
        rows.append(PupilRow(nummer, rules.total(), highest,
                             ", ".join(f"{r} ({n})" for r, n in sorted(rules.items())), len(places)))
    return sorted(rows, key=lambda r: (SEVERITY_ORDER.get(r.highest, 3), -r.violations, r.leerlingnummer))


@dataclass
class GapNotice:
    """One unread source as every report shows it first: headline, the connector's reason, the fix."""

    gap: SourceGap
    headline: str
    reason: str
    fix: str


def gap_notices(report: Report) -> list[GapNotice]:
    """Unread sources, worded for the reports (once per report in reports.priority.one_report: it reads
    every item)."""
    return settled("gap_notices", report, lambda: _gap_notices(report))


def gaps(report: Report) -> list[SourceGap]:
    """scanner.coverage.source_gaps, once per report in reports.priority.one_report (it reads every item)."""
    return settled("source_gaps", report, lambda: source_gaps(report, lang_of(report)))


def _gap_notices(report: Report) -> list[GapNotice]:
    lang = lang_of(report)
    out = []
    for g in gaps(report):
        headline = t("gap_whole", lang, source=g.source) if g.whole else t(
            "gap_part", lang, source=g.source, unreadable=g.unreadable, units=g.units, pct=round(100 * g.share))
        out.append(GapNotice(g, headline, g.reason, g.fix))
    return out


@dataclass
class RegisterHint:
    """A table that looks like the register or the administration itself, flagged only for its BSNs."""

    source: str
    table: str
    rows: int
    role: str | None = None  # a role whose places may hold a BSN, per the scan's policy (policy.roles)


def bsn_roles(report: Report) -> list[str]:
    """The roles the scan's policy lets hold a BSN (report.settings carries the whole policy)."""
    roles = report.settings.policy.get("roles") or {}
    return [role for role, meanings in roles.items() if "bsn_allowed" in (meanings or [])]


def register_like_tables(report: Report, min_rows: int = 3) -> list[RegisterHint]:
    """Tables whose only violations are BSNs outside the administration, in most of their rows, with
    no special-category data: most likely the register a quick scan did not know about. Not silenced
    (an export with BSNs looks the same): the FG is told how to mark it if it is the register."""
    rows: Counter[tuple[str, str]] = Counter()
    flagged: Counter[tuple[str, str]] = Counter()
    other: set[tuple[str, str]] = set()
    for i in report.items:
        if i.kind == "row":
            rows[(i.source, i.path.partition("#")[0])] += 1
    for v in report.violations:
        key = (v.source, v.path.partition("#")[0])
        if not key[1].startswith("table:"):  # only tables count: a set of every file would grow with the share
            continue
        if v.rule == "bsn-outside-administration":
            flagged[key] += 1
        else:
            other.add(key)
    special = catalogue().special_categories
    for f in report.findings:
        if f.entity_type in special and f.path.startswith("table:"):
            other.add((f.source, f.path.partition("#")[0]))
    role = next(iter(bsn_roles(report)), None)
    return [RegisterHint(src, table.removeprefix("table:"), n, role) for (src, table), n in sorted(flagged.items())
            if table.startswith("table:") and (src, table) not in other and n >= min_rows
            and n >= 0.8 * rows[(src, table)]]


def breach_deadline(discovered_at: str) -> str:
    """72 hours after discovery (AVG art. 33 lid 1)."""
    try:
        return (datetime.fromisoformat(discovered_at) + timedelta(hours=72)).isoformat(timespec="minutes")
    except ValueError:
        return ""


def when(iso: str) -> str:
    """A timestamp for people: '2026-11-29 14:05 +01:00' (the offset matters for the 72-hour deadline)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    offset = moment.strftime("%z")
    return moment.strftime("%Y-%m-%d %H:%M") + (f" {offset[:3]}:{offset[3:]}" if offset else "")


def breach_rows(report: Report) -> list[Breach]:
    return reviewed(report).breaches


def _flatten(prefix: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [row for k, v in value.items() for row in _flatten(f"{prefix}.{k}" if prefix else str(k), v)]
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return [(prefix, ", ".join(map(str, value)))]
        return [row for i, v in enumerate(value) for row in _flatten(f"{prefix}[{i}]", v)]
    return [(prefix, "" if value is None else str(value))]


def settings_rows(report: Report) -> list[tuple[str, str]]:
    """The settings that make the report reproducible: reference date, version, sources, the whole policy."""
    reviewed(report)
    lang = report.lang
    rows = [(t("as_of", lang), report.settings.as_of.isoformat()), (t("generated", lang), report.generated_at),
            (t("version", lang), report.settings.version),
            (t("raw_values", lang), t("yes" if report.show_values else "no", lang)),
            (t("language", lang), lang), (t("triage_file", lang), report.triage.file or ""),
            (t("state_file", lang), report.history.state_file or "")]
    rows += [(f"{t('source', lang).lower()} {s.name}", s.type) for s in report.settings.sources]
    rows += _flatten("policy", report.settings.policy)
    return rows


def item_status(status: str, lang: str) -> str:
    return t(status, lang) if status in ("scanned", "unreadable", "skipped") else status


def label(prefix: str, value: str | None, report: Report) -> str:
    return value_label(prefix, value, lang_of(report))


__all__ = ["GapNotice", "RegisterHint", "StartRow", "register_like_tables", "ViolationRow", "gap_notices",
           "start_rows", "why_text",
           "PupilRow", "breach_deadline", "breach_rows", "bsn_roles", "evidence", "item_status", "label", "lang_of",
           "pupil_rows", "reviewed", "rule_action", "rule_counts", "rule_title", "settings_rows", "severity_counts",
           "sheet_text",
           "school_counts", "source_counts", "top_rows", "violation_rows", "when"]
