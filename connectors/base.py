"""The interface every source implements, and the registry that builds sources from the config."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol

from scanner.config import SourceConfig
from scanner.kernel.model import Content, Item


class Source(Protocol):
    name: str

    def crawl(self) -> Iterator[Item]:
        """Every item in the source, including the ones that will be skipped (with a reason)."""
        ...

    def read(self, item: Item) -> Content:
        """The item's content; raises Unreadable with a reason."""
        ...

    def close(self) -> None: ...


SOURCES: dict[str, Callable[[SourceConfig], Source]] = {}


def register_source(kind: str) -> Callable[[Callable[[SourceConfig], Source]], Callable[[SourceConfig], Source]]:
    def deco(factory: Callable[[SourceConfig], Source]) -> Callable[[SourceConfig], Source]:
        SOURCES[kind] = factory
        return factory

    return deco


def open_source(cfg: SourceConfig) -> Source:
    import connectors.database  # noqa: F401  (registers)
    import connectors.filesystem  # noqa: F401
    import connectors.smb  # noqa: F401

    return SOURCES[cfg.type](cfg)


# Connector settings that a SourceConfig may carry; until a key exists there, the default applies.
DEFAULTS: dict[str, Any] = {
    "max_file_mb": 200.0,  # larger files are reported unreadable ('te groot'), not read
    "archive_max_depth": 3,  # zip in zip in zip: deeper members are reported, not opened
    "archive_max_members": 10_000,  # more members than this: the archive is treated as a zip bomb
    "archive_max_mb": 2048.0,  # total expanded size of one archive (zip bomb guard)
    "statement_timeout_s": 60.0,  # one database statement (one batch of rows)
    "batch_size": 1000,  # database rows fetched per statement
}


def option(cfg: object, key: str) -> Any:
    """A connector setting from the source config, or its default when the config has no such key.

    Connectors read settings through this so new keys can be added to SourceConfig later without
    breaking older configs (and tests can pass plain objects).
    """
    value = getattr(cfg, key, None)
    return DEFAULTS[key] if value is None else value


def place_lookup(mapping: dict[str, str], path: str) -> str | None:
    """The value of the longest configured prefix (folder or table name) that contains `path`."""
    best: tuple[int, str] | None = None
    for prefix, value in mapping.items():
        p = prefix.strip("/")
        if path == p or path.startswith(p + "/") or path == f"table:{p}" or path.startswith(f"table:{p}#"):
            if best is None or len(p) > best[0]:
                best = (len(p), value)
    return best[1] if best else None


def assign_place(item: Item, cfg: SourceConfig) -> None:
    party = place_lookup(cfg.outbound, item.path)
    if party:
        item.party, item.role = party, "outbound"
    else:
        item.role = place_lookup(cfg.roles, item.path)
