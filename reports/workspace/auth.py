"""Login, logout and sessions that expire.

The session is Flask's signed cookie (HttpOnly, SameSite=Strict, Secure under TLS) under a key made
at every start, so a restart logs everyone out. It expires after a spell without use and after a
working day in any case; a new login starts a fresh session (no fixation). Five wrong passwords
for a name lock that name for five minutes.
"""

from __future__ import annotations

import time
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for

from reports.workspace.users import authenticate
from scanner.kernel.messages import say

bp = Blueprint("auth", __name__)
OPEN_ENDPOINTS = ("auth.login", "static")
MAX_FAILURES, LOCK_SECONDS = 5, 300


def current_user() -> str | None:
    return session.get("user")


def require_login() -> Any:
    """Before every request: a page other than the login needs a live session."""
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    now = time.time()
    user = session.get("user")
    idle = current_app.config["IDLE_SECONDS"]
    longest = current_app.config["MAX_SESSION_SECONDS"]
    if user and (now - session.get("seen", 0) > idle or now - session.get("login_at", 0) > longest):
        session.clear()
        flash(say("Uw sessie is verlopen; log opnieuw in.", "Your session has expired; log in again."))
        user = None
    if not user:
        if request.method != "GET":
            return ("", 401)
        return redirect(url_for("auth.login", next=request.full_path if request.path != "/" else None))
    session["seen"] = now
    return None


def _locked(name: str) -> bool:
    failures = current_app.extensions["avgscan_failures"]
    count, since = failures.get(name, (0, 0.0))
    return count >= MAX_FAILURES and time.time() - since < LOCK_SECONDS


def _failed(name: str) -> None:
    failures = current_app.extensions["avgscan_failures"]
    count, since = failures.get(name, (0, 0.0))
    if time.time() - since >= LOCK_SECONDS:
        count = 0
    failures[name] = (count + 1, time.time())


@bp.route("/inloggen", methods=["GET", "POST"])
def login() -> Any:
    if request.method == "POST":
        name = request.form.get("name", "").strip()
        password = request.form.get("password", "")
        store = current_app.extensions["avgscan"].store
        if _locked(name):
            flash(say("Te vaak een verkeerd wachtwoord; probeer het over enkele minuten opnieuw.",
                      "Too many wrong passwords; try again in a few minutes."))
            return render_template("login.html"), 429
        if not authenticate(store, name, password):
            _failed(name)
            flash(say("Onbekende gebruiker of verkeerd wachtwoord.", "Unknown user or wrong password."))
            return render_template("login.html"), 401
        current_app.extensions["avgscan_failures"].pop(name, None)
        session.clear()  # a fresh session: no fixation, a new CSRF token
        session.update(user=name, login_at=time.time(), seen=time.time())
        target = request.args.get("next") or ""
        local = target.startswith("/") and not target.startswith("//") and "\\" not in target  # no open redirect
        return redirect(target if local else url_for("views.home"))
    return render_template("login.html")


@bp.route("/uitloggen", methods=["POST"])
def logout() -> Any:
    session.clear()
    flash(say("U bent uitgelogd.", "You are logged out."))
    return redirect(url_for("auth.login"))


__all__ = ["bp", "current_user", "require_login"]
