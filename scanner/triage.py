"""Triage: what the FG decided about violations, and how this scan compares with the previous audit.

The FG keeps a YAML triage file with accepted risks (reason, owner, expiry date) and false-positive
marks, keyed by the stable violation identities every report shows. After a scan, `ReviewSession`
gives each violation its identity, its triage status and whether it is new or persisting, lists
what was resolved since the previous audit of the same output folder, flags possible data breaches
(AVG art. 33), and records the audit in the state store. The result is written into the report's
typed fields (each Violation's identity, status, change, decision, handled mark and assignee; the
Report's breaches, history and triage use), so every writer shows the same decisions.

The triage file (`avgscan scan --triage triage.yaml`), with IDs copied from a report:

    accepted:                      # risks the school accepts until a date; then they count again
      - id: 3f2a9c0d5e6b7a81
        reason: Archief wordt in januari opgeschoond
        owner: J. Jansen (directeur)
        expires: 2027-01-31         # valid through this date, judged at the scan's reference date
    false_positives:               # not a violation at all; also left out of possible breaches
      - id: 9b1e44c2a0f3d7e6
        reason: Rooster bevat geen leerlinggegevens
        owner: FG                   # optional
    handled:                       # the FG says it was dealt with; the next scan checks whether it is gone
      - id: 5c0d11a2b3e4f607
        action: Map afgeschermd; alleen het zorgteam kan erin
    assigned:                      # who takes it on, before when
      - id: 5c0d11a2b3e4f607
        to: M. de Boer (IB)
        due: 2027-01-15

Neither accepted nor false-positive violations count toward the exit code; an expired acceptance
does, and so does a handled violation that is still found. Every entry may carry `decided_by` and
`decided_at` (the workspace writes them). Entries that match no violation any more are listed in the
reports (resolved, or the ID was mistyped).

Decisions made in the FG's workspace (`avgscan serve`, scanner.decisions) are read from the state
store as well; for the same violation the stored decision wins, because it is dated and attributed
and a triage file is usually an export of them.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import Connection

from scanner import decisions
from scanner.config import default_policy
from scanner.kernel.entities import catalogue
from scanner.kernel.errors import AvgscanError
from scanner.kernel.keys import violation_identity
from scanner.kernel.ledger import Ledger
from scanner.kernel.messages import format_validation, os_reason, say
from scanner.kernel.model import (
    ACCEPTED,
    EXPIRED,
    FALSE_POSITIVE,
    OPEN,
    Assignee,
    AuditRecord,
    Breach,
    Handling,
    History,
    Report,
    StoredViolation,
    Tally,
    TriageDecision,
    TriageUse,
    Violation,
)
from scanner.state import PreviousAudit, StateStore, mask_path


class TriageError(AvgscanError):
    """The triage file cannot be used; the message names the file and key."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="the violation identity as the report shows it (16 hex digits)")
    decided_by: str | None = None
    decided_at: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _identity(cls, value: object) -> str:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**16:
            value = f"{value:016d}"  # an ID of digits only, written without quotes: YAML reads a number
        if not isinstance(value, str):
            raise ValueError(say("verwacht de ID van 16 tekens (0-9, a-f) uit de kolom ID van het rapport",
                                 "expected the 16-hex-digit identity from the report's ID column"))
        value = value.strip().lower()
        if len(value) != 16 or any(c not in "0123456789abcdef" for c in value):
            raise ValueError(say("verwacht de ID van 16 tekens (0-9, a-f) uit de kolom ID van het rapport",
                                 "expected the 16-hex-digit identity from the report's ID column"))
        return value


class _Strict(_Entry):
    reason: str = Field(min_length=1)


class AcceptedRisk(_Strict):
    owner: str = Field(min_length=1)
    expires: date


class FalsePositive(_Strict):
    owner: str | None = None


class Handled(_Entry):
    action: str = Field(min_length=1, description="what was done")


class Assignment(_Entry):
    to: str = Field(min_length=1)
    due: date | None = None


class TriageFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = 1
    accepted: list[AcceptedRisk] = Field(default_factory=list)
    false_positives: list[FalsePositive] = Field(default_factory=list)
    handled: list[Handled] = Field(default_factory=list)
    assigned: list[Assignment] = Field(default_factory=list)


@dataclass
class Triage:
    path: str
    accepted: dict[str, AcceptedRisk]
    false_positives: dict[str, FalsePositive]
    handled: dict[str, Handled] = field(default_factory=dict)
    assigned: dict[str, Assignment] = field(default_factory=dict)
    cleared: set[str] = field(default_factory=set)  # stored 'reopened': the file's status does not count
    unassigned: set[str] = field(default_factory=set)  # stored 'unassigned'

    def status_ids(self) -> set[str]:
        return set(self.accepted) | set(self.false_positives) | set(self.handled)

    def __bool__(self) -> bool:
        return bool(self.status_ids() or self.assigned or self.cleared or self.unassigned)


def load_triage(path: str | Path) -> Triage:
    """Read and validate the triage file; every problem names the file and key (`accepted[2].expires`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        why = os_reason(err) if isinstance(err, OSError) else say("geen UTF-8-tekst", "not UTF-8 text")
        raise TriageError(f"{path}: " + say("kan het triagebestand niet lezen", "cannot read the triage file")
                          + f" ({why})") from None
    return parse_triage(text, str(path))


def parse_triage(text: str, path: str) -> Triage:
    """Validate a triage file's text (`path` names it in messages: a file, or an upload in the workspace)."""
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = say(f" regel {mark.line + 1}", f" line {mark.line + 1}") if mark else ""
        raise TriageError(f"{path}:{line} " + say("is geen geldige YAML", "is not valid YAML")) from None
    try:
        parsed = TriageFile.model_validate(raw)
    except ValidationError as err:
        raise TriageError(format_validation(str(path), TriageFile, err.errors())) from None
    accepted = {a.id: a for a in parsed.accepted}
    false_positives = {f.id: f for f in parsed.false_positives}
    handled = {h.id: h for h in parsed.handled}
    both = sorted((set(accepted) & set(false_positives)) | (set(handled) & (set(accepted) | set(false_positives))))
    if both:
        raise TriageError(f"{path}: {', '.join(both)} " + say(
            "staat in meer dan één van accepted, false_positives en handled",
            "is in more than one of accepted, false_positives and handled"))
    return Triage(str(path), accepted, false_positives, handled, {a.id: a for a in parsed.assigned})


def stored_triage(store: StateStore) -> Triage:
    """The decisions made in the workspace (scanner.decisions) as a Triage, the latest per violation."""
    out = Triage(str(store.path), {}, {})
    for identity, now in decisions.current(store).items():
        d = now.status
        if d is not None and d.kind == decisions.ACCEPT and d.expires:
            out.accepted[identity] = AcceptedRisk(id=identity, reason=d.reason, owner=d.owner or d.decided_by,
                                                  expires=date.fromisoformat(d.expires), decided_by=d.decided_by,
                                                  decided_at=d.decided_at)
        elif d is not None and d.kind == decisions.FALSE_POSITIVE:
            out.false_positives[identity] = FalsePositive(id=identity, reason=d.reason, owner=d.owner,
                                                          decided_by=d.decided_by, decided_at=d.decided_at)
        elif d is not None and d.kind == decisions.HANDLED:
            out.handled[identity] = Handled(id=identity, action=d.reason, decided_by=d.decided_by,
                                            decided_at=d.decided_at)
        a = now.assignment
        if a is not None and a.assignee:
            out.assigned[identity] = Assignment(id=identity, to=a.assignee, due=date.fromisoformat(a.due)
                                                if a.due else None, decided_by=a.decided_by, decided_at=a.decided_at)
        if now.reopened:  # withdrawn in the workspace: an entry of the triage file about it no longer counts
            out.cleared.add(identity)
        if now.unassigned:
            out.unassigned.add(identity)
    return out


