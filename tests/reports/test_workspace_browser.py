"""The workspace in a real browser (Debian's headless Chromium over DevTools, tests/reports/cdp.py),
against waitress on a free port: log in, filter, accept a risk, mark one handled, export the triage
file, rescan the school into the same output folder and see the decisions carried over; a wrong
password, a form without its CSRF token, a form from another origin and a path outside the output
folder are refused. No console errors (a CSP violation is one) and nothing fetched from elsewhere."""

from __future__ import annotations

import io
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reports.workspace import create_app
from reports.workspace.server import Server
from scanner.cli import main
from scanner.triage import load_triage
from tests.reports.cdp import Browser, chromium_path, watching
from tests.reports.conftest import build_school

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed "
                                "(.ci/system-packages.sh installs it)")
PASSWORD = "een lang wachtwoord voor de fg"


@pytest.fixture()
def school(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The small report-test school, scanned once, with one workspace user."""
    config = build_school(tmp_path / "school")
    out = tmp_path / "rapport"
    assert main(["scan", "--config", str(config), "--out", str(out), "--workers", "1", "-q"]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["serve", "--out", str(out), "--add-user", "fg", "--password-stdin"]) == 0
    return config, out


@pytest.fixture()
def server(school: tuple[Path, Path]) -> Iterator[Server]:
    running = Server(create_app(school[1]), "127.0.0.1", 0, None)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    try:
        yield running
    finally:
        running.close()
        thread.join(10)


class _Evil(BaseHTTPRequestHandler):
    page = b""

    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, *_args: object) -> None:
        pass


@pytest.fixture()
def browser(tmp_path: Path) -> Iterator[Browser]:
    assert CHROMIUM is not None
    with watching(CHROMIUM, tmp_path / "profile") as b:
        yield b


def _loaded(b: Browser, start: int, timeout: float = 15) -> None:
    """Wait for a page load after event number `start` (all events stay, for the checks at the end)."""
    deadline = time.monotonic() + timeout
    while not any(e.get("method") == "Page.loadEventFired" for e in b.events[start:]):
        if time.monotonic() > deadline:
            raise TimeoutError("Page.loadEventFired")
        b.events.append(json.loads(b.ws.recv()))


def goto(b: Browser, url: str) -> None:
    start = len(b.events)
    b.call("Page.navigate", url=url)
    _loaded(b, start)


def submit(b: Browser, script: str) -> None:
    """Run `script` (it fills and submits a form) and wait for the page it leads to."""
    start = len(b.events)
    b.evaluate(script)
    _loaded(b, start)


def text(b: Browser, selector: str = "main") -> str:
    return b.evaluate(f"document.querySelector({json.dumps(selector)}).textContent")


def fill(form: str, **values: str) -> str:
    sets = "".join(f"f.querySelector('[name={k}]').value = {json.dumps(v)};" for k, v in values.items())
    return f"(() => {{ const f = document.querySelector('{form}'); {sets} f.requestSubmit(); }})()"


def listed(b: Browser) -> list[str]:
    return b.evaluate("Array.from(document.querySelectorAll('#violations tbody tr[data-id]')).map(r => r.dataset.id)")


def test_the_fg_works_through_an_audit_in_chromium(school: tuple[Path, Path], server: Server, browser: Browser,
                                                   tmp_path: Path) -> None:
    config, out = school
    base = server.url.rstrip("/")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    ids = {v["rule"]: v["id"] for v in report["violations"]}

    goto(browser, base + "/overtredingen")  # not logged in: to the login page
    assert browser.evaluate("location.pathname") == "/inloggen"
    submit(browser, fill("form", name="fg", password="geraden wachtwoord"))
    assert "verkeerd wachtwoord" in text(browser)
    submit(browser, fill("form", name="fg", password=PASSWORD))
    assert browser.evaluate("location.pathname") == "/overtredingen"  # back where the FG wanted to go
    assert len(listed(browser)) == 4

    # filter: the rule select and the search field, submitted as the form
    submit(browser, fill("#filters", rule="open-access"))
    assert listed(browser) == [ids["open-access"]]
    submit(browser, fill("#filters", rule="", q="Archief"))
    assert listed(browser) == [ids["retention-expired"]]

    # accept the risk of the open folder, mark the retention violation handled
    goto(browser, f"{base}/overtreding/{ids['open-access']}")
    assert "Gekoppeld via" in text(browser) and "******333" in text(browser, "#linked-by")
    submit(browser, fill("#accept-form", reason="Map wordt vrijdag afgeschermd", owner="J. Jansen (directeur)",
                         expires="2027-01-31"))
    assert text(browser, "#status").startswith("geaccepteerd")
    goto(browser, f"{base}/overtreding/{ids['retention-expired']}")
    submit(browser, fill("#handled-form", action="Dossier vernietigd volgens de bewaartermijn"))
    assert text(browser, "#status").startswith("afgehandeld (de volgende scan controleert het)")

    # export the triage file (the same request a click on the link makes, with the session cookie)
    exported = browser.evaluate("fetch('/triage/export').then(r => r.text())")
    saved = tmp_path / "triage.yaml"
    saved.write_text(exported, encoding="utf-8")
    triage = load_triage(saved)
    assert triage.accepted[ids["open-access"]].owner == "J. Jansen (directeur)"
    assert triage.handled[ids["retention-expired"]].action.startswith("Dossier vernietigd")

    # rescan the same school into the same output folder: the decisions carry over
    assert main(["scan", "--config", str(config), "--out", str(out), "--workers", "1", "-q"]) == 1
    again = {v["id"]: v for v in json.loads((out / "report.json").read_text(encoding="utf-8"))["violations"]}
    assert again[ids["open-access"]]["status"] == "accepted" and again[ids["open-access"]]["decided_by"] == "fg"
    assert again[ids["retention-expired"]]["handled"]["by"] == "fg"
    goto(browser, f"{base}/overtreding/{ids['open-access']}")
    assert text(browser, "#status").startswith("geaccepteerd")
    goto(browser, f"{base}/overtreding/{ids['retention-expired']}")
    assert text(browser, "#status").startswith("afgehandeld, maar nog gevonden")  # the file is still there
    goto(browser, base + "/verloop")
    assert "Nog steeds aanwezig (4)" in text(browser)
    goto(browser, base + "/overtredingen?status=action")
    assert set(listed(browser)) == {ids["retention-expired"], ids["consent-out-of-scope"],
                                    ids["bsn-outside-administration"]}

    # refused: a form without its CSRF token
    goto(browser, f"{base}/overtreding/{ids['consent-out-of-scope']}")
    token = browser.evaluate("document.querySelector('#handled-form [name=csrf_token]').value")
    browser.evaluate("document.querySelector('#handled-form [name=csrf_token]').remove()")
    submit(browser, fill("#handled-form", action="zonder token"))
    assert "CSRF-token" in text(browser)
    # refused: a page of another origin posting to the workspace (with a stolen token, even)
    _Evil.page = (f'<form method="post" action="{base}/overtreding/{ids["consent-out-of-scope"]}/besluit">'
                  f'<input name="kind" value="handled"><input name="action" value="van buiten">'
                  f'<input name="csrf_token" value="{token}"></form>').encode()
    evil = ThreadingHTTPServer(("127.0.0.1", 0), _Evil)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        goto(browser, f"http://127.0.0.1:{evil.server_address[1]}/")
        submit(browser, "document.forms[0].submit()")
        assert "andere herkomst" in text(browser)
    finally:
        evil.shutdown()
        evil.server_close()
    # refused: paths outside the output folder, and files in it that are not reports
    for path in ("/bestanden/..%2F..%2Fschool%2Favgscan.yaml", "/bestanden/avgscan-state.key",
                 "/static/..%2F..%2F..%2Fscanner%2Fcli.py"):
        goto(browser, base + path)
        assert "Niet gevonden" in text(browser), path
    goto(browser, f"{base}/overtreding/{ids['consent-out-of-scope']}")
    assert text(browser, "#status").startswith("open")  # none of the refused changes was stored

    errors = [e for e in browser.named("Runtime.exceptionThrown")]
    refused = ("status of 401", "status of 403", "status of 404")  # the refusals this test asked for
    errors += [e for e in browser.named("Log.entryAdded") if e["params"]["entry"]["level"] == "error"
               and not (e["params"]["entry"].get("source") == "network"
                        and any(r in e["params"]["entry"].get("text", "") for r in refused))]
    assert errors == []
    fetched = [e["params"]["request"]["url"] for e in browser.named("Network.requestWillBeSent")]
    assert all(url.startswith((base, "data:", f"http://127.0.0.1:{evil.server_address[1]}/")) for url in fetched), \
        fetched  # data: is Chromium's own date-picker icon
