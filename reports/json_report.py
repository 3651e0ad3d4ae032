"""report.json: the versioned contract of docs/report-contract.md (`avgscan.report/1`), described by
schema/report.schema.json.

Fields are only ever added within `avgscan.report/1`; audits compare reports across years.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from reports import json_text, private_file
from reports.i18n import t
from reports.priority import priorities, start_here
from reports.reuse import current
from reports.tally import tally
from reports.view import breach_deadline, gaps, reviewed, rule_action
from scanner.kernel.model import ACCEPTED, EXPIRED, FALSE_POSITIVE, Finding, Item, Report, Status

SCHEMA = "avgscan.report/1"
SCHEMA_FILE = Path(__file__).parent / "schema" / "report.schema.json"


def _finding(f: Finding, show_values: bool) -> dict[str, Any]:
    out = {"source": f.source, "path": f.path, "place": f.place, "entity_type": f.entity_type,
           "score": f.score, "evidence": f.evidence, "leerlingnummer": f.leerlingnummer,
           "recognizer": f.recognizer}
    if f.group:
        out["group"] = f.group
    if f.entity_type == "PERSON" and f.person_kind:
        out["person_kind"] = f.person_kind
    if f.role:
        out["person_role"], out["role_cue"] = f.role, f.role_cue or ""
    if show_values:
        out["value"] = f.value
    return out


def _handled(h: Any) -> dict[str, Any]:
    return {"action": h.action, "by": h.decided_by, "at": h.decided_at}


def _assigned(a: Any) -> dict[str, Any]:
    return {"to": a.to, "due": a.due.isoformat() if a.due else None, "by": a.decided_by, "at": a.decided_at}


def _violations(report: Report) -> Iterator[dict[str, Any]]:
    for v, prio in zip(report.violations, priorities(report), strict=True):
        row = {"id": v.identity or None, "rule": v.rule, "severity": v.severity, "source": v.source,
               "path": v.path, "leerlingnummer": v.leerlingnummer, "school": v.school, "message": v.message,
               "legal_reference": v.legal_reference, "action": rule_action(v.rule, v.action, report.lang),
               "findings": v.findings,
               "status": v.status, "change": v.change, "first_seen": v.first_seen, "linked_by": v.linked_by,
               "priority": prio.points, "why": prio.why}
        if v.decision:
            row["triage"] = {"reason": v.decision.reason, "owner": v.decision.owner, "expires": v.decision.expires}
        decided_by, decided_at = v.decided
        if decided_by or decided_at:
            row["decided_by"], row["decided_at"] = decided_by, decided_at
        if v.handled is not None:
            row["handled"] = _handled(v.handled)
        if v.assigned is not None:
            row["assigned"] = _assigned(v.assigned)
        yield row


def _to_review(report: Report) -> Iterator[dict[str, Any]]:
    """Possible violations whose pupil link is too weak to report; the FG confirms or dismisses them."""
    return ({"rule": v.rule, "source": v.source, "path": v.path, "leerlingnummer": v.leerlingnummer,
             "school": v.school, "message": v.message, "reason": v.review_reason, "linked_by": v.linked_by,
             "findings": v.findings} for v in report.to_review)


def _breaches(report: Report) -> list[dict[str, Any]]:
    guidance = t("breach_guidance", report.lang)
    return [{"id": b.identity or None, "violation": b.violation, "rule": "open-access", "source": b.source,
             "path": b.path, "leerlingnummer": b.leerlingnummer, "categories": b.categories, "message": b.reason,
             "discovered_at": b.discovered_at, "notify_by": breach_deadline(b.discovered_at), "status": b.status,
             "guidance": guidance} for b in report.breaches]


def _history(report: Report) -> dict[str, Any]:
    def audit(a: Any) -> dict[str, Any]:
        return {"id": a.id, "started_at": a.started_at, "as_of": a.as_of, "violations": a.violations,
                "open_violations": a.open_violations, "rule_counts": a.rule_counts}

    handled, counted = report.triage.handled, tally(report)
    return {"previous_audit": audit(report.history.previous) if report.history.previous else None,
            "new": counted.new,
            "persisting": counted.persisting,
            "resolved": [{"id": r.identity, "rule": r.rule, "severity": r.severity, "source": r.source,
                          "masked_path": r.masked_path, "first_seen": r.first_seen}
                         | ({"handled": _handled(handled[r.identity])} if r.identity in handled else {})
                         for r in report.history.resolved],
            "audits": [audit(a) for a in report.history.audits]}


def _triage(report: Report) -> dict[str, Any]:
    def entries(status: Status) -> list[dict[str, Any]]:
        return [{"id": v.identity, "reason": v.decision.reason, "owner": v.decision.owner,
                 "expires": v.decision.expires} for v in tally(report).decided if v.status == status and v.decision]

    return {"file": report.triage.file, "accepted": entries(ACCEPTED), "expired": entries(EXPIRED),
            "false_positives": entries(FALSE_POSITIVE), "unmatched": report.triage.unmatched,
            "open_violations": report.open_violations,
            "handled": [{"id": v.identity, **_handled(v.handled)} for v in tally(report).handled],
            "assigned": [{"id": v.identity, **_assigned(v.assigned)} for v in tally(report).assigned],
            "stored_decisions": report.triage.stored_decisions}


def _item(i: Item, report: Report) -> dict[str, Any]:
    return {"source": i.source, "path": i.path, "status": i.status, "reason": i.reason, "kind": i.kind,
            "role": i.role, "party": i.party,
            "pupils": [n for n, amb in report.subjects.get((i.source, i.path), []) if not amb]}


def report_dict(report: Report) -> dict[str, Any]:
    reviewed(report)
    return _report_dict(report, [_item(i, report) for i in report.items],
                        [_finding(f, report.show_values) for f in report.findings],
                        list(_violations(report)), list(_to_review(report)))


def _report_dict(report: Report, items: object, findings: object, violations: object,
                 to_review: object) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "raw_values": report.show_values,
        "notice": ("LET OP: dit rapport bevat onversleutelde persoonsgegevens (--show-values)."
                   if report.show_values else "Bewijs is gemaskeerd; het rapport bevat geen ruwe waarden."),
        "lang": report.lang,
        "generated_at": report.generated_at,
        "possible_breaches": _breaches(report),
        "settings": report.settings.to_json(),
        "statistics": report.statistics,
        "items": items,
        "findings": findings,
        "violations": violations,
        "to_review": to_review,
        "exempt": [{"source": e.source, "path": e.path, "leerlingnummer": e.leerlingnummer, "party": e.party,
                    "legal_basis": e.legal_basis, "categories": e.categories,
                    "share_date": e.share_date.isoformat() if e.share_date else None,
                    "share_date_source": e.share_date_source, "shared": e.shared} for e in report.exempt],
        "kept_by_law": report.kept_by_law,
        "skipped_rules": report.skipped_rules,
        "history": _history(report),
        "triage": _triage(report),
        "source_gaps": [{"source": g.source, "type": g.source_type, "whole": g.whole, "unreadable": g.unreadable,
                         "units": g.units, "reason": g.reason, "fix": g.fix}
                        for g in gaps(report)],
        "start_here": [{"priority": a.points, "rule": a.rule, "source": a.source, "path": a.path,
                        "action": rule_action(a.rule, a.action, report.lang), "why": a.why, "ids": a.identities}
                       for a in start_here(report)],
    }


def load_schema() -> dict[str, Any]:
    """The JSON Schema of `avgscan.report/1`, shipped in the package for tools that read reports."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


