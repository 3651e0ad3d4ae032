"""Forged changes are refused: every POST must come from this workspace's own pages.

Two independent checks, both required: the request's Origin (or, when a browser sends none, its
Referer) must be this server's own origin, and the form must carry the session's CSRF token. A page
of another site can make the FG's browser send a POST with the session cookie, but it cannot read
the token, and its Origin gives it away.
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlsplit

from flask import abort, request, session

from scanner.kernel.messages import say

UNSAFE = ("POST", "PUT", "PATCH", "DELETE")


def token() -> str:
    """The session's CSRF token (made on first use); every form puts it in a hidden field."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def own_origin() -> str:
    return f"{request.scheme}://{request.host}".lower()


def same_origin() -> bool:
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.lower() == own_origin()
    referer = request.headers.get("Referer")
    if not referer:
        return False
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}".lower() == own_origin()


def check() -> None:
    """Before every request: refuse an unsafe method from another origin or without the right token."""
    if request.method not in UNSAFE:
        return
    if not same_origin():
        abort(403, description=say("Geweigerd: dit verzoek komt niet van de werkplek zelf (andere herkomst).",
                                   "Refused: this request does not come from the workspace itself (other origin)."))
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf", "")
    if not sent or not expected or not hmac.compare_digest(sent, expected):
        abort(403, description=say("Geweigerd: het formulier mist een geldig CSRF-token. Laad de pagina opnieuw.",
                                   "Refused: the form lacks a valid CSRF token. Reload the page."))


__all__ = ["check", "own_origin", "same_origin", "token"]
