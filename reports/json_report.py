"""report.json: the versioned contract of docs/report-contract.md (`avgscan.report/1`), described by
schema/report.schema.json.

Fields are only ever added within `avgscan.report/1`; audits compare reports across years.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reports import private_file, register_writer
from reports.i18n import t
from reports.priority import priorities, start_here
from reports.view import breach_deadline, review_of, rule_action
from scanner.coverage import source_gaps
from scanner.kernel.model import Finding, Report
from scanner.triage import ACCEPTED, EXPIRED, FALSE_POSITIVE, Review

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


def _violations(report: Report, review: Review) -> list[dict[str, Any]]:
    out = []
    prio = priorities(report, review)
    for n, (v, vr) in enumerate(zip(report.violations, review.violations, strict=True)):
        row = {"id": vr.identity or None, "rule": v.rule, "severity": v.severity, "source": v.source,
               "path": v.path, "leerlingnummer": v.leerlingnummer, "school": v.school, "message": v.message,
               "legal_reference": v.legal_reference, "action": rule_action(v.rule, v.action, review.lang),
               "findings": v.findings,
               "status": vr.status, "change": vr.change, "first_seen": vr.first_seen, "linked_by": v.linked_by,
               "priority": prio[n].points, "why": prio[n].why}
        if vr.reason:
            row["triage"] = {"reason": vr.reason, "owner": vr.owner, "expires": vr.expires}
        if vr.decided_by or vr.decided_at:
            row["decided_by"], row["decided_at"] = vr.decided_by, vr.decided_at
        if vr.handled is not None:
            row["handled"] = _handled(vr.handled)
        if vr.assigned is not None:
            row["assigned"] = _assigned(vr.assigned)
        out.append(row)
    return out


def _to_review(report: Report) -> list[dict[str, Any]]:
    """Possible violations whose pupil link is too weak to report; the FG confirms or dismisses them."""
    return [{"rule": v.rule, "source": v.source, "path": v.path, "leerlingnummer": v.leerlingnummer,
             "school": v.school, "message": v.message, "reason": v.review_reason, "linked_by": v.linked_by,
             "findings": v.findings} for v in report.to_review]


def _breaches(review: Review) -> list[dict[str, Any]]:
    guidance = t("breach_guidance", review.lang)
    return [{"id": b.identity or None, "violation": b.violation, "rule": "open-access", "source": b.source,
             "path": b.path, "leerlingnummer": b.leerlingnummer, "categories": b.categories, "message": b.reason,
             "discovered_at": b.discovered_at, "notify_by": breach_deadline(b.discovered_at), "status": b.status,
             "guidance": guidance} for b in review.breaches]


def _history(review: Review) -> dict[str, Any]:
    def audit(a: Any) -> dict[str, Any]:
        return {"id": a.id, "started_at": a.started_at, "as_of": a.as_of, "violations": a.violations,
                "open_violations": a.open_violations, "rule_counts": a.rule_counts}

    return {"previous_audit": audit(review.previous) if review.previous else None,
            "new": sum(v.change == "new" for v in review.violations),
            "persisting": sum(v.change == "persisting" for v in review.violations),
            "resolved": [{"id": r.identity, "rule": r.rule, "severity": r.severity, "source": r.source,
                          "masked_path": r.masked_path, "first_seen": r.first_seen}
                         | ({"handled": _handled(review.handled[r.identity])} if r.identity in review.handled else {})
                         for r in review.resolved],
            "audits": [audit(a) for a in review.audits]}


def _triage(review: Review) -> dict[str, Any]:
    def entries(status: str) -> list[dict[str, Any]]:
        return [{"id": v.identity, "reason": v.reason, "owner": v.owner, "expires": v.expires}
                for v in review.violations if v.status == status]

    return {"file": review.triage_file, "accepted": entries(ACCEPTED), "expired": entries(EXPIRED),
            "false_positives": entries(FALSE_POSITIVE), "unmatched": review.unmatched_triage,
            "open_violations": review.open_violations,
            "handled": [{"id": v.identity, **_handled(v.handled)} for v in review.violations if v.handled],
            "assigned": [{"id": v.identity, **_assigned(v.assigned)} for v in review.violations if v.assigned],
            "stored_decisions": review.stored_decisions}


def report_dict(report: Report) -> dict[str, Any]:
    review = review_of(report)
    return {
        "schema": SCHEMA,
        "raw_values": report.show_values,
        "notice": ("LET OP: dit rapport bevat onversleutelde persoonsgegevens (--show-values)."
                   if report.show_values else "Bewijs is gemaskeerd; het rapport bevat geen ruwe waarden."),
        "lang": review.lang,
        "generated_at": review.generated_at,
        "possible_breaches": _breaches(review),
        "settings": report.settings,
        "statistics": report.statistics,
        "items": [{"source": i.source, "path": i.path, "status": i.status, "reason": i.reason,
                   "kind": i.kind, "role": i.role, "party": i.party,
                   "pupils": [n for n, amb in report.subjects.get((i.source, i.path), []) if not amb]}
                  for i in report.items],
        "findings": [_finding(f, report.show_values) for f in report.findings],
        "violations": _violations(report, review),
        "to_review": _to_review(report),
        "exempt": [{"source": e.source, "path": e.path, "leerlingnummer": e.leerlingnummer, "party": e.party,
                    "legal_basis": e.legal_basis, "categories": e.categories,
                    "share_date": e.share_date.isoformat() if e.share_date else None,
                    "share_date_source": e.share_date_source, "shared": e.shared} for e in report.exempt],
        "kept_by_law": report.kept_by_law,
        "skipped_rules": report.skipped_rules,
        "history": _history(review),
        "triage": _triage(review),
        "source_gaps": [{"source": g.source, "type": g.source_type, "whole": g.whole, "unreadable": g.unreadable,
                         "units": g.units, "reason": g.reason, "fix": g.fix}
                        for g in source_gaps(report, review.lang)],
        "start_here": [{"priority": a.points, "rule": a.rule, "source": a.source, "path": a.path,
                        "action": rule_action(a.rule, a.action, review.lang), "why": a.why, "ids": a.identities}
                       for a in start_here(report, review)],
    }


def load_schema() -> dict[str, Any]:
    """The JSON Schema of `avgscan.report/1`, shipped in the package for tools that read reports."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@register_writer("json")
def write_json(report: Report, out_dir: Path) -> Path:
    path = out_dir / "report.json"
    path.write_text(json.dumps(report_dict(report), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    private_file(path)
    return path


__all__ = ["SCHEMA", "SCHEMA_FILE", "load_schema", "report_dict", "write_json"]
