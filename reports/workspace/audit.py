"""The audit the workspace shows: the output folder's last report.json with the decisions stored since.

report.json is the contract every other tool reads (docs/report-contract.md), so the workspace reads
it too instead of scanning again; it is read again whenever the file changes (a new scan). Decisions
made in the workspace are laid over the report's triage status with the same rule the next scan uses
(scanner.triage.merged: the stored decision wins), so what the FG sees now is what the next report says.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reports.i18n import value_label
from reports.view import rule_title
from scanner.decisions import ACCEPT, FALSE_POSITIVE, HANDLED, Current
from scanner.kernel.errors import AvgscanError
from scanner.kernel.messages import say

SEVERITY_ORDER = {"hoog": 0, "middel": 1, "laag": 2}
# statuses the workspace shows: the report's, and 'handled' (waiting for the next scan to confirm)
STATUSES = ("open", "acceptance-expired", "accepted", "false-positive", "handled", "handled-still-found")
STATUS_LABELS = {"handled": ("afgehandeld (de volgende scan controleert het)", "Handled (the next scan checks it)"),
                 "handled-still-found": ("afgehandeld, maar nog gevonden", "handled, but still found")}
SORTS = ("priority", "rule", "severity", "place", "pupil", "status", "first_seen")


class AuditError(AvgscanError):
    """The output folder has no usable report.json; the message names the file."""


@dataclass
class Row:
    """One violation as the workspace shows it."""

    id: str
    index: int
    rule: str
    rule_title: str
    severity: str
    source: str
    path: str
    leerlingnummer: str
    school: str
    message: str
    legal_reference: str
    action: str
    findings: list[int]
    linked_by: str
    first_seen: str
    change: str
    priority: int
    report_status: str
    status: str = "open"
    reason: str = ""
    owner: str = ""
    expires: str = ""
    decided_by: str = ""
    decided_at: str = ""
    handled: str = ""  # what was done
    assigned_to: str = ""
    due: str = ""

    @property
    def place(self) -> str:
        return f"{self.source}/{self.path}"

    @property
    def needs_action(self) -> bool:
        return self.status in ("open", "acceptance-expired", "handled-still-found")


@dataclass
class Audit:
    out_dir: Path
    data: dict[str, Any]
    rows: list[Row]
    sha256: str
    by_id: dict[str, Row] = field(default_factory=dict)

    @property
    def generated_at(self) -> str:
        return str(self.data.get("generated_at") or "")

    @property
    def as_of(self) -> str:
        return str(self.data.get("settings", {}).get("as_of") or "")

    @property
    def audit_id(self) -> int | None:
        audits = self.data.get("history", {}).get("audits") or []
        return audits[-1].get("id") if audits else None

    @property
    def raw_values(self) -> bool:
        return bool(self.data.get("raw_values"))

    def findings_of(self, row: Row) -> list[dict[str, Any]]:
        found = self.data.get("findings", [])
        return [found[i] for i in row.findings if 0 <= i < len(found)]


def status_label(status: str, lang: str = "nl") -> str:
    if status in STATUS_LABELS:
        nl, en = STATUS_LABELS[status]
        return en if lang == "en" else nl
    return value_label("status", status, lang)


class AuditCache:
    """report.json parsed once per change of the file (a scan replaces it while the workspace runs)."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / "report.json"
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._data: tuple[dict[str, Any], str] | None = None

    def load(self) -> tuple[dict[str, Any], str]:
        try:
            st = self.path.stat()
        except OSError:
            raise AuditError(f"{self.path}: " + say("geen rapport; scan eerst met --out naar deze map",
                                                    "no report; scan into this folder with --out first")) from None
        with self._lock:
            if self._data is None or self._seen != (st.st_mtime_ns, st.st_size):
                raw = self.path.read_bytes()
                try:
                    data = json.loads(raw)
                except ValueError:
                    raise AuditError(f"{self.path}: " + say("is geen geldig rapport (JSON)",
                                                            "is not a valid report (JSON)")) from None
                if data.get("schema") != "avgscan.report/1":
                    raise AuditError(f"{self.path}: " + say("onbekend rapportformaat", "unknown report format"))
                self._data, self._seen = (data, hashlib.sha256(raw).hexdigest()), (st.st_mtime_ns, st.st_size)
            return self._data


def build(out_dir: Path, data: dict[str, Any], sha256: str, decided: dict[str, Current], lang: str = "nl") -> Audit:
    """The report's violations with the stored decisions laid over them."""
    start = {i: a.get("priority", 0) for a in data.get("start_here", []) for i in a.get("ids", [])}
    as_of = _day(data.get("settings", {}).get("as_of")) or date.today()
    rows = []
    for n, v in enumerate(data.get("violations", [])):
        identity = v.get("id") or ""
        tri = v.get("triage") or {}
        title = rule_title(v["rule"], lang)
        row = Row(id=identity, index=n, rule=v["rule"], rule_title=title,
                  severity=v["severity"], source=v["source"], path=v["path"], leerlingnummer=v.get("leerlingnummer")
                  or "", school=v.get("school") or "", message=v.get("message", ""),
                  legal_reference=v.get("legal_reference", ""), action=v.get("action", ""),
                  findings=list(v.get("findings", [])), linked_by=v.get("linked_by", ""),
                  first_seen=v.get("first_seen", ""), change=v.get("change") or "",
                  priority=int(v.get("priority", start.get(identity, 0))), report_status=v.get("status", "open"),
                  status=v.get("status", "open"), reason=tri.get("reason") or "", owner=tri.get("owner") or "",
                  expires=tri.get("expires") or "", decided_by=v.get("decided_by") or "",
                  decided_at=v.get("decided_at") or "")
        if v.get("handled"):
            row.status, row.handled = "handled-still-found", v["handled"].get("action", "")
        if v.get("assigned"):
            row.assigned_to, row.due = v["assigned"].get("to", ""), v["assigned"].get("due") or ""
        _overlay(row, decided.get(identity), as_of, v.get("handled") or {})
        rows.append(row)
    rows.sort(key=lambda r: (-r.priority, SEVERITY_ORDER.get(r.severity, 3), r.rule, r.source, r.path))
    return Audit(out_dir, data, rows, sha256, {r.id: r for r in rows if r.id})


