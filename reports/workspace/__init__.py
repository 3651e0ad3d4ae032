"""The FG's workspace: `avgscan serve`, a local web app over the audits of one output folder.

Server-rendered pages (Flask and Jinja templates, no remote assets, no JavaScript) served by waitress.
One job per module: `app` builds the application, `auth` logs people in and expires sessions,
`csrf` refuses forged and cross-origin changes, `users` keeps the local accounts, `audit` reads the
last report with the stored decisions, `views` shows it, `work` records decisions, `triage_io`
exports and imports the triage file, `signoff` closes an audit with a signed summary, `server`
starts waitress (behind a TLS layer when it listens on more than loopback).
"""

from __future__ import annotations

from reports.workspace.app import create_app

__all__ = ["create_app"]
