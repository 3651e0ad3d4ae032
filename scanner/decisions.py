"""The FG's decisions about violations and the sign-off of audits, kept in the state store.

The workspace (`avgscan serve`) records every decision here: who, when and what, as an append-only
log, so the history of a violation (accepted, later reopened, handled) stays readable and nothing
is overwritten. The latest status decision and the latest assignment of a violation are what count;
the next scan reads them (scanner.triage) together with the triage file. Only identities (keyed
hashes), the FG's own words and names of staff are stored here, never a pupil's data.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import select

from scanner.state import StateStore, decision_log, signoffs

# status decisions: the latest one of a violation counts; 'open' withdraws an earlier one
ACCEPT, FALSE_POSITIVE, HANDLED, REOPEN = "accepted", "false-positive", "handled", "open"
STATUS_KINDS = (ACCEPT, FALSE_POSITIVE, HANDLED, REOPEN)
# assignment decisions: the latest one counts
ASSIGN, UNASSIGN = "assigned", "unassigned"
ASSIGN_KINDS = (ASSIGN, UNASSIGN)


@dataclass
class Decision:
    """One entry of the log."""

    identity: str
    kind: str
    decided_by: str
    decided_at: str
    reason: str = ""
    owner: str | None = None
    expires: str | None = None
    assignee: str | None = None
    due: str | None = None
    origin: str = "werkplek"
    id: int | None = None


@dataclass
class Current:
    """What counts now for one violation: its latest status decision and its latest assignment."""

    status: Decision | None = None
    assignment: Decision | None = None
    reopened: bool = False  # the latest status decision withdrew the earlier ones (also a triage file's)
    unassigned: bool = False


@dataclass
class SignOff:
    audit_id: int
    signed_by: str
    signed_at: str
    statement: str
    report_sha256: str
    id: int | None = None


def record(store: StateStore, decision: Decision) -> int:
    """Append a decision; returns its id. Earlier decisions stay in the log."""
    if decision.kind not in STATUS_KINDS + ASSIGN_KINDS:
        raise ValueError(decision.kind)
    values = {f.name: getattr(decision, f.name) for f in fields(decision) if f.name != "id"}
    with store.engine.begin() as conn:
        return int(conn.execute(decision_log.insert().values(**values)).inserted_primary_key[0])


def log(store: StateStore, identity: str | None = None) -> list[Decision]:
    """The decisions in the order they were made (of one violation, or all)."""
    query = select(decision_log).order_by(decision_log.c.id)
    if identity is not None:
        query = query.where(decision_log.c.identity == identity)
    with store.engine.connect() as conn:
        return [Decision(**dict(r)) for r in conn.execute(query).mappings()]


def current(store: StateStore) -> dict[str, Current]:
    """Per identity, the latest status decision and the latest assignment ('open'/'unassigned' clear them)."""
    out: dict[str, Current] = {}
    for d in log(store):
        now = out.setdefault(d.identity, Current())
        if d.kind in STATUS_KINDS:
            now.status, now.reopened = (None, True) if d.kind == REOPEN else (d, False)
        else:
            now.assignment, now.unassigned = (None, True) if d.kind == UNASSIGN else (d, False)
    return out


def sign_off(store: StateStore, signed: SignOff) -> int:
    values = {f.name: getattr(signed, f.name) for f in fields(signed) if f.name != "id"}
    with store.engine.begin() as conn:
        return int(conn.execute(signoffs.insert().values(**values)).inserted_primary_key[0])


def signoffs_of(store: StateStore, audit_id: int | None = None) -> list[SignOff]:
    """Sign-offs, oldest first (of one audit, or all)."""
    query = select(signoffs).order_by(signoffs.c.id)
    if audit_id is not None:
        query = query.where(signoffs.c.audit_id == audit_id)
    with store.engine.connect() as conn:
        return [SignOff(**dict(r)) for r in conn.execute(query).mappings()]


__all__ = ["ACCEPT", "ASSIGN", "ASSIGN_KINDS", "Current", "Decision", "FALSE_POSITIVE", "HANDLED", "REOPEN",
           "STATUS_KINDS", "SignOff", "UNASSIGN", "current", "decision_log", "log", "record", "sign_off",
           "signoffs", "signoffs_of"]
