"""What every source is and what every source's settings have in common.

A connector module (connectors/<kind>.py, named in connectors/__init__.py CONNECTORS) defines
`class Config(SourceSettings)` (or FileSourceSettings for file trees) with `type: Literal["<kind>"]`,
its own fields and a model validator for what it needs, and `open_source(cfg: Config) -> Source`.
The settings layer (scanner/config.py) picks the Config by the entry's `type`, so a connector owns
its configuration; connectors never import the settings layer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field

from scanner.kernel.model import Content, Item


class SourceSettings(BaseModel):
    """What every source has: a name, a type, the places' roles and parties, include/exclude globs."""

    model_config = ConfigDict(extra="forbid", protected_namespaces=())

    name: str
    type: str
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    # folder prefix or table name -> role; the roles there are, and what they mean, are policy (policy.roles)
    roles: dict[str, str] = Field(default_factory=dict)
    outbound: dict[str, str] = Field(default_factory=dict)  # folder prefix or table -> party

    def anchor(self, resolve: Callable[[str], Path]) -> None:
        """Make relative paths in the settings relative to the config file's folder (`resolve`), not
        the working directory; a connector whose settings hold paths overrides this."""


class FileSourceSettings(SourceSettings):
    """A tree of files (a folder, a share, a drive): size and archive limits and change detection."""

    # How dossier folders are named, for linking a folder to its pupil ('{achternaam}, {roepnaam} (...)').
    folder_pattern: str | None = "{achternaam}, {roepnaam} ({leerlingnummer})"
    max_file_mb: float = 200.0  # larger files are reported unreadable ('te groot'), not read
    # How a rescan decides that a file is unchanged (its cached detection is reused): 'mtime' (size and
    # modification time, the default: nothing is read) or 'content' (the connector supplies a hash of
    # the file's bytes as Item.fingerprint, for shares whose tools keep the mtime when they change a
    # file; every file is read once more).
    change_detection: Literal["mtime", "content"] = "mtime"
    archive_max_depth: int = 3  # zip in zip in zip: deeper members are reported, not opened
    archive_max_members: int = 10_000  # more members than this: the archive is treated as a zip bomb
    archive_max_mb: float = 2048.0  # total expanded size of one archive (zip bomb guard)


@runtime_checkable
class Source(Protocol):
    """An opened source. Items are yielded with source-relative paths; roles and parties are given
    to them by the executor (assign_place), not by the source.

    A source that knows when an item changed better than size + modification time sets
    `Item.fingerprint` while crawling (an eTag, a version id, a content hash), or offers
    `fingerprint(item) -> str | None`, which the executor asks for every crawled item; the cache then
    compares that instead."""

    name: str

    def crawl(self) -> Iterator[Item]:
        """Every item in the source, including the ones that will be skipped (with a reason)."""
        ...

    def read(self, item: Item) -> Content:
        """The item's content; raises Unreadable with a reason."""
        ...

    def close(self) -> None: ...


def place_lookup(mapping: dict[str, str], path: str) -> str | None:
    """The value of the longest configured prefix (folder or table name) that contains `path`."""
    best: tuple[int, str] | None = None
    table = path.startswith("table:")
    for prefix, value in mapping.items():
        p = prefix.strip("/")
        if not (table or path.startswith(p)):  # asked twice per item of the crawl: most prefixes fail here
            continue
        if path == p or path.startswith(p + "/") or path == f"table:{p}" or path.startswith(f"table:{p}#"):
            if best is None or len(p) > best[0]:
                best = (len(p), value)
    return best[1] if best else None


def assign_place(item: Item, cfg: SourceSettings) -> None:
    """The item's role or outbound party from the source's `roles:` / `outbound:` (longest prefix wins)."""
    party = place_lookup(cfg.outbound, item.path)
    if party:
        item.party, item.role = party, "outbound"
    elif item.access.external:
        # shared with an outside party (a cloud guest, another domain): the consent rules apply to it
        item.party, item.role = item.access.external[0], "outbound"
    else:
        item.role = place_lookup(cfg.roles, item.path)


def fingerprint_of(source: object, item: Item) -> str | None:
    """The item's change fingerprint: set by the crawl, or asked of the source when it offers one."""
    if item.fingerprint is None:
        ask = getattr(source, "fingerprint", None)
        if callable(ask):
            item.fingerprint = ask(item)
    return item.fingerprint


__all__ = ["FileSourceSettings", "Source", "SourceSettings", "assign_place", "fingerprint_of", "place_lookup"]