REVIEWED = ("violations", "to_review")  # parts that carry the review: taken over under Reuse.violations_key
STREAMED = "\x00avgscan-streamed\x00"  # stands in for a long list while the rest is laid out


def write_json(report: Report, out_dir: Path) -> Path:
    """The same bytes as json.dumps(report_dict(report), indent=1), but the items, findings and
    violations (a million on a large share) are written one at a time as they are read from the ledger;
    the items and findings are taken over from the previous report.json when they are the same, and the
    (possible) violations when their review and priorities are the same too (reports.reuse)."""
    reviewed(report)
    text = json_text.dumps(_report_dict(report, STREAMED, STREAMED, STREAMED, STREAMED), indent=1)
    head, *rest = text.split(json.dumps(STREAMED))
    lists = [(_item(i, report) for i in report.items), (_finding(f, report.show_values) for f in report.findings),
             _violations(report), _to_review(report)]  # in the order report.json has them
    path = out_dir / "report.json"
    reuse = current()
    with path.open("wb") as out:
        out.write(head.encode())
        for part, entries, after in zip(("items", "findings", "violations", "to_review"), lists, rest, strict=True):
            start = out.tell()
            key = reuse.violations_key(report) if reuse is not None and part in REVIEWED else ""
            if reuse is None or not reuse.copy(path.name, part, out, key):
                _write_list(out, entries)
            if reuse is not None:
                reuse.note(path.name, part, start, out.tell(), key)
            out.write(after.encode())
    private_file(path)
    return path


def _write_list(out: BinaryIO, entries: Iterable[dict[str, Any]]) -> None:
    """A list at depth 1 as json.dumps(indent=1) lays it out: `[]`, or one entry per block."""
    first = True
    for entry in entries:
        out.write(("[\n  " if first else ",\n  ").encode())
        out.write(json_text.dumps(entry, indent=1).replace("\n", "\n  ").encode())
        first = False
    out.write(b"[]" if first else b"\n ]")


__all__ = ["SCHEMA", "SCHEMA_FILE", "load_schema", "report_dict", "write_json"]
