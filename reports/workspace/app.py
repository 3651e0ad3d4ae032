"""The application factory: one output folder, its state store, the pages and the security headers."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from reports.workspace import csrf
from reports.workspace.audit import Audit, AuditCache, build, status_label
from reports.workspace.users import workspace_users  # noqa: F401  (its table is created in the store)
from scanner import decisions
from scanner.kernel.messages import say
from scanner.state import StateError, StateStore

# no remote assets, no inline script or style, no framing, forms only to ourselves
CSP = ("default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'; img-src 'self' data:; style-src 'self'")


@dataclass
class Workspace:
    """What every request needs: the output folder, its state store and the last report."""

    out_dir: Path
    store: StateStore
    reports: AuditCache
    lang: str = "nl"

    def audit(self) -> Audit:
        data, sha = self.reports.load()
        return build(self.out_dir, data, sha, decisions.current(self.store), self.lang)


def open_store(out_dir: Path) -> StateStore:
    """The output folder's store; the workspace never creates an output folder of its own."""
    store = StateStore.open(out_dir, create=False)
    if store is None:
        raise StateError(f"{out_dir}: " + say("geen avgscan-uitvoermap (geen avgscan-state.sqlite); scan eerst met "
                                              f"--out {out_dir}", f"not an avgscan output folder (no "
                                              f"avgscan-state.sqlite); scan with --out {out_dir} first"))
    return store


def create_app(out_dir: Path, *, tls: bool = False, idle_minutes: int = 30, max_hours: int = 10,
               store: StateStore | None = None) -> Flask:
    """The workspace over `out_dir`; `tls` marks the session cookie Secure."""
    out_dir = Path(out_dir).resolve()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=secrets.token_bytes(32), SESSION_COOKIE_NAME="avgscan_werkplek", SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict", SESSION_COOKIE_SECURE=tls, IDLE_SECONDS=idle_minutes * 60,
        MAX_SESSION_SECONDS=max_hours * 3600, MAX_CONTENT_LENGTH=2 * 1024 * 1024, TEMPLATES_AUTO_RELOAD=False)
    ws = Workspace(out_dir, store or open_store(out_dir), AuditCache(out_dir))
    app.extensions["avgscan"] = ws
    app.extensions["avgscan_failures"] = {}

    from reports.workspace import auth, signoff, views, work

    app.before_request(csrf.check)  # first: a forged POST is refused before anything else looks at it
    app.before_request(auth.require_login)
    for module in (auth, views, work, signoff):
        app.register_blueprint(module.bp)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        return {"csrf_token": csrf.token, "user": auth.current_user(), "status_label": status_label,
                "out_dir": str(out_dir)}

    @app.after_request
    def _headers(response: Any) -> Any:
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
        if tls:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response

    @app.errorhandler(HTTPException)
    def _error(err: HTTPException) -> Any:
        text = err.description if err.code in (400, 403) else {
            401: say("U bent niet ingelogd.", "You are not logged in."),
            404: say("Niet gevonden (alleen de rapporten van deze uitvoermap zijn hier te zien).",
                     "Not found (only this output folder's reports can be seen here)."),
            405: say("Deze handeling is hier niet toegestaan.", "This action is not allowed here."),
            413: say("Het bestand is te groot.", "The file is too large."),
        }.get(err.code or 0, err.description)
        return render_template("error.html", code=err.code, text=text), err.code

    return app


__all__ = ["CSP", "Workspace", "create_app", "open_store"]
