"""Sign off an audit: the FG closes it with a statement, and a signed summary (PDF) goes to the board.

The sign-off is stored (who, when, the statement, and the SHA-256 of the report.json it was about),
so a later scan cannot change what was signed. The PDF is laid out with the report PDF's own styles
(reports.pdf_report): the statement and signature first, then the counts, breaches and "Begin hier".
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer

from reports.i18n import t
from reports.pdf_report import _box, _p, _styles, _table
from reports.view import when
from reports.workspace.audit import Audit, status_label
from reports.workspace.auth import current_user
from reports.workspace.views import audit, workspace
from scanner import decisions
from scanner.decisions import SignOff
from scanner.kernel.messages import say
from scanner.triage import now_iso

bp = Blueprint("signoff", __name__)


def summary_pdf(a: Audit, signed: SignOff) -> bytes:
    """The signed summary: statement and signature, then what the audit found and what was decided."""
    st = _styles()
    width = A4[0] - 36 * mm
    data = a.data
    stats = data.get("statistics", {})
    counts = Counter(r.status for r in a.rows)
    flow: list[Any] = [
        _p(say("Afgetekende samenvatting van de AVG-audit", "Signed summary of the AVG audit"), st["title"]),
        _p(f"{t('as_of', 'nl')}: {a.as_of} · {say('rapport van', 'report of')} {when(a.generated_at)} · "
           f"audit #{signed.audit_id}", st["muted"]), Spacer(1, 4 * mm),
        _box([_p(say("Verklaring van de functionaris gegevensbescherming", "Statement of the data protection officer"),
                 st["h2"]), _p(signed.statement, st["base"]),
              _p(say(f"Afgetekend door {signed.signed_by} op {when(signed.signed_at)}",
                     f"Signed off by {signed.signed_by} on {when(signed.signed_at)}"), st["alert"]),
              _p(f"report.json SHA-256: {signed.report_sha256}", st["small"])], width), Spacer(1, 4 * mm),
        _p(say("Samenvatting", "Summary"), st["h2"]),
        _table(["", say("aantal", "count")],
               [[say("items gelezen", "items read"), stats.get("scanned", "")],
                [say("onleesbaar", "unreadable"), stats.get("unreadable", "")],
                [say("overtredingen", "violations"), len(a.rows)],
                [say("vragen nog actie", "still need action"), sum(r.needs_action for r in a.rows)],
                [say("mogelijke datalekken", "possible breaches"), len(data.get("possible_breaches", []))]]
               + [[status_label(s), n] for s, n in sorted(counts.items())], [0.7 * width, 0.3 * width], st)]
    gaps = data.get("source_gaps", [])
    if gaps:
        flow += [Spacer(1, 3 * mm), _box([_p(say("Niet (volledig) gelezen bronnen", "Sources not (fully) read"),
                                             st["alert"])] + [_p(f"{g['source']}: {g.get('reason') or ''}", st["small"])
                                                              for g in gaps], width)]
    breaches = data.get("possible_breaches", [])
    if breaches:
        flow += [_p(say("Mogelijke datalekken", "Possible data breaches"), st["h2"]),
                 _table([say("plek", "place"), say("categorieën", "categories"), say("uiterlijk melden", "notify by"),
                         "status"],
                        [[f"{b['source']}/{b['path']}", ", ".join(b.get("categories", [])),
                          when(b.get("notify_by", "")),
                          status_label(a.by_id[b["id"]].status) if b.get("id") in a.by_id else b.get("status", "")]
                         for b in breaches], [0.45 * width, 0.2 * width, 0.2 * width, 0.15 * width], st, alert=True)]
    flow += [_p(t("start_here", "nl"), st["h2"]),
             _table(["#", say("plek", "place"), say("actie", "action"), say("open", "open")],
                    [[n, f"{s['source']}/{s['path']}", s.get("action", ""),
                      sum(1 for i in s.get("ids", []) if i in a.by_id and a.by_id[i].needs_action)]
                     for n, s in enumerate(data.get("start_here", []), start=1)] or [["", "-", "", ""]],
                    [8 * mm, 0.42 * width, 0.42 * width, 0.16 * width - 8 * mm], st)]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title="AVG-audit afgetekend", author=signed.signed_by)
    doc.build(flow)
    return buf.getvalue()


@bp.route("/afronden", methods=["GET", "POST"])
def sign() -> Any:
    a = audit()
    store = workspace().store
    if request.method == "POST":
        statement = " ".join(request.form.get("statement", "").split())[:4000]
        if a.audit_id is None:
            flash(say("Dit rapport hoort bij geen audit in de historie; aftekenen kan niet.",
                      "This report belongs to no audit in the history; it cannot be signed off."))
        elif len(statement) < 10:
            flash(say("Niet afgetekend: schrijf een verklaring van minstens 10 tekens.",
                      "Not signed off: write a statement of at least 10 characters."))
        else:
            decisions.sign_off(store, SignOff(a.audit_id, current_user() or "", now_iso(), statement, a.sha256))
            flash(say("Audit afgetekend. De samenvatting (PDF) staat hieronder.",
                      "Audit signed off. The summary (PDF) is below."))
        return redirect(url_for("signoff.sign"), code=303)
    signed = decisions.signoffs_of(store)
    return render_template("signoff.html", a=a, signed=signed[::-1],
                           open_count=sum(r.needs_action for r in a.rows))


@bp.route("/afronden/<int:signoff_id>.pdf")
def pdf(signoff_id: int) -> Any:
    a = audit()
    found = [s for s in decisions.signoffs_of(workspace().store) if s.id == signoff_id]
    if not found:
        abort(404)
    signed = found[0]
    if signed.report_sha256 != a.sha256:
        return render_template("error.html", code=409, text=say(
            "Deze aftekening hoort bij een eerder rapport; na een nieuwe scan is alleen de aftekening van het "
            "huidige rapport als PDF te maken.", "This sign-off belongs to an earlier report; after a new scan only "
            "the current report's sign-off can be made into a PDF.")), 409
    return send_file(io.BytesIO(summary_pdf(a, signed)), mimetype="application/pdf", as_attachment=True,
                     download_name=f"aftekening-audit-{signed.audit_id}.pdf")


__all__ = ["bp", "summary_pdf"]
