"""Screenshots of the FG's workspace (`avgscan serve`) for docs/workspace.md.

    python docs/screenshots/make.py            # writes docs/screenshots/werkplek-*.png

Builds the demo school in a temporary folder, scans it twice (so the history has something to
compare), makes a few decisions and a sign-off through the pages, and photographs the main pages
with Debian's headless Chromium over DevTools (tests/reports/cdp.py). Nothing leaves the machine:
the demo school is generated, and the workspace listens on 127.0.0.1 only.
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reports.workspace import create_app  # noqa: E402
from reports.workspace.server import Server  # noqa: E402
from scanner.cli import main  # noqa: E402
from scanner.demo import build_demo_school  # noqa: E402
from tests.reports.cdp import Browser, chromium_path  # noqa: E402

HERE = Path(__file__).resolve().parent
PASSWORD = "demo-wachtwoord-voor-de-fg"


def _loaded(b: Browser, start: int) -> None:
    deadline = time.monotonic() + 20
    while not any(e.get("method") == "Page.loadEventFired" for e in b.events[start:]):
        if time.monotonic() > deadline:
            raise TimeoutError("Page.loadEventFired")
        b.events.append(json.loads(b.ws.recv()))


def goto(b: Browser, url: str) -> None:
    start = len(b.events)
    b.call("Page.navigate", url=url)
    _loaded(b, start)


def submit(b: Browser, form: str, **values: str) -> None:
    sets = "".join(f"f.querySelector('[name={k}]').value = {json.dumps(v)};" for k, v in values.items())
    start = len(b.events)
    b.evaluate(f"(() => {{ const f = document.querySelector('{form}'); {sets} f.requestSubmit(); }})()")
    _loaded(b, start)


def shoot(b: Browser, name: str, height: int | None = None) -> None:
    full = b.evaluate("Math.ceil(document.documentElement.scrollHeight)")
    path = b.screenshot(HERE / f"werkplek-{name}.png", width=1280, height=min(height or full, 1500))
    print(path.relative_to(ROOT))


def main_() -> int:
    chromium = chromium_path()
    if chromium is None:
        print("chromium ontbreekt (.ci/system-packages.sh installeert het)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="avgscan-screenshots-") as tmp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "xdg")
        config = build_demo_school(Path(tmp) / "demo-school")
        out = Path(tmp) / "rapport"
        scan = ["scan", "--config", str(config), "--out", str(out), "--workers", "1", "-q"]
        main(scan)
        main(scan)  # a second audit: the history compares the two
        sys.stdin = io.StringIO(PASSWORD + "\n")
        main(["serve", "--out", str(out), "--add-user", "fg", "--password-stdin"])
        server = Server(create_app(out), "127.0.0.1", 0, None)
        threading.Thread(target=server.run, daemon=True).start()
        base = server.url.rstrip("/")
        browser = Browser(chromium, Path(tmp) / "profile")
        try:
            for domain in ("Page", "Runtime"):
                browser.call(f"{domain}.enable")
            goto(browser, base + "/inloggen")
            browser.evaluate("document.querySelector('[name=name]').value = 'fg'")
            shoot(browser, "inloggen", 420)
            submit(browser, "form", name="fg", password=PASSWORD)
            report = json.loads((out / "report.json").read_text(encoding="utf-8"))
            first = {}
            for v in report["violations"]:
                first.setdefault(v["rule"], v["id"])
            if "open-access" in first:
                goto(browser, f"{base}/overtreding/{first['open-access']}")
                submit(browser, "#assign-form", to="M. de Boer (ICT)", due="2026-12-12")
            if "retention-expired" in first:
                goto(browser, f"{base}/overtreding/{first['retention-expired']}")
                submit(browser, "#accept-form", reason="Archief wordt in januari opgeschoond",
                       owner="J. Jansen (directeur)", expires="2027-01-31")
            if "bsn-outside-administration" in first:
                goto(browser, f"{base}/overtreding/{first['bsn-outside-administration']}")
                submit(browser, "#handled-form", action="BSN uit het bestand verwijderd")
            goto(browser, base + "/")
            shoot(browser, "begin-hier")
            goto(browser, base + "/overtredingen?status=action&sort=priority")
            shoot(browser, "overtredingen", 1100)
            if "open-access" in first:
                goto(browser, f"{base}/overtreding/{first['open-access']}")
                shoot(browser, "overtreding")
            goto(browser, base + "/per/leerling")
            shoot(browser, "per-leerling", 900)
            goto(browser, base + "/datalekken")
            shoot(browser, "datalekken", 900)
            goto(browser, base + "/verloop")
            shoot(browser, "verloop", 1100)
            goto(browser, base + "/afronden")
            submit(browser, "#signoff-form", statement="De audit is op 4 december besproken met de directie; de open "
                   "punten zijn toegewezen en worden voor 1 februari opgelost.")
            shoot(browser, "afronden", 700)
        finally:
            browser.close()
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main_())