def merged(file: Triage | None, stored: Triage) -> Triage | None:
    """The triage file overlaid by the stored decisions: for the same violation the stored one wins."""
    if file is None:
        return stored if stored else None
    decided = stored.status_ids() | stored.cleared
    keep = lambda entries: {k: v for k, v in entries.items() if k not in decided}  # noqa: E731
    return Triage(file.path, keep(file.accepted) | stored.accepted, keep(file.false_positives) | stored.false_positives,
                  keep(file.handled) | stored.handled,
                  {k: v for k, v in file.assigned.items() if k not in stored.unassigned} | stored.assigned)


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def identities(report: Report, identity: Callable[..., str]) -> Iterator[str]:
    """Keyed identities of the report's violations, in order (see Identities)."""
    of = Identities(report, identity)
    for n, v in enumerate(report.violations):
        yield of(n, v)


class Identities:
    """The keyed identity of each violation of a report, asked in order (violation `n` after `n - 1`); the
    n-th repeat of a key gets '|n' so each is unique. A place's violations lie side by side (the rules
    judge one item at a time), so repeats are counted per place and memory does not grow with the report;
    a place met again further on (a report put together by hand) has its earlier violations counted
    again. Asked by the review for the violation it holds: a pass of its own read every violation again."""

    def __init__(self, report: Report, identity: Callable[..., str]) -> None:
        self._report, self._identity = report, identity
        self._seen: Counter[tuple[str, ...]] = Counter()
        self._place: tuple[str, str] | None = None
        self._left: set[int] = set()  # hashes of the places already passed

    def __call__(self, n: int, v: Violation) -> str:
        here, seen = (v.source, v.path), self._seen
        if here != self._place:
            if self._place is not None:
                self._left.add(hash(self._place))
            self._place = here
            seen.clear()
            if hash(here) in self._left:
                for w in itertools.islice(self._report.violations, n):
                    if (w.source, w.path) == here:
                        seen[(w.rule, w.source, w.path, w.leerlingnummer or "")] += 1
        parts = (v.rule, v.source, v.path, v.leerlingnummer or "")
        seen[parts] += 1
        return self._identity(*parts, *([str(seen[parts])] if seen[parts] > 1 else []))


def reviewed_copies(report: Report, change: Callable[[Violation, int], None]) -> None:
    """Apply `change` to every violation (with its position). A ledger gives copies, so its violations
    are changed into a new ledger that takes its place; a list is changed in place."""
    if not isinstance(report.violations, Ledger):
        for n, v in enumerate(report.violations):
            change(v, n)
        return
    old, new = report.violations, Ledger[Violation]()
    for n, v in enumerate(old):
        change(v, n)
        new.append(v)
    report.violations = new
    old.close()


def _handling(h: Handled) -> Handling:
    return Handling(h.action, h.decided_by, h.decided_at)


def _decide(v: Violation, triage: Triage | None, as_of: date) -> None:
    if triage is None:
        return
    if v.identity in triage.false_positives:
        fp = triage.false_positives[v.identity]
        v.status, v.decision = FALSE_POSITIVE, TriageDecision(fp.reason, fp.owner, None, fp.decided_by, fp.decided_at)
    elif v.identity in triage.accepted:
        acc = triage.accepted[v.identity]
        v.status = ACCEPTED if acc.expires >= as_of else EXPIRED
        v.decision = TriageDecision(acc.reason, acc.owner, acc.expires.isoformat(), acc.decided_by, acc.decided_at)
    elif v.identity in triage.handled:  # handled, but found again: it stays open
        v.handled = _handling(triage.handled[v.identity])
    a = triage.assigned.get(v.identity)
    v.assigned = Assignee(a.to, a.due, a.decided_by, a.decided_at) if a is not None else None


def _translated(triage: Triage | None, aliases: dict[str, str]) -> Triage | None:
    """A triage file written with a folder's old IDs keeps working once, in the folder it was made for."""
    if triage is None or not aliases:
        return triage
    def moved(entries: dict) -> dict:  # noqa: ANN001
        return {aliases.get(k, k): v for k, v in entries.items()}

    return Triage(triage.path, moved(triage.accepted), moved(triage.false_positives), moved(triage.handled),
                  moved(triage.assigned), {aliases.get(k, k) for k in triage.cleared},
                  {aliases.get(k, k) for k in triage.unassigned})


