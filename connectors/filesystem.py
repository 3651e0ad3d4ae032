"""A mounted share or local folder, read-only, with the POSIX access facts the rules need."""

from __future__ import annotations

import fnmatch
import grp
import os
import pwd
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from connectors.base import Unreadable, assign_place, register_source
from connectors.extractors import extract, extractor_for
from scanner.config import SourceConfig
from scanner.model import Access, Content, Item

TEMP_PREFIXES = ("~$", ".~lock.", "~WRL")
TEMP_SUFFIXES = (".tmp", ".temp", "#")


def _name(uid: int, lookup: str) -> str:
    try:
        return pwd.getpwuid(uid).pw_name if lookup == "user" else grp.getgrgid(uid).gr_name
    except KeyError:
        return str(uid)


def access_of(st: os.stat_result) -> Access:
    return Access(owner=_name(st.st_uid, "user"), group=_name(st.st_gid, "group"),
                  mode=stat.S_IMODE(st.st_mode), world_readable=bool(st.st_mode & stat.S_IROTH))


class FilesystemSource:
    def __init__(self, cfg: SourceConfig) -> None:
        self.cfg = cfg
        self.name = cfg.name
        self.root = Path(cfg.path or ".").expanduser().resolve()

    def _wanted(self, rel: str) -> bool:
        if self.cfg.include and not any(fnmatch.fnmatch(rel, g) for g in self.cfg.include):
            return False
        return not any(fnmatch.fnmatch(rel, g) for g in self.cfg.exclude)

    def crawl(self) -> Iterator[Item]:
        if not self.root.is_dir():
            raise Unreadable(f"{self.root}: map bestaat niet of is geen map")
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            dirnames.sort()
            for fname in sorted(filenames):
                full = Path(dirpath) / fname
                rel = full.relative_to(self.root).as_posix()
                if self._wanted(rel):
                    yield self._item(full, rel)

    def _item(self, full: Path, rel: str) -> Item:
        item = Item(source=self.name, path=rel, kind="file")
        assign_place(item, self.cfg)
        try:
            st = full.lstat()
        except OSError as err:
            item.status, item.reason = "unreadable", f"kan niet worden gelezen: {err.strerror}"
            return item
        item.size = st.st_size
        item.modified = datetime.fromtimestamp(st.st_mtime)
        item.access = access_of(st)
        name = full.name
        if stat.S_ISLNK(st.st_mode):
            item.status, item.reason = "skipped", "symbolische link (wordt niet gevolgd)"
        elif name.startswith(TEMP_PREFIXES) or name.endswith(TEMP_SUFFIXES):
            item.status, item.reason = "skipped", "tijdelijk of vergrendelingsbestand van Office"
        elif st.st_size > self.cfg.max_file_mb * 1024 * 1024:
            item.status, item.reason = "unreadable", f"te groot ({st.st_size // 1048576} MB)"
        elif extractor_for(name) is None:
            item.status, item.reason = "unreadable", f"formaat niet ondersteund ({full.suffix or 'geen extensie'})"
        return item

    def read(self, item: Item) -> Content:
        full = self.root / item.path
        try:
            with open(full, "rb") as f:
                data = f.read()
        except OSError as err:
            raise Unreadable(f"kan niet worden gelezen: {err.strerror}") from None
        return extract(data, item.path)

    def close(self) -> None:
        pass


@register_source("filesystem")
def _make(cfg: SourceConfig) -> FilesystemSource:
    return FilesystemSource(cfg)


__all__ = ["FilesystemSource", "Content"]
