"""report.html in headless Chromium: it renders, charts and table are there, filtering hides rows,
nothing is fetched from the network, and the console stays free of errors. A screenshot goes to /tmp."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports import write_all
from scanner.kernel.model import Report
from tests.reports.cdp import Browser, chromium_path, watching

CHROMIUM = chromium_path()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed "
                                "(.ci/system-packages.sh installs it)")
SCREENSHOT = Path("/tmp/avgscan-dashboard.png")


@pytest.fixture()
def browser(tmp_path: Path):  # noqa: ANN201
    assert CHROMIUM is not None
    with watching(CHROMIUM, tmp_path / "profile") as b:
        yield b


def _visible_rows(b: Browser) -> int:
    return b.evaluate("Array.from(document.querySelectorAll('#violations tbody tr')).filter(r => !r.hidden).length")


def _set(b: Browser, element: str, value: str, event: str) -> None:
    b.evaluate(f"(() => {{ const e = document.getElementById('{element}'); e.value = '{value}';"
               f"e.dispatchEvent(new Event('{event}')); }})()")


def test_dashboard_in_chromium(reviewed: tuple[Report, Path], browser: Browser) -> None:
    report, out = reviewed
    html = next(p for p in write_all(report, out, ["html"]))
    browser.call("Page.navigate", url=html.resolve().as_uri())
    browser.wait_for("Page.loadEventFired")

    assert browser.evaluate("document.title").startswith("AVG-scan")
    assert browser.evaluate("document.querySelector('#datalek h2').textContent").startswith("⚠ Mogelijk datalek")
    assert browser.evaluate("document.querySelectorAll('#grafieken svg').length") == 4  # rule, school, source, trend
    assert browser.evaluate("document.querySelectorAll('#grafieken svg rect.bar').length") >= 8
    assert browser.evaluate("document.querySelector('#chart-trend polyline') !== null")
    assert browser.evaluate("document.querySelector('#grafieken svg').getBoundingClientRect().width") > 200
    browser.screenshot(SCREENSHOT)
    assert SCREENSHOT.stat().st_size > 10_000
    total = _visible_rows(browser)
    assert total == len(report.violations) == 4

    browser.evaluate("document.getElementById('filter').focus()")
    browser.call("Input.insertText", text="retention")
    assert _visible_rows(browser) == 1
    assert browser.evaluate("document.getElementById('shown-count').textContent") == "1"
    _set(browser, "filter", "", "input")
    _set(browser, "rule-filter", "open-access", "change")
    assert _visible_rows(browser) == 1
    _set(browser, "rule-filter", "", "change")
    assert _visible_rows(browser) == total

    errors = [e for e in browser.named("Runtime.exceptionThrown")]
    errors += [e for e in browser.named("Runtime.consoleAPICalled") if e["params"]["type"] in ("error", "assert")]
    errors += [e for e in browser.named("Log.entryAdded") if e["params"]["entry"]["level"] == "error"]
    assert errors == []
    assert browser.named("Page.javascriptDialogOpening") == []  # the <script> in a path stayed text
    fetched = [e["params"]["request"]["url"] for e in browser.named("Network.requestWillBeSent")]
    assert all(url.startswith(("file:", "data:")) for url in fetched), fetched