def breach_categories(report: Report, v: Violation) -> list[str]:
    """The violation's finding types that the entity catalogue marks `breach` (special categories, BSN)."""
    breach = catalogue().breach_types
    return sorted(report.finding_types(v) & breach)


def breach_rules(report: Report) -> list[str]:
    """The rules whose violations can be a possible breach: the scan's policy (possible_breach.rules), or
    the default policy for a report made without it."""
    breach = report.settings.policy.get("possible_breach") or default_policy()["possible_breach"]
    return list(breach["rules"])


def possible_breaches(report: Report) -> list[Breach]:
    """Violations of the policy's breach rules (open-access) with breach types (special categories, a BSN),
    unless the FG marked them false positives."""
    rules = breach_rules(report)
    return [b for n, v in enumerate(report.violations) if (b := _breach(report, rules, v, n)) is not None]


def _breach(report: Report, rules: list[str], v: Violation, n: int) -> Breach | None:
    """Violation `n` as a possible breach, or None (see possible_breaches)."""
    cats = breach_categories(report, v) if v.rule in rules else []
    if not cats or v.status == FALSE_POSITIVE:
        return None
    return Breach(n, v.identity, v.source, v.path, v.leerlingnummer, cats, v.message, v.first_seen, v.status)


def _reset(v: Violation, generated: str) -> None:
    v.identity, v.status, v.change, v.first_seen = "", OPEN, None, generated
    v.decision = v.handled = v.assigned = None


def plain_review(report: Report, lang: str | None = None) -> Report:
    """The review without a state store or triage file (writers fall back to it): no identities, no history.
    Every violation goes back to 'open', first seen now, without identity or decisions (a report may be
    reviewed again); the possible breaches and the counts (Tally) are taken in the same pass (three passes
    over a million-row table's 100 000 violations were a second)."""
    generated = report.generated_at = now_iso()
    rules, breaches, counted = breach_rules(report), [], Tally()

    def review(v: Violation, n: int) -> None:
        _reset(v, generated)
        counted.add(v)
        if (breach := _breach(report, rules, v, n)) is not None:
            breaches.append(breach)

    reviewed_copies(report, review)
    report.tallied(counted)
    if lang is not None:
        report.lang = lang
    report.history, report.triage = History(), TriageUse()
    report.breaches = breaches
    return report


