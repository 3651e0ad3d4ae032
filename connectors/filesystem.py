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
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from connectors.base import FileSourceSettings
from connectors.extractors.text import lenient_utf8
from connectors.filetree import MAX_DEPTH, Entry, FileTreeSource, too_deep
from connectors.posix_acl import grant_audiences, read_acl
from scanner.kernel.errors import Unreadable
from scanner.kernel.messages import say
from scanner.kernel.model import Access, Content


class Config(FileSourceSettings):
    """A local folder or a mounted share: `path:` is the folder (relative to the config file)."""

    type: Literal["filesystem"] = "filesystem"
    path: str | None = Field(default=None, validate_default=True)

    @field_validator("path")
    @classmethod
    def _needs_path(cls, path: str | None) -> str | None:
        if not path:
            raise ValueError(say("een bron van type filesystem heeft een map nodig (path:)",
                                 "a filesystem source needs a folder path"))
        return path

    def anchor(self, resolve: Callable[[str], Path]) -> None:
        if self.path and "://" not in self.path:
            self.path = str(resolve(self.path))


def open_source(cfg: Config) -> FilesystemSource:
    return FilesystemSource(cfg)


@lru_cache(maxsize=4096)
def _name(uid: int, lookup: str) -> str:
    """Memoised: asking the user and group databases for every file was a sixth of a rescan's crawl."""
    try:
        return pwd.getpwuid(uid).pw_name if lookup == "user" else grp.getgrgid(uid).gr_name
    except KeyError:
        return str(uid)


