"""What every file-share source does the same way, whatever the protocol (local mount or SMB).

A subclass only says how to walk the tree (`_entries`) and how to read one file (`_fetch`). This
class decides what happens to each entry: include/exclude globs, Office lock and temp files skipped
and counted, symlinks and special files skipped with a reason, the size limit, unsupported formats,
and containers (zip, e-mail) expanded into member items. It never writes anything.
"""

from __future__ import annotations

import fnmatch
import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath

from connectors.base import FileSourceSettings
from connectors.extractors import Limits, extract, reading_with, supported, unsupported_reason
from connectors.members import SEPARATOR, is_container, member_items, read_member, split
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Access, Content, Item

# Office owner/lock files ('~$rapport.docx'), LibreOffice locks, Word's temp files, editor backups.
TEMP_PREFIXES = ("~$", ".~lock.", "~WRL", "~wrl")
TEMP_SUFFIXES = (".tmp", ".temp", "#", ".~tmp", ".crdownload", ".part")
SYSTEM_FILES = ("thumbs.db", "desktop.ini", ".ds_store")


@dataclass
class Entry:
    """One thing found while walking: a file, a link, something special, or a folder that failed."""

    rel: str
    kind: str  # 'file', 'link', 'special', 'error'
    size: int = 0
    modified: datetime | None = None
    access: Access = field(default_factory=Access)
    reason: str | None = None  # for 'link', 'special' and 'error'
    is_folder: bool = False  # an 'error' for a folder that could not be listed


MAX_DEPTH = 400  # folder levels below the root; deeper folders are reported, not walked


def too_deep(rel: str) -> Entry:
    """The folder at the depth limit: reported as unreadable, its contents not walked."""
    return Entry(rel=rel, kind="error", is_folder=True,
                 reason=f"te diep genest (meer dan {MAX_DEPTH} mapniveaus); map niet doorzocht")


class FileTreeSource:
    """Base of the filesystem and SMB sources; see the module docstring."""

    # Off for a crawl that only asks whether anything changed (scanner.kept_scan): a container's members
    # follow from its bytes, which its size and date (or its content hash) already stand for, and listing
    # them read every archive and mailbox of the share on every rescan.
    list_members = True

    def __init__(self, cfg: FileSourceSettings) -> None:
        self.cfg = cfg
        self.name = cfg.name
        self.counts: Counter[str] = Counter()  # why entries were skipped, for the statistics
        self.limits = Limits.of(cfg)
        self._cache: tuple[str, bytes] | None = None  # the last container read (its members follow)

    # -- what a subclass provides -------------------------------------------------------------
    def _entries(self) -> Iterator[Entry]:
        raise NotImplementedError

    def _fetch(self, rel: str) -> bytes:
        """The file's bytes; raises Unreadable with a reason."""
        raise NotImplementedError

    # -- shared behaviour ---------------------------------------------------------------------
    def _wanted(self, rel: str) -> bool:
        if self.cfg.include and not any(fnmatch.fnmatch(rel, g) for g in self.cfg.include):
            return False
        return not any(fnmatch.fnmatch(rel, g) for g in self.cfg.exclude)

    def excluded_folder(self, rel: str) -> bool:
        """A folder whose every path is excluded need not be walked at all."""
        return any(fnmatch.fnmatch(rel, g.rstrip("/*")) or fnmatch.fnmatch(rel + "/", g)
                   for g in self.cfg.exclude if g.endswith(("/*", "/**", "/")))

    def crawl(self) -> Iterator[Item]:
        for entry in self._entries():
            if not self._wanted(entry.rel):
                self.counts["uitgesloten"] += 1
                continue
            item = self._item(entry)
            if item.status == "scanned" and self.cfg.change_detection == "content":
                self._content_hash(item)
            if item.status == "scanned" and self.list_members and is_container(entry.rel):
                yield from self._with_members(item)
            else:
                yield item

    def _content_hash(self, item: Item) -> None:
        """The file's bytes hashed as its fingerprint (change_detection: content). Detection reads
        through its own source (a worker's), so only a container's bytes are kept here: its members
        are listed from them next."""
        try:
            data = self._container_bytes(item.path) if is_container(item.path) else self._fetch(item.path)
        except Unreadable as err:
            item.status, item.reason = "unreadable", str(err)
            return
        item.fingerprint = hashlib.sha256(data).hexdigest()

    def _item(self, entry: Entry) -> Item:
        item = Item(source=self.name, path=entry.rel, kind="file", size=entry.size, modified=entry.modified,
                    access=entry.access)
        name = entry.rel.rpartition("/")[2]  # the rel is never a folder's with a trailing slash
        if entry.kind == "error":
            item.kind = "folder" if entry.is_folder else "file"
            item.status, item.reason = "unreadable", entry.reason
        elif entry.kind in ("link", "special"):
            self.counts[entry.kind] += 1
            item.status, item.reason = "skipped", entry.reason
        elif name.startswith(TEMP_PREFIXES) or name.endswith(TEMP_SUFFIXES):
            self.counts["tijdelijk"] += 1
            item.status, item.reason = "skipped", "tijdelijk of vergrendelingsbestand van Office"
        elif name.lower() in SYSTEM_FILES:
            self.counts["systeembestand"] += 1
            item.status, item.reason = "skipped", "systeembestand van Windows/macOS (geen gegevens)"
        elif entry.size > self.limits.max_member_bytes:
            item.status, item.reason = "unreadable", f"te groot ({entry.size // 1048576} MB)"
        elif not supported(name):
            item.status, item.reason = "unreadable", unsupported_reason(name)
        return item

    def _with_members(self, item: Item) -> Iterator[Item]:
        try:
            data = self._container_bytes(item.path)
            members = list(member_items(item, data, self.limits))
        except Unreadable as err:
            item.status, item.reason = "unreadable", str(err)
            members = []
        yield item
        for member in members:
            if item.fingerprint:
                member.fingerprint = f"{item.fingerprint}:{member.path}"
            yield member

    def _container_bytes(self, rel: str) -> bytes:
        if self._cache is None or self._cache[0] != rel:
            self._cache = None
            self._cache = (rel, self._fetch(rel))
        return self._cache[1]

    def read(self, item: Item) -> Content:
        """The item's content, extracted under this source's limits (Office files are archives too)."""
        with reading_with(self.limits):
            if item.kind != "member":  # a folder may be called 'Map!', so 'Map!/brief.txt' is a file
                data = self._container_bytes(item.path) if is_container(item.path) else self._fetch(item.path)
                return extract(data, item.path)
            outer, inner = _outer_file(item.path)
            return read_member(self._container_bytes(outer), f"{PurePosixPath(outer).name}{SEPARATOR}{inner}",
                               self.limits)

    def close(self) -> None:
        self._cache = None


def _outer_file(path: str) -> tuple[str, str]:
    """A member's path split into the file on the share and the path inside it.

    The first '!/' after a container name ends the file's path; an earlier one belongs to a folder
    whose name ends in '!' ('Post!/mail.eml!/bijlage.pdf').
    """
    parts = split(path)
    for i in range(1, len(parts)):
        outer = SEPARATOR.join(parts[:i])
        if is_container(outer):
            return outer, SEPARATOR.join(parts[i:])
    return parts[0], SEPARATOR.join(parts[1:])
