"""A connector written the way a new one is added (one module plus one CONNECTORS line): a cloud drive
held in memory, whose items carry the drive's eTag as their fingerprint and whose sharing links map to
the access audiences. Used by test_new_connector.py."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Literal

from pydantic import model_validator

from connectors.base import FileSourceSettings
from connectors.extractors import extract
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Access, Content, Item

# drive name -> path -> (bytes, eTag, sharing link scope or None)
DRIVES: dict[str, dict[str, tuple[bytes, str, str | None]]] = {}
LINK_AUDIENCES = {"anonymous": "anonymous_link", "organization": "organisation"}


class Config(FileSourceSettings):
    type: Literal["fakedrive"] = "fakedrive"
    drive: str

    @model_validator(mode="after")
    def _known_drive(self) -> Config:
        if self.drive not in DRIVES:
            raise ValueError(f"schijf {self.drive!r} bestaat niet")
        return self


class FakeDrive:
    def __init__(self, cfg: Config) -> None:
        self.name, self.files = cfg.name, DRIVES[cfg.drive]

    def crawl(self) -> Iterator[Item]:
        for path, (data, etag, link) in sorted(self.files.items()):
            access = Access(owner="juf")
            if link:
                access.grant(LINK_AUDIENCES[link], f"link ({link})")
            yield Item(source=self.name, path=path, kind="file", size=len(data), modified=datetime(2026, 1, 5),
                       access=access, fingerprint=etag)

    def read(self, item: Item) -> Content:
        if item.path not in self.files:
            raise Unreadable("niet meer op de schijf")
        return extract(self.files[item.path][0], item.path)

    def close(self) -> None:
        pass


def open_source(cfg: Config) -> FakeDrive:
    return FakeDrive(cfg)
