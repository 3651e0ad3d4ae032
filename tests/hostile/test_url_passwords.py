"""Issue 15, case 2: a password in any URL, anywhere in the config or on the command line, is
refused with a Dutch message that names the key and not the URL; every URL shown or stored is
shown without credentials.

Before: a password inside `records.register.url` was accepted, printed to stderr and written into
every report as a record problem's file name; `?password=` passed the check and was stored in
clear in the value-access log (which `purge` keeps); a malformed `smb://user:secret@…` was echoed.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
import yaml

from connectors.smb import parse_url
from scanner.cli import main
from scanner.config import ConfigError, RecordFile, build_config
from scanner.kernel.errors import Unreadable
from scanner.kernel.redact import safe_text, safe_url, url_password_keys
from scanner.records.tabular import source_label
from scanner.state import StateStore
from tests.hostile.test_no_leaks import output_texts

SECRET = "Url-Kanarie-" + secrets.token_hex(6)

URLS_WITH_PASSWORD = [
    f"postgresql://fg:{SECRET}@127.0.0.1:5432/las",
    f"postgresql://fg@127.0.0.1/las?password={SECRET}",
    f"mariadb://fg@127.0.0.1/las?sslmode=require&PASSWORD={SECRET}",
    f"smb://fg:{SECRET}@fileserver/leerlingen",
    f"smb://fg:{SECRET}@[fileserver/leerlingen",  # malformed: urlsplit cannot parse it
    f"smb://fg:{SECRET}@fileserver:poort/leerlingen",  # malformed port
    f"mysql://fg:{SECRET[:4]}/{SECRET[4:]}@db/las",  # an unescaped '/' in the password
]


@pytest.mark.parametrize("url", URLS_WITH_PASSWORD)
def test_safe_url_hides_every_password(url: str) -> None:
    shown = safe_url(url)
    assert SECRET not in shown and SECRET[4:] not in shown and "***" in shown
    assert url_password_keys(url)
    assert SECRET not in safe_text(f"connection to {url} failed")


def test_urls_without_password_are_shown_as_they_are() -> None:
    for url in ("postgresql://fg@127.0.0.1:5432/las", "smb://fg@fileserver/leerlingen/Dossiers",
                "sqlite:////srv/las#2024.db", "postgresql://db/las?sslmode=require"):
        assert safe_url(url) == url and not url_password_keys(url)


PLACES = [
    ("sources[0].url", lambda url: {"sources": [{"name": "las", "type": "database", "url": url}]}),
    ("records.register.url", lambda url: {"sources": [{"name": "s", "type": "filesystem", "path": "."}],
                                          "records": {"register": {"url": url, "table": "leerlingen"}}}),
    ("records.consents.url", lambda url: {"sources": [{"name": "s", "type": "filesystem", "path": "."}],
                                          "records": {"consents": {"url": url, "table": "toestemmingen"}}}),
    ("sources[0].url", lambda url: {"sources": [{"name": "schijf", "type": "smb", "url": url}]}),
]


@pytest.mark.parametrize("url", URLS_WITH_PASSWORD)
@pytest.mark.parametrize(("key", "raw"), PLACES)
def test_config_refuses_a_password_in_any_url(tmp_path: Path, url: str, key: str, raw) -> None:  # noqa: ANN001
    with pytest.raises(ConfigError) as caught:
        build_config(raw(url), "avgscan.yaml", tmp_path)
    message = str(caught.value)
    assert key in message and "wachtwoord" in message and SECRET not in message


def test_command_line_url_with_password_is_refused(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "uit"
    for target in (f"postgresql://fg@127.0.0.1:1/las?password={SECRET}", f"smb://fg:{SECRET}@[kapot/share"):
        assert main(["scan", target, "--out", str(out)]) == 2
    assert main(["scan", str(tmp_path), "--out", str(out), "--executor", "dask",
                 "--scheduler", f"tls://fg:{SECRET}@10.0.0.5:8786"]) == 2
    captured = capfd.readouterr()
    assert SECRET not in captured.out + captured.err and "wachtwoord" in captured.err
    assert not out.exists() or not any(SECRET.encode() in data for data in output_texts(out).values())


def test_register_url_with_password_reaches_no_output(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "share").mkdir()
    config = {"sources": [{"name": "share", "type": "filesystem", "path": "share"}],
              "records": {"register": {"url": f"postgresql://fg:{SECRET}@127.0.0.1:1/las", "table": "leerlingen"}}}
    (tmp_path / "avgscan.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    out = tmp_path / "uit"
    assert main(["scan", "--config", str(tmp_path / "avgscan.yaml"), "--out", str(out)]) == 2
    captured = capfd.readouterr()
    assert SECRET not in captured.out + captured.err
    assert "records.register.url" in captured.err


def test_record_file_names_never_show_a_password(tmp_path: Path) -> None:
    cfg = build_config({"sources": [{"name": "s", "type": "filesystem", "path": "."}]}, "t", tmp_path)
    for url in URLS_WITH_PASSWORD[:3]:
        assert SECRET not in source_label(RecordFile(url=url, table="leerlingen"), cfg)


def test_value_access_log_stores_urls_without_password(tmp_path: Path) -> None:
    with StateStore.open(tmp_path / "uit") as store:
        store.log_value_access(["avgscan", "scan", f"postgresql://fg@db/las?password={SECRET}",
                                "--scheduler", f"tls://fg:{SECRET}@10.0.0.5:8786", "--show-values"])
        logged = store.value_accesses()
    assert SECRET not in repr(logged) and "--show-values" in logged[0]["command"]
    assert SECRET.encode() not in (tmp_path / "uit" / "avgscan-state.sqlite").read_bytes()


@pytest.mark.parametrize("url", [u for u in URLS_WITH_PASSWORD if u.startswith("smb")])
def test_smb_connector_refuses_without_echoing(url: str) -> None:
    with pytest.raises(Unreadable) as caught:
        parse_url(url)
    assert SECRET not in str(caught.value) and "wachtwoord" in str(caught.value)


def test_malformed_smb_url_without_password_is_shown_without_userinfo_secret() -> None:
    with pytest.raises(Unreadable) as caught:
        parse_url("smb://fg@[kapot/leerlingen")
    assert "geen geldig SMB-adres" in str(caught.value)
