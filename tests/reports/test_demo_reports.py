"""`avgscan demo` writes every format; the report validates and the dashboard renders without errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.kernel.entities import catalogue
from tests.reports.cdp import Browser, chromium_path
from tests.reports.test_audit_history import FORMATS
from tests.reports.test_writers import validate

demo = pytest.importorskip("scanner.demo", reason="scanner.demo is not there yet")
if not hasattr(demo, "build_demo_school"):
    pytest.skip("scanner.demo.build_demo_school is not there yet", allow_module_level=True)


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--dir", str(root / "school"), "--out", str(root / "out")]) == 0
    return root / "out"


def test_demo_writes_every_format_and_a_valid_report(demo_out: Path) -> None:
    assert all((demo_out / name).stat().st_size > 0 for name in FORMATS)
    data = json.loads((demo_out / "report.json").read_text(encoding="utf-8"))
    validate(data)
    assert all(v["id"] for v in data["violations"]) and data["history"]["audits"]
    expected = [n for n, v in enumerate(data["violations"]) if v["rule"] == "open-access" and any(
        data["findings"][i]["entity_type"] in (*catalogue().special_categories, "NL_BSN") for i in v["findings"])]
    assert [b["violation"] for b in data["possible_breaches"]] == expected


@pytest.mark.skipif(chromium_path() is None, reason="Debian chromium is not installed")
def test_demo_dashboard_renders_without_errors(demo_out: Path, tmp_path: Path) -> None:
    data = json.loads((demo_out / "report.json").read_text(encoding="utf-8"))
    browser = Browser(str(chromium_path()), tmp_path / "profile")
    try:
        for domain in ("Page", "Runtime", "Log"):
            browser.call(f"{domain}.enable")
        browser.call("Page.navigate", url=(demo_out / "report.html").resolve().as_uri())
        browser.wait_for("Page.loadEventFired")
        assert browser.evaluate("document.querySelectorAll('#violations tbody tr').length") == len(data["violations"])
        assert browser.evaluate("document.querySelectorAll('#grafieken svg').length") == 4
        browser.screenshot(Path("/tmp/avgscan-demo-dashboard.png"))
        errors = browser.named("Runtime.exceptionThrown") + [
            e for e in browser.named("Log.entryAdded", "Runtime.consoleAPICalled")
            if e["params"].get("type") == "error" or e["params"].get("entry", {}).get("level") == "error"]
        assert errors == []
    finally:
        browser.close()
