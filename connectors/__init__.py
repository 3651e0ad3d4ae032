"""Sources (where data lives) and extractors (how to get text out of a format).

The registry below names every connector's module as a string, in pre-commit's style: a config that
names only `filesystem` imports only connectors/filesystem.py (not smbprotocol, not SQLAlchemy), and
this package imports none of its connectors itself, so no connector needs an import circle to
register. A new connector is one module (a `Config` model with `type: Literal["<kind>"]` and
`open_source(cfg) -> Source`, see connectors/base.py) plus one line here.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from scanner.kernel.errors import AvgscanError
from scanner.kernel.messages import say

if TYPE_CHECKING:
    from connectors.base import Source, SourceSettings

CONNECTORS: dict[str, str] = {
    "filesystem": "connectors.filesystem",
    "smb": "connectors.smb",
    "database": "connectors.database",
    "m365": "connectors.m365",
    "gdrive": "connectors.gdrive",
}


class UnknownConnector(AvgscanError):
    """A source's `type:` names no connector; the message lists the kinds there are."""


def known_kinds() -> str:
    return ", ".join(sorted(CONNECTORS))


def connector(kind: str) -> ModuleType:
    """The module of the connector for `kind`, imported on first use."""
    module = CONNECTORS.get(kind) if isinstance(kind, str) else None
    if module is None:
        raise UnknownConnector(say(f"onbekend brontype {kind!r}; bekende typen: {known_kinds()}",
                                   f"unknown source type {kind!r}; known types: {known_kinds()}"))
    return importlib.import_module(module)


def open_source(cfg: SourceSettings) -> Source:
    """The source a connector's settings describe, opened by the connector its `type` names."""
    return connector(cfg.type).open_source(cfg)  # type: ignore[no-any-return]


__all__ = ["CONNECTORS", "UnknownConnector", "connector", "known_kinds", "open_source"]
