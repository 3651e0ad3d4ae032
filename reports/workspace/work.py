"""Working on a violation: decide (accept a risk, false positive, handled, reopen), assign, reveal a
value with a reason, and export or import the triage file. Every change is stored with who and when."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from sqlalchemy.exc import OperationalError

from reports.workspace.auth import current_user
from reports.workspace.triage_io import export_triage, import_decisions
from reports.workspace.views import audit, row_or_404, workspace
from scanner import decisions
from scanner.decisions import Decision
from scanner.kernel.messages import say
from scanner.triage import TriageError, now_iso

bp = Blueprint("work", __name__)
MAX_TEXT = 500
BUSY = ("De historie is even bezet (er loopt een scan); probeer het zo opnieuw.",
        "The state store is busy (a scan is running); try again shortly.")


def _text(name: str, label_nl: str, label_en: str, errors: list[str], required: bool = True) -> str:
    value = " ".join(request.form.get(name, "").split())[:MAX_TEXT]
    if required and not value:
        errors.append(say(f"vul '{label_nl}' in", f"fill in '{label_en}'"))
    return value


def _date(name: str, label_nl: str, label_en: str, errors: list[str], required: bool = True) -> str | None:
    value = request.form.get(name, "").strip()
    if not value and not required:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        errors.append(say(f"'{label_nl}' is geen datum (JJJJ-MM-DD)", f"'{label_en}' is not a date (YYYY-MM-DD)"))
        return None


def _store(entries: list[Decision]) -> bool:
    try:
        for d in entries:
            decisions.record(workspace().store, d)
    except OperationalError:
        flash(say(*BUSY))
        return False
    return True


@bp.route("/overtreding/<identity>/besluit", methods=["POST"])
def decide(identity: str) -> Any:
    row = row_or_404(audit(), identity)
    kind = request.form.get("kind", "")
    errors: list[str] = []
    user = current_user() or ""
    d = Decision(identity, kind, user, now_iso())
    if kind == decisions.ACCEPT:
        d.reason = _text("reason", "reden", "reason", errors)
        d.owner = _text("owner", "eigenaar", "owner", errors)
        d.expires = _date("expires", "geldig tot", "valid until", errors)
    elif kind == decisions.FALSE_POSITIVE:
        d.reason = _text("reason", "reden", "reason", errors)
    elif kind == decisions.HANDLED:
        d.reason = _text("action", "wat is er gedaan", "what was done", errors)
    elif kind != decisions.REOPEN:
        errors.append(say("onbekend besluit", "unknown decision"))
    if errors:
        flash(say("Niet opgeslagen: ", "Not saved: ") + "; ".join(errors) + ".")
    elif _store([d]):
        flash(say(f"Opgeslagen voor {row.id}.", f"Saved for {row.id}."))
    return redirect(url_for("views.violation", identity=identity), code=303)


@bp.route("/overtreding/<identity>/toewijzing", methods=["POST"])
def assign(identity: str) -> Any:
    row_or_404(audit(), identity)
    errors: list[str] = []
    user = current_user() or ""
    if request.form.get("clear"):
        d = Decision(identity, decisions.UNASSIGN, user, now_iso())
    else:
        d = Decision(identity, decisions.ASSIGN, user, now_iso(), assignee=_text("to", "toegewezen aan",
                                                                                 "assigned to", errors),
                     due=_date("due", "uiterlijk", "due", errors, required=False))
    if errors:
        flash(say("Niet opgeslagen: ", "Not saved: ") + "; ".join(errors) + ".")
    elif _store([d]):
        flash(say("Toewijzing opgeslagen.", "Assignment saved."))
    return redirect(url_for("views.violation", identity=identity), code=303)


@bp.route("/overtreding/<identity>/waarde", methods=["POST"])
def reveal(identity: str) -> Any:
    """Raw values only with a reason, and only when the scan kept them (--show-values); logged like it."""
    a = audit()
    row = row_or_404(a, identity)
    errors: list[str] = []
    reason = _text("reason", "reden", "reason", errors)
    if len(reason) < 5 and not errors:
        errors.append(say("geef een reden van minstens 5 tekens", "give a reason of at least 5 characters"))
    if errors:
        flash(say("Niet getoond: ", "Not shown: ") + "; ".join(errors) + ".")
        return redirect(url_for("views.violation", identity=identity), code=303)
    findings = a.findings_of(row)
    if not a.raw_values:
        revealed: list[dict[str, Any]] | None = []
    else:
        try:
            workspace().store.log_value_access(["avgscan serve: waarde getoond", identity, f"reden: {reason}"],
                                               user=current_user())
        except OperationalError:
            flash(say(*BUSY))
            return redirect(url_for("views.violation", identity=identity), code=303)
        revealed = [{"place": f.get("place", ""), "type": f.get("entity_type", ""), "value": f.get("value")}
                    for f in findings]
    return render_template("violation.html", a=a, r=row, findings=findings, revealed=revealed, reveal_reason=reason,
                           log=decisions.log(workspace().store, identity))


@bp.route("/triage")
def triage_page() -> Any:
    a = audit()
    stored = decisions.log(workspace().store)
    return render_template("triage.html", a=a, stored=stored[-50:][::-1], total=len(stored))


@bp.route("/triage/export")
def triage_export() -> Any:
    text = export_triage(audit(), workspace().store)
    return Response(text, mimetype="application/x-yaml",
                    headers={"Content-Disposition": "attachment; filename=triage.yaml"})


@bp.route("/triage/import", methods=["POST"])
def triage_import() -> Any:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(say("Kies een triagebestand (YAML).", "Choose a triage file (YAML)."))
        return redirect(url_for("work.triage_page"), code=303)
    name = upload.filename.replace("/", "_")[:100]
    try:
        text = upload.read().decode("utf-8")
        entries = import_decisions(text, name, audit(), current_user() or "")
    except UnicodeDecodeError:
        flash(f"{name}: " + say("geen UTF-8-tekst", "not UTF-8 text"))
        return redirect(url_for("work.triage_page"), code=303)
    except TriageError as err:
        flash(say("Niet ingelezen: ", "Not imported: ") + str(err))
        return redirect(url_for("work.triage_page"), code=303)
    if _store(entries):
        flash(say(f"{name}: {len(entries)} besluit(en) ingelezen.", f"{name}: {len(entries)} decision(s) imported."))
    return redirect(url_for("work.triage_page"), code=303)


__all__ = ["bp"]
