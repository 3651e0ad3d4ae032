"""Secrets come from the environment and never show up: not in the report files, the state store,
stdout/stderr, log records, item reasons, nor in the text or traceback of an exception raised by a
connector that fails to connect (a wrong database user at 127.0.0.1:5432, closed ports for
PostgreSQL, MariaDB and SMB)."""

from __future__ import annotations

import logging
import secrets
import socket
import traceback
from pathlib import Path

import pytest

from connectors import open_source
from scanner.cli import main
from scanner.config import build_config
from tests.hostile.test_no_leaks import output_texts

DB_PASSWORD = "Db-Kanarie-" + secrets.token_hex(6)
SMB_PASSWORD = "Smb-Kanarie-" + secrets.token_hex(6)
SECRETS = (DB_PASSWORD, SMB_PASSWORD)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free now, and nothing listens on it


def sources() -> list[dict[str, str]]:
    port = closed_port()
    return [
        {"name": "las-pg", "type": "database",
         "url": f"postgresql://avgscan_geen_rol_{secrets.token_hex(3)}@127.0.0.1:5432/avgscan_bestaat_niet"},
        {"name": "las-dicht", "type": "database", "url": f"postgresql://fg@127.0.0.1:{port}/las"},
        {"name": "las-maria", "type": "database", "url": f"mariadb://fg@127.0.0.1:{port}/las"},
        {"name": "schijf", "type": "smb", "url": f"smb://127.0.0.1:{port}/leerlingen/dossiers"},
    ]


@pytest.fixture()
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AVGSCAN_DB_PASSWORD", DB_PASSWORD)
    monkeypatch.setenv("AVGSCAN_SMB_USER", "fg")
    monkeypatch.setenv("AVGSCAN_SMB_PASSWORD", SMB_PASSWORD)


def _text_of(err: BaseException) -> str:
    return "".join(traceback.format_exception(err)) + repr(err) + repr(getattr(err, "orig", None))


@pytest.mark.usefixtures("env")
def test_connector_errors_carry_no_password(tmp_path: Path) -> None:
    cfg = build_config({"sources": sources()}, "secrets test", tmp_path)
    for src_cfg in cfg.sources:
        texts = []
        try:
            source = open_source(src_cfg)
            texts.append(repr(getattr(source, "engine", "")) + str(getattr(source, "engine", "")))
            items = list(source.crawl())
            texts.extend(i.reason or "" for i in items)
        except Exception as err:  # what the pipeline turns into the source's reason
            texts.append(_text_of(err))
        assert texts and not any(s in t for s in SECRETS for t in texts), (src_cfg.name, texts)


@pytest.mark.usefixtures("env")
def test_failed_sources_in_a_scan_leak_no_secret(tmp_path: Path, capfd: pytest.CaptureFixture[str],
                                                 caplog: pytest.LogCaptureFixture) -> None:
    import yaml

    caplog.set_level(logging.DEBUG)
    config = tmp_path / "avgscan.yaml"
    config.write_text(yaml.safe_dump({"sources": sources()}), encoding="utf-8")
    out = tmp_path / "uit"
    assert main(["scan", "--config", str(config), "--out", str(out), "--workers", "1"]) == 3
    captured = capfd.readouterr()
    texts = output_texts(out)
    texts.update({"stdout": captured.out.encode(), "stderr": captured.err.encode(),
                  "log records": "\n".join(r.getMessage() for r in caplog.records).encode()})
    assert not [(name, s) for name, data in texts.items() for s in SECRETS if s.encode() in data]
    import json

    items = json.loads((out / "report.json").read_text(encoding="utf-8"))["items"]
    assert {i["source"] for i in items if i["status"] == "unreadable" and i["reason"]} == \
           {"las-pg", "las-dicht", "las-maria", "schijf"}


def test_password_in_an_smb_url_is_refused_without_echoing_it(tmp_path: Path) -> None:
    """A password written into the config is refused, and the refusal does not repeat it."""
    with pytest.raises(Exception) as caught:
        cfg = build_config({"sources": [{"name": "s", "type": "smb",
                                         "url": f"smb://fg:{SMB_PASSWORD}@127.0.0.1/leerlingen"}]}, "test", tmp_path)
        open_source(cfg.sources[0])
    assert "wachtwoord hoort niet" in str(caught.value) and SMB_PASSWORD not in _text_of(caught.value)
