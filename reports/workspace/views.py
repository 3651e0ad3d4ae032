"""The pages that show the audit: "Begin hier", the violations, the groupings, breaches and history,
and the report files of the output folder (and nothing else from disk)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, current_app, render_template, request, send_file, url_for

from reports.priority import WHY_ORDER
from reports.view import when, why_text
from reports.workspace.audit import (
    GROUPS,
    SORTS,
    STATUSES,
    Audit,
    AuditError,
    Filters,
    groups,
    hours_left,
    select_rows,
)
from scanner import decisions

bp = Blueprint("views", __name__)
# the only files of the output folder the workspace hands out: the reports a scan writes
REPORT_FILES = ("report.html", "report.pdf", "report.xlsx", "report.json", "violations.csv", "findings.csv")
ID_CHARS = set("0123456789abcdef")


def workspace() -> Any:
    return current_app.extensions["avgscan"]


def audit() -> Audit:
    return workspace().audit()


@bp.app_errorhandler(AuditError)
def _no_report(err: AuditError) -> Any:
    return render_template("error.html", code=503, text=str(err)), 503


@bp.app_template_filter("when")
def _when(iso: str) -> str:
    return when(iso) if iso else ""


def row_or_404(a: Audit, identity: str) -> Any:
    if len(identity) != 16 or not set(identity) <= ID_CHARS or identity not in a.by_id:
        abort(404)
    return a.by_id[identity]


@bp.route("/")
def home() -> Any:
    a = audit()
    counts = Counter(r.status for r in a.rows)
    breaches = [b | {"hours_left": hours_left(b.get("notify_by", ""))} for b in a.data.get("possible_breaches", [])]
    starts = [s | {"open_ids": [i for i in s.get("ids", []) if i in a.by_id and a.by_id[i].needs_action],
                   "why_text": why_text([w for w in s.get("why", []) if w in WHY_ORDER], workspace().lang)}
              for s in a.data.get("start_here", [])]
    signed = decisions.signoffs_of(workspace().store, a.audit_id) if a.audit_id is not None else []
    return render_template("home.html", a=a, counts=counts, breaches=breaches, starts=starts, signed=signed,
                           gaps=a.data.get("source_gaps", []), needs_action=sum(r.needs_action for r in a.rows))


@bp.route("/overtredingen")
def violations() -> Any:
    a = audit()
    f = Filters.of(request.args)
    rows = select_rows(a.rows, f)
    options = {"rule": sorted({r.rule for r in a.rows}), "school": sorted({r.school or "-" for r in a.rows}),
               "severity": ["hoog", "middel", "laag"], "status": ["action", *STATUSES]}
    args = request.args.to_dict()
    sort_links = {key: url_for("views.violations", **(args | {"sort": key, "dir": "desc" if f.sort == key and not
                                                                f.desc and key != "priority" else "asc"}))
                  for key in SORTS}
    return render_template("violations.html", a=a, rows=rows, f=f, options=options, sort_links=sort_links)


@bp.route("/overtreding/<identity>")
def violation(identity: str) -> Any:
    a = audit()
    row = row_or_404(a, identity)
    return render_template("violation.html", a=a, r=row, findings=a.findings_of(row),
                           log=decisions.log(workspace().store, identity), revealed=None)


@bp.route("/per/<kind>")
def grouped(kind: str) -> Any:
    if kind not in GROUPS:
        abort(404)
    a = audit()
    return render_template("groups.html", a=a, kind=kind, field=GROUPS[kind][0], groups=groups(a.rows, kind))


@bp.route("/datalekken")
def breaches() -> Any:
    a = audit()
    rows = [b | {"hours_left": hours_left(b.get("notify_by", "")), "row": a.by_id.get(b.get("id") or "")}
            for b in a.data.get("possible_breaches", [])]
    return render_template("breaches.html", a=a, breaches=rows)


@bp.route("/verloop")
def history() -> Any:
    a = audit()
    h = a.data.get("history", {})
    return render_template("history.html", a=a, h=h, new=[r for r in a.rows if r.change == "new"],
                           persisting=[r for r in a.rows if r.change == "persisting"], resolved=h.get("resolved", []))


@bp.route("/bestanden/<path:name>")
def report_file(name: str) -> Any:
    """One of the scan's report files, by its exact name; anything else (another file, a path, a link) is 404."""
    out: Path = workspace().out_dir
    if name not in REPORT_FILES:
        abort(404)
    path = out / name
    if path.is_symlink() or not path.is_file() or path.resolve().parent != out:
        abort(404)
    return send_file(path, as_attachment=True, download_name=name)  # the dashboard's inline script needs its own CSP


__all__ = ["REPORT_FILES", "bp"]
