"""The scanner's own data is governed: raw-value runs are logged, old output can be purged,
passwords never sit in the config."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.config import ConfigError, build_config
from scanner.state import StateStore
from tests.test_cli import school  # noqa: F401  (fixture)


def test_show_values_runs_are_logged(school: Path) -> None:  # noqa: F811
    out = school / "out"
    main(["scan", "-c", str(school / "avgscan.yaml"), "--out", str(out), "--workers", "1"])
    main(["scan", "-c", str(school / "avgscan.yaml"), "--out", str(out), "--workers", "1", "--show-values"])
    with StateStore.open(out, create=False) as store:
        log = store.value_accesses()
    assert len(log) == 1
    assert log[0]["user"] and log[0]["host"] and log[0]["at"]


def test_purge_removes_old_reports_audits_and_cache(school: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    out = school / "out"
    main(["scan", "-c", str(school / "avgscan.yaml"), "--out", str(out), "--workers", "1"])
    old = time.time() - 40 * 86400
    for p in out.glob("report.*"):
        os.utime(p, (old, old))
    db = out / "avgscan-state.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("update audits set started_at = '2020-01-01T00:00:00+00:00'")
        conn.execute("update item_cache set stored_at = '2020-01-01'")
    assert main(["purge", "--out", str(out), "--older-than", "30"]) == 2  # off a terminal: only with --yes
    assert main(["purge", "--out", str(out), "--older-than", "30", "--dry-run"]) == 0
    assert list(out.glob("report.*"))
    assert main(["purge", "--out", str(out), "--older-than", "30", "--yes"]) == 0
    assert not list(out.glob("report.*")) and (out / "violations.csv").exists()
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from audits").fetchone()[0] == 0
        assert conn.execute("select count(*) from item_cache").fetchone()[0] == 0
    assert "4 rapportbestanden, 1 audits" in capsys.readouterr().out  # json, xlsx, html, pdf


def test_password_in_a_database_url_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="AVGSCAN_DB_PASSWORD"):
        build_config({"sources": [{"name": "db", "type": "database",
                                   "url": "postgresql://avg:geheim@127.0.0.1/las"}]}, "x.yaml", tmp_path)
