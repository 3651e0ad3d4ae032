"""The triage file stays the portable record: export the workspace's decisions in the `--triage`
format, and import such a file as decisions (who imported it and when is kept in the store)."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from reports.workspace.audit import Audit
from scanner import decisions
from scanner.decisions import Decision
from scanner.state import StateStore
from scanner.triage import Triage, now_iso, parse_triage

HEADER = ("# Triagebestand van avgscan (zelfde formaat als --triage), geëxporteerd uit de werkplek van de FG.\n"
          "# Geef het mee met: avgscan scan --triage {name} ...   Geschreven: {at}\n")


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in entry.items() if v not in (None, "")}


def export_triage(a: Audit, store: StateStore) -> str:
    """Every decision that counts now: the report's (from its triage file) with the stored ones laid over
    them, and stored decisions about violations this report does not have (they may come back)."""
    out: dict[str, list[dict[str, Any]]] = {"accepted": [], "false_positives": [], "handled": [], "assigned": []}
    seen = set()
    for r in a.rows:
        if not r.id:
            continue
        seen.add(r.id)
        who = {"decided_by": r.decided_by, "decided_at": r.decided_at}
        if r.status in ("accepted", "acceptance-expired"):
            out["accepted"].append(_clean({"id": r.id, "reason": r.reason, "owner": r.owner,
                                           "expires": date.fromisoformat(r.expires), **who}))
        elif r.status == "false-positive":
            out["false_positives"].append(_clean({"id": r.id, "reason": r.reason, "owner": r.owner, **who}))
        elif r.handled:
            out["handled"].append(_clean({"id": r.id, "action": r.handled, **who}))
        if r.assigned_to:
            out["assigned"].append(_clean({"id": r.id, "to": r.assigned_to,
                                           "due": date.fromisoformat(r.due) if r.due else None}))
    for identity, now in decisions.current(store).items():
        if identity in seen:
            continue
        d = now.status
        if d is not None:
            who = {"decided_by": d.decided_by, "decided_at": d.decided_at}
            if d.kind == decisions.ACCEPT and d.expires:
                out["accepted"].append(_clean({"id": identity, "reason": d.reason, "owner": d.owner,
                                               "expires": date.fromisoformat(d.expires), **who}))
            elif d.kind == decisions.FALSE_POSITIVE:
                out["false_positives"].append(_clean({"id": identity, "reason": d.reason, "owner": d.owner, **who}))
            elif d.kind == decisions.HANDLED:
                out["handled"].append(_clean({"id": identity, "action": d.reason, **who}))
        if now.assignment is not None and now.assignment.assignee:
            out["assigned"].append(_clean({"id": identity, "to": now.assignment.assignee,
                                           "due": date.fromisoformat(now.assignment.due)
                                           if now.assignment.due else None}))
    body = {"version": 1, **{k: v for k, v in out.items() if v}}
    text = HEADER.format(name="triage.yaml", at=now_iso())
    return text + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=110)


def import_decisions(text: str, name: str, a: Audit, user: str) -> list[Decision]:
    """The decisions a triage file adds to what counts now (identical ones are left out); raises
    scanner.triage.TriageError with the file and key when the file is not valid."""
    triage: Triage = parse_triage(text, name)
    at = now_iso()
    origin = "import"
    out: list[Decision] = []

    def by(entry: Any) -> str:
        return entry.decided_by or user

    for identity, acc in triage.accepted.items():
        r = a.by_id.get(identity)
        if not (r and r.status in ("accepted", "acceptance-expired") and (r.reason, r.owner, r.expires) ==
                (acc.reason, acc.owner, acc.expires.isoformat())):
            out.append(Decision(identity, decisions.ACCEPT, by(acc), at, acc.reason, acc.owner,
                                acc.expires.isoformat(), origin=origin))
    for identity, fp in triage.false_positives.items():
        r = a.by_id.get(identity)
        if not (r and r.status == "false-positive" and r.reason == fp.reason):
            out.append(Decision(identity, decisions.FALSE_POSITIVE, by(fp), at, fp.reason, fp.owner, origin=origin))
    for identity, h in triage.handled.items():
        r = a.by_id.get(identity)
        if not (r and r.handled == h.action):
            out.append(Decision(identity, decisions.HANDLED, by(h), at, h.action, origin=origin))
    for identity, asg in triage.assigned.items():
        r = a.by_id.get(identity)
        due = asg.due.isoformat() if asg.due else None
        if not (r and r.assigned_to == asg.to and (r.due or None) == due):
            out.append(Decision(identity, decisions.ASSIGN, by(asg), at, assignee=asg.to, due=due, origin=origin))
    return out


__all__ = ["export_triage", "import_decisions"]
