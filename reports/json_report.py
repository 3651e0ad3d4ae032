"""report.json: the versioned contract of design.md (`avgscan.report/1`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reports import private_file, register_writer
from scanner.model import Report

SCHEMA = "avgscan.report/1"


def _finding(f: Any, show_values: bool) -> dict[str, Any]:
    out = {"source": f.source, "path": f.path, "place": f.place, "entity_type": f.entity_type,
           "score": f.score, "evidence": f.evidence, "leerlingnummer": f.leerlingnummer,
           "recognizer": f.recognizer}
    if f.group:
        out["group"] = f.group
    if f.entity_type == "PERSON" and f.person_kind:
        out["person_kind"] = f.person_kind
    if show_values:
        out["value"] = f.value
    return out


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "raw_values": report.show_values,
        "notice": ("LET OP: dit rapport bevat onversleutelde persoonsgegevens (--show-values)."
                   if report.show_values else "Bewijs is gemaskeerd; het rapport bevat geen ruwe waarden."),
        "settings": report.settings,
        "statistics": report.statistics,
        "items": [{"source": i.source, "path": i.path, "status": i.status, "reason": i.reason,
                   "kind": i.kind, "role": i.role, "party": i.party,
                   "pupils": [n for n, amb in report.subjects.get((i.source, i.path), []) if not amb]}
                  for i in report.items],
        "findings": [_finding(f, report.show_values) for f in report.findings],
        "violations": [{"rule": v.rule, "severity": v.severity, "source": v.source, "path": v.path,
                        "leerlingnummer": v.leerlingnummer, "message": v.message,
                        "legal_reference": v.legal_reference, "action": v.action, "findings": v.findings}
                       for v in report.violations],
        "exempt": [{"source": e.source, "path": e.path, "leerlingnummer": e.leerlingnummer, "party": e.party,
                    "legal_basis": e.legal_basis, "categories": e.categories} for e in report.exempt],
        "kept_by_law": report.kept_by_law,
        "skipped_rules": report.skipped_rules,
    }


@register_writer("json")
def write_json(report: Report, out_dir: Path) -> Path:
    path = out_dir / "report.json"
    path.write_text(json.dumps(report_dict(report), ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    private_file(path)
    return path
