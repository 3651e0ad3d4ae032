"""A mounted share or local folder, read-only, with the POSIX access facts the rules need.

Links are never followed: a symlink could lead out of the scanned root (or loop), so it is reported
as skipped. Files are opened with O_NOFOLLOW (and O_NOATIME where allowed) so reading changes
neither the file nor its times, and a link swapped in after the walk is not followed either.
"""

from __future__ import annotations

import grp
import os
import pwd
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from connectors.base import Unreadable, register_source
from connectors.filetree import Entry, FileTreeSource
from connectors.posix_acl import read_acl
from scanner.config import SourceConfig
from scanner.model import Access, Content

CHUNK = 1 << 20


def _name(uid: int, lookup: str) -> str:
    try:
        return pwd.getpwuid(uid).pw_name if lookup == "user" else grp.getgrgid(uid).gr_name
    except KeyError:
        return str(uid)


def access_of(st: os.stat_result, path: str | os.PathLike[str] | None = None) -> Access:
    """Owner, group, mode bits and (when `path` is given and has one) the POSIX ACL's readers."""
    access = Access(owner=_name(st.st_uid, "user"), group=_name(st.st_gid, "group"),
                    mode=stat.S_IMODE(st.st_mode), world_readable=bool(st.st_mode & stat.S_IROTH))
    if path is not None and stat.S_ISREG(st.st_mode):
        try:
            access.acl = read_acl(path, access.owner, access.group)
        except OSError:
            pass
    return access


def _link_reason(full: Path, root: Path) -> str:
    try:
        target = full.resolve(strict=False)
    except (OSError, RuntimeError):
        return "symbolische link (wordt niet gevolgd; doel onbereikbaar of lus)"
    if target == root or root in target.parents:
        return "symbolische link binnen de gescande map (wordt niet gevolgd; het doel wordt zelf gescand)"
    return "symbolische link naar buiten de gescande map (wordt niet gevolgd)"


class FilesystemSource(FileTreeSource):
    def __init__(self, cfg: SourceConfig) -> None:
        super().__init__(cfg)
        self.root = Path(cfg.path or ".").expanduser().resolve()

    def _entries(self) -> Iterator[Entry]:
        if not self.root.is_dir():
            raise Unreadable(f"{self.root}: map bestaat niet of is geen map")
        yield from self._walk(self.root, "")

    def _walk(self, folder: Path, rel_folder: str) -> Iterator[Entry]:
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as err:
            yield Entry(rel=rel_folder or ".", kind="error", is_folder=True,
                        reason=f"map kan niet worden gelezen: {err.strerror}")
            return
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            full = Path(entry.path)
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as err:
                yield Entry(rel=rel, kind="error", reason=f"kan niet worden gelezen: {err.strerror}")
                continue
            modified = datetime.fromtimestamp(st.st_mtime)
            if stat.S_ISLNK(st.st_mode):
                yield Entry(rel=rel, kind="link", modified=modified, access=access_of(st),
                            reason=_link_reason(full, self.root))
            elif stat.S_ISDIR(st.st_mode):
                if not self.excluded_folder(rel):
                    yield from self._walk(full, rel)
            elif stat.S_ISREG(st.st_mode):
                yield Entry(rel=rel, kind="file", size=st.st_size, modified=modified, access=access_of(st, full))
            else:
                yield Entry(rel=rel, kind="special", modified=modified, access=access_of(st),
                            reason="geen gewoon bestand (apparaat, pipe of socket)")

    def _fetch(self, rel: str) -> bytes:
        full = self.root / rel
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            try:
                fd = os.open(full, flags | getattr(os, "O_NOATIME", 0))
            except PermissionError:  # O_NOATIME is only allowed for the file's owner
                fd = os.open(full, flags)
        except OSError as err:
            raise Unreadable(f"kan niet worden gelezen: {err.strerror}") from None
        try:
            with os.fdopen(fd, "rb", closefd=True) as f:
                st = os.fstat(f.fileno())
                if not stat.S_ISREG(st.st_mode):
                    raise Unreadable("geen gewoon bestand")
                if st.st_size > self.limits.max_member_bytes:
                    raise Unreadable(f"te groot ({st.st_size // 1048576} MB)")
                return f.read(self.limits.max_member_bytes + 1)
        except OSError as err:
            raise Unreadable(f"kan niet worden gelezen: {err.strerror}") from None


@register_source("filesystem")
def _make(cfg: SourceConfig) -> FilesystemSource:
    return FilesystemSource(cfg)


__all__ = ["FilesystemSource", "Content", "access_of"]