def access_of(st: os.stat_result, path: str | os.PathLike[str] | None = None) -> Access:
    """Owner, group, mode bits and (when `path` is given and has one) the POSIX ACL's readers, with the
    audiences they amount to: read for 'other' is everyone; an organisation-wide group is the
    organisation (connectors/posix_acl.py)."""
    access = Access(owner=_name(st.st_uid, "user"), group=_name(st.st_gid, "group"),
                    mode=stat.S_IMODE(st.st_mode), world_readable=bool(st.st_mode & stat.S_IROTH))
    if path is not None and stat.S_ISREG(st.st_mode):
        try:
            access.acl = read_acl(path, access.owner, access.group)
        except OSError:
            pass
    grant_audiences(access)
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
    """Walks with directory descriptors (openat), never with long path strings.

    A share can be deeper than PATH_MAX (4096 bytes) or than Python's recursion limit (a backup
    copied into itself, a 'Kopie van Kopie van' chain); walking from descriptors with an explicit
    stack handles both, and opening every path component with O_NOFOLLOW means a folder swapped for
    a link after the walk is not followed either. Names that are not valid UTF-8 (an old Latin-1
    share) are shown with their bytes read as cp1252, and found again by that name when read.
    """

    def __init__(self, cfg: Config) -> None:
        super().__init__(cfg)
        self.root = Path(cfg.path or ".").expanduser().resolve()

    def _entries(self) -> Iterator[Entry]:
        if not self.root.is_dir():
            raise Unreadable(f"{self.root}: map bestaat niet of is geen map")
        try:
            root_fd = _open_dir(str(self.root))
        except OSError as err:
            raise Unreadable(f"{self.root}: map kan niet worden geopend ({err.strerror})") from None
        yield from self._walk(root_fd)

    def _listing(self, fd: int, real_rel: str | None = None) -> list[str]:
        """Names in the folder, listed through its descriptor.

        The descriptor was opened with O_NOATIME (see _open_dir), so listing a folder leaves its
        access time as it was; listing by path would open the folder again without it, and the walk
        would update the atime of every folder on the share (which backup and archive tools, and
        the school's own 'last used' reports, rely on). Where O_NOATIME is not permitted (not the
        owner and not root) the kernel's relatime rules apply; the atime cannot be restored then
        either, since setting times needs the same ownership.
        """
        with os.scandir(fd) as it:
            return sorted(e.name for e in it)

    def _walk(self, root_fd: int) -> Iterator[Entry]:
        """Depth first in name order, as the recursive walk did; one open descriptor per level."""
        stack: list[tuple[int, str, str, Iterator[str]]] = []  # (fd, shown rel, real rel, names left)
        try:
            stack.append((root_fd, "", "", iter(self._listing(root_fd, ""))))
        except OSError as err:
            os.close(root_fd)
            yield Entry(rel=".", kind="error", is_folder=True, reason=f"map kan niet worden gelezen: {err.strerror}")
            return
        try:
            while stack:
                fd, rel_folder, real_folder, names = stack[-1]
                name = next(names, None)
                if name is None:
                    os.close(fd)
                    stack.pop()
                    continue
                shown = display_name(name)
                rel = f"{rel_folder}/{shown}" if rel_folder else shown
                real = f"{real_folder}/{name}" if real_folder else name
                try:
                    st = os.stat(name, dir_fd=fd, follow_symlinks=False)
                except OSError as err:
                    yield Entry(rel=rel, kind="error", reason=f"kan niet worden gelezen: {err.strerror}")
                    continue
                modified = datetime.fromtimestamp(st.st_mtime)
                if stat.S_ISLNK(st.st_mode):
                    yield Entry(rel=rel, kind="link", modified=modified, access=access_of(st),
                                reason=_link_reason(self.root / real, self.root))
                elif stat.S_ISDIR(st.st_mode):
                    if self.excluded_folder(rel):
                        self.counts["uitgesloten_mappen"] += 1
                        continue
                    if len(stack) > MAX_DEPTH:
                        yield too_deep(rel)
                        continue
                    try:
                        child = _open_dir(name, fd)
                    except OSError as err:
                        yield Entry(rel=rel, kind="error", is_folder=True,
                                    reason=f"map kan niet worden gelezen: {err.strerror}")
                        continue
                    try:
                        listing = self._listing(child, real)
                    except OSError as err:
                        os.close(child)
                        yield Entry(rel=rel, kind="error", is_folder=True,
                                    reason=f"map kan niet worden gelezen: {err.strerror}")
                        continue
                    stack.append((child, rel, real, iter(listing)))
                elif stat.S_ISREG(st.st_mode):
                    yield Entry(rel=rel, kind="file", size=st.st_size, modified=modified,
                                access=access_of(st, _at(fd, name, self.root, real)))
                else:
                    yield Entry(rel=rel, kind="special", modified=modified, access=access_of(st),
                                reason="geen gewoon bestand (apparaat, pipe of socket)")
        finally:
            for fd, *_ in stack:
                os.close(fd)

    def _open_at(self, dir_fd: int, shown: str, flags: int) -> int:
        """Open `shown` in the folder `dir_fd`; a name shown differently from its bytes is looked up."""
        try:
            return _open_noatime(shown, flags, dir_fd)
        except FileNotFoundError:
            real = self._real_name(dir_fd, shown)
            if real is None:
                raise
            return _open_noatime(real, flags, dir_fd)

    def _real_name(self, dir_fd: int, shown: str) -> str | None:
        if shown.isascii():
            return None
        matches = [n for n in self._listing(dir_fd) if n != shown and display_name(n) == shown]
        if len(matches) > 1:
            raise Unreadable("naam niet eenduidig (ongeldige tekens in de bestandsnaam)")
        return matches[0] if matches else None

    def _fetch(self, rel: str) -> bytes:
        parts = rel.split("/")
        try:
            fd = _open_dir(str(self.root))
            try:
                for part in parts[:-1]:
                    child = self._open_at(fd, part, DIR_FLAGS)
                    os.close(fd)
                    fd = child
                file_fd = self._open_at(fd, parts[-1], FILE_FLAGS)
            finally:
                os.close(fd)
        except OSError as err:
            raise Unreadable(f"kan niet worden gelezen: {err.strerror}") from None
        try:
            with os.fdopen(file_fd, "rb", closefd=True) as f:
                st = os.fstat(f.fileno())
                if not stat.S_ISREG(st.st_mode):
                    raise Unreadable("geen gewoon bestand (apparaat, pipe of socket; verwisseld tijdens de scan)")
                os.set_blocking(f.fileno(), True)
                if st.st_size > self.limits.max_member_bytes:
                    raise Unreadable(f"te groot ({st.st_size // 1048576} MB)")
                return f.read(self.limits.max_member_bytes + 1)
        except OSError as err:
            raise Unreadable(f"kan niet worden gelezen: {err.strerror}") from None


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
# O_NONBLOCK: a file swapped for a FIFO after the walk must not block the open waiting for a writer
FILE_FLAGS = os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0)


def display_name(name: str) -> str:
    """The name as text: undecodable bytes (surrogate escapes) read as cp1252, as an old share wrote them."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return lenient_utf8(os.fsencode(name))


def _open_noatime(name: str, flags: int, dir_fd: int | None = None) -> int:
    """O_NOATIME keeps even the access time as it was; only the owner (or root) may ask for it."""
    try:
        return os.open(name, flags | getattr(os, "O_NOATIME", 0), dir_fd=dir_fd)
    except PermissionError:
        return os.open(name, flags, dir_fd=dir_fd)


def _open_dir(name: str, dir_fd: int | None = None) -> int:
    return _open_noatime(name, DIR_FLAGS, dir_fd)


_PROC_FDS = os.path.isdir("/proc/self/fd")


def _at(dir_fd: int, name: str, root: Path, real: str) -> str:
    """A short path to `name` in `dir_fd` (for extended attributes), also below PATH_MAX; the full path
    only where there is no /proc (made per file, it was a tenth of a rescan's crawl)."""
    return f"/proc/self/fd/{dir_fd}/{name}" if _PROC_FDS else str(root / real)


__all__ = ["Config", "Content", "FilesystemSource", "access_of", "open_source"]