def _overlay(row: Row, now: Current | None, as_of: date, judged: dict[str, Any]) -> None:
    """A stored decision wins over the report's status, as it will in the next scan.

    `judged` is the handled mark the report's scan already applied: when it is this very decision, a
    scan after it still found the violation; otherwise the decision is newer than the report and waits
    for the next scan (decided by identity of the mark, not by comparing clock seconds)."""
    if now is None:
        return
    d = now.status
    if d is not None:
        row.reason, row.owner, row.expires, row.handled = "", "", "", ""
        row.decided_by, row.decided_at = d.decided_by, d.decided_at
        if d.kind == ACCEPT:
            row.status = "accepted" if (_day(d.expires) or date.min) >= as_of else "acceptance-expired"
            row.reason, row.owner, row.expires = d.reason, d.owner or "", d.expires or ""
        elif d.kind == FALSE_POSITIVE:
            row.status, row.reason, row.owner = "false-positive", d.reason, d.owner or ""
        elif d.kind == HANDLED:
            row.handled = d.reason
            seen = judged.get("at") == d.decided_at and judged.get("action") == d.reason
            row.status = "handled-still-found" if seen else "handled"
    elif now.reopened:  # a stored 'open' withdrew the decision of the scan's triage file
        row.status, row.reason, row.owner, row.expires, row.handled = "open", "", "", "", ""
        row.decided_by = row.decided_at = ""
    a = now.assignment
    if a is not None:
        row.assigned_to, row.due = a.assignee or "", a.due or ""
    elif now.unassigned:
        row.assigned_to, row.due = "", ""


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


@dataclass
class Filters:
    rule: str = ""
    school: str = ""
    status: str = ""
    severity: str = ""
    pupil: str = ""
    place: str = ""
    q: str = ""
    sort: str = "priority"
    desc: bool = False

    @classmethod
    def of(cls, args: Any) -> Filters:
        sort = args.get("sort", "priority")
        return cls(**{k: (args.get(k) or "").strip()[:200] for k in
                      ("rule", "school", "status", "severity", "pupil", "place", "q")},
                   sort=sort if sort in SORTS else "priority", desc=args.get("dir") == "desc")

    def active(self) -> bool:
        return any((self.rule, self.school, self.status, self.severity, self.pupil, self.place, self.q))


def select_rows(rows: list[Row], f: Filters) -> list[Row]:
    """The rows that pass every filter, in the chosen order (priority first by default)."""
    q = f.q.lower()

    def keep(r: Row) -> bool:
        return ((not f.rule or r.rule == f.rule) and (not f.school or (r.school or "-") == f.school)
                and (not f.status or r.status == f.status or (f.status == "action" and r.needs_action))
                and (not f.severity or r.severity == f.severity) and (not f.pupil or r.leerlingnummer == f.pupil)
                and (not f.place or f.place.lower() in r.place.lower())
                and (not q or any(q in s.lower() for s in (r.id, r.rule, r.rule_title, r.place, r.leerlingnummer,
                                                           r.message, r.linked_by, r.school, r.assigned_to))))

    keys = {"priority": lambda r: -r.priority, "rule": lambda r: r.rule,
            "severity": lambda r: SEVERITY_ORDER.get(r.severity, 3), "place": lambda r: r.place.lower(),
            "pupil": lambda r: (r.leerlingnummer == "", r.leerlingnummer), "status": lambda r: STATUSES.index(r.status)
            if r.status in STATUSES else 9, "first_seen": lambda r: r.first_seen}
    out = [r for r in rows if keep(r)]
    out.sort(key=keys[f.sort], reverse=f.desc)  # stable: ties keep the priority order
    return out


GROUPS = {"leerling": ("pupil", lambda r: r.leerlingnummer), "plek": ("place", lambda r: r.place),
          "school": ("school", lambda r: r.school or "-"), "regel": ("rule", lambda r: r.rule)}


@dataclass
class Group:
    key: str
    total: int
    needs_action: int
    highest: str
    rules: list[str]


def groups(rows: list[Row], kind: str) -> list[Group]:
    """Violations per pupil, place, school or rule; the most urgent group first."""
    _, of = GROUPS[kind]
    found: dict[str, list[Row]] = {}
    for r in rows:
        key = of(r)
        if key:
            found.setdefault(key, []).append(r)
    out = [Group(k, len(rs), sum(r.needs_action for r in rs),
                 min((r.severity for r in rs), key=lambda s: SEVERITY_ORDER.get(s, 3)),
                 sorted({r.rule for r in rs})) for k, rs in found.items()]
    return sorted(out, key=lambda g: (-g.needs_action, SEVERITY_ORDER.get(g.highest, 3), -g.total, g.key))


def hours_left(notify_by: str, now: datetime | None = None) -> float | None:
    """Hours until the 72-hour deadline of a possible breach (negative: passed)."""
    try:
        deadline = datetime.fromisoformat(notify_by)
    except ValueError:
        return None
    now = now or datetime.now().astimezone()
    return (deadline - now).total_seconds() / 3600


__all__ = ["Audit", "AuditCache", "AuditError", "Filters", "GROUPS", "Group", "Row", "SORTS", "STATUSES", "build",
           "groups", "hours_left", "select_rows", "status_label"]