class ReviewSession:
    """Opened before the scan (so a bad triage file or store stops the run early), applied after it."""

    def __init__(self, store: StateStore, triage: Triage | None, lang: str, org_key: bytes | None = None) -> None:
        self.store, self.triage, self.lang, self.org_key = store, triage, lang, org_key

    @classmethod
    def open(cls, out_dir: Path, triage_path: str | Path | None = None, lang: str = "nl",
             org_key: bytes | None = None) -> ReviewSession:
        """With `org_key` (scanner.kernel.keys.organisation_key) the IDs are the same in every output folder;
        without it they are keyed with the folder's own key (tests, old callers)."""
        triage = load_triage(triage_path) if triage_path else None
        store = StateStore.open(out_dir)
        assert store is not None
        return cls(store, triage, lang, org_key)

    def _identities(self, report: Report) -> tuple[Callable[[int, Violation], str], list[str], list[str]]:
        """(the ID of violation n, and where the IDs differ from those earlier audits of this folder used for
        the same violations: those old IDs and the new ones, side by side)."""
        if self.org_key is None:
            return Identities(report, self.store.identity), [], []
        key = self.org_key
        ids = Identities(report, lambda *parts: violation_identity(key, *parts))
        if not self.store.identity_key_changed(key):
            return ids, [], []
        new = [ids(n, v) for n, v in enumerate(report.violations)]  # once: the folder moves to the organisation's key
        return lambda n, _v: new[n], list(identities(report, self.store.identity)), new

    def apply(self, report: Report) -> Report:
        """Compare with the previous audit, apply the triage file, record this audit; the report is reviewed."""
        with self.applied(report) as reviewed:
            return reviewed

    @contextmanager
    def applied(self, report: Report) -> Iterator[Report]:
        """`apply`, with the audit recorded in a transaction that is committed only when the block ends
        without an error: the reports are written inside it, so a scan whose reports could not be
        written (disk full) is not in the history, and the next scan compares with the last one
        whose reports exist."""
        try:
            self._review(report)
            with self.store.engine.begin() as conn:  # committed only when the block ends without an error
                if self.org_key is not None:
                    self.store.record_identity_key(self.org_key, conn)
                self._record(report, conn)
                report.history.audits = self.store.audits(conn)
                yield report
        finally:
            self.store.close()

    def _review(self, report: Report) -> None:
        """One pass over the violations (a ledger of reviewed copies replaces them): only the previous
        audit's violations and the triage decisions are held, not this report's."""
        previous = self.store.latest_audit()
        report.generated_at = now_iso()
        ids, legacy, renamed = self._identities(report)
        aliases = dict(zip(legacy, renamed, strict=False))  # an old ID of this folder -> the organisation's ID
        before = PreviousAudit(self.store, previous.id if previous else None, aliases)
        stored = stored_triage(self.store)
        triage = merged(_translated(self.triage, aliases), stored)
        file = _translated(self.triage, aliases)
        unmatched = set(file.accepted) | set(file.false_positives) if file else set()
        rules, breaches, counted = breach_rules(report), [], Tally()

        def review(v: Violation, n: int) -> None:  # the one pass: the breaches and counts are taken on the way
            identity = ids(n, v)
            _reset(v, report.generated_at)
            old = before.get(identity)
            v.identity = identity
            v.change = None if previous is None else ("persisting" if old else "new")
            v.first_seen = old.first_seen if old else report.generated_at
            _decide(v, triage, report.settings.as_of)
            counted.add(v)
            unmatched.discard(identity)
            if (breach := _breach(report, rules, v, n)) is not None:
                breaches.append(breach)

        try:
            reviewed_copies(report, review)
            report.tallied(counted)
            resolved = before.not_asked()  # the previous audit's violations not found again
        finally:
            before.close()
        report.lang = self.lang
        report.breaches = breaches
        report.history = History(previous=previous, resolved=resolved, state_file=str(self.store.path))
        report.triage = TriageUse(
            self.triage.path if self.triage else None, sorted(unmatched),
            handled={k: _handling(h) for k, h in triage.handled.items()} if triage else {},
            stored_decisions=len(stored.status_ids() | set(stored.assigned)))

    def _record(self, report: Report, conn: Connection) -> None:
        st = report.statistics
        audit = AuditRecord(
            started_at=report.generated_at, as_of=report.settings.as_of.isoformat(),
            tool_version=report.settings.version, items=st["items"], scanned=st["scanned"],
            unreadable=st["unreadable"], skipped=st["skipped"], findings=st["findings"],
            violations=len(report.violations), open_violations=report.open_violations,
            rule_counts=dict(report.tally().rules))
        self.store.record_audit(audit, (
            StoredViolation(identity=v.identity, rule=v.rule, severity=v.severity, source=v.source,
                            masked_path=mask_path(v.path), first_seen=v.first_seen, status=v.status)
            for v in report.violations), conn)


def actionable(report: Report) -> int:
    """How many violations count toward the exit code: all of them, less accepted risks and false positives."""
    return report.open_violations


__all__ = ["ACCEPTED", "EXPIRED", "FALSE_POSITIVE", "OPEN", "AcceptedRisk", "Assignment", "Breach", "FalsePositive",
           "Handled", "ReviewSession", "Triage", "TriageError", "TriageFile", "actionable", "load_triage", "merged",
           "parse_triage", "plain_review", "possible_breaches", "stored_triage"]
