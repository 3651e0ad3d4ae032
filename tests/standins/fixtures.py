"""Pytest fixtures for the cloud stand-ins and the settings that point a connector at them.

Import the fixtures into a test module (`from tests.standins.fixtures import graph, drive  # noqa: F401`).
The secrets go where a school puts them, the environment (`AVGSCAN_M365_CLIENT_SECRET`,
`AVGSCAN_GDRIVE_KEY`); the settings name the stand-in's URLs and its CA (`ca_file`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from connectors.gdrive import Config as GDriveConfig
from connectors.m365 import Config as M365Config
from tests.standins.drive import DriveStandIn
from tests.standins.graph import CLIENT_ID, TENANT, GraphStandIn

OWN_DOMAIN = "school.nl"
ADMIN = f"admin@{OWN_DOMAIN}"


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> Iterator[GraphStandIn]:
    stand_in = GraphStandIn()
    monkeypatch.setenv("AVGSCAN_M365_CLIENT_SECRET", stand_in.client_secret)
    with stand_in:
        yield stand_in


@pytest.fixture
def drive(monkeypatch: pytest.MonkeyPatch) -> Iterator[DriveStandIn]:
    stand_in = DriveStandIn(OWN_DOMAIN)
    key = stand_in.service_account()
    stand_in.add_user(ADMIN)
    monkeypatch.setenv("AVGSCAN_GDRIVE_KEY", json.dumps(key))
    with stand_in:
        yield stand_in


def m365_values(stand_in: GraphStandIn, **values: Any) -> dict[str, Any]:
    """A `type: m365` source entry for the stand-in, as it would stand in avgscan.yaml."""
    base: dict[str, Any] = {"name": "m365", "type": "m365", "tenant": TENANT, "client_id": CLIENT_ID,
                            "login_url": stand_in.base, "graph_url": f"{stand_in.base}/v1.0",
                            "ca_file": str(stand_in.tls.ca_file), "scope": "all", "own_domains": [OWN_DOMAIN]}
    return base | values


def m365_settings(stand_in: GraphStandIn, **values: Any) -> M365Config:
    return M365Config(**m365_values(stand_in, **values))


def gdrive_values(stand_in: DriveStandIn, **values: Any) -> dict[str, Any]:
    """A `type: gdrive` source entry for the stand-in (token_url: the key's token_uri is Google's)."""
    base: dict[str, Any] = {"name": "gdrive", "type": "gdrive", "domain": OWN_DOMAIN, "admin": ADMIN,
                            "scope": "all", "api_url": f"{stand_in.base}/drive/v3/",
                            "directory_url": f"{stand_in.base}/", "token_url": f"{stand_in.base}/token",
                            "ca_file": str(stand_in.tls.ca_file)}
    return base | values


def gdrive_settings(stand_in: DriveStandIn, **values: Any) -> GDriveConfig:
    return GDriveConfig(**gdrive_values(stand_in, **values))
