"""Each connector looks its secrets up itself, through the shared 'environment, then keyring' step."""

from __future__ import annotations

from pathlib import Path

import pytest

import connectors.credentials as credentials
from connectors.db_session import database_url


@pytest.fixture
def keyring(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(credentials, "keyring_password",
                        lambda service, user: asked.append((service, user)) or "uit-de-sleutelbos")
    return asked


def test_database_password_from_the_keyring(monkeypatch: pytest.MonkeyPatch, keyring: list) -> None:
    monkeypatch.delenv("AVGSCAN_DB_PASSWORD", raising=False)
    url = database_url("postgresql://avgscan@las-server:5432/las")
    assert url.password == "uit-de-sleutelbos"
    assert keyring == [("avgscan:db:las-server", "avgscan")]


def test_the_environment_wins_and_sqlite_asks_nothing(monkeypatch: pytest.MonkeyPatch, keyring: list,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("AVGSCAN_DB_PASSWORD", "uit-de-omgeving")
    assert database_url("mysql://avgscan@las-server/las").password == "uit-de-omgeving"
    db = tmp_path / "las.db"
    db.write_bytes(b"")
    assert database_url(f"sqlite:///{db}").password is None
    assert keyring == []


def test_without_a_user_the_keyring_is_not_asked(monkeypatch: pytest.MonkeyPatch, keyring: list) -> None:
    monkeypatch.delenv("AVGSCAN_DB_PASSWORD", raising=False)
    assert database_url("postgresql://las-server/las").password is None
    assert keyring == []
