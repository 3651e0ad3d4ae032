"""The output folder (--out): claimed before a scan, checked to be ours, locked while we write.

The folder receives reports about children and the state store's key. avgscan often runs as root
(to read every share), so a folder prepared by someone else would hand them the reports, their own
planted key, or a symlink through which root overwrites and chmods any file. And a folder inside a
scanned source would be made 0700 (the school's folder!) and read back as data by the next scan.
So an --out is used only when:
  - it does not exist yet (it is created 0700), or it is a real folder owned by us that no one else
    can write to (not group- or world-writable);
  - nothing in it is a symlink, and every entry is owned by us;
  - it is not a scanned folder, nor inside one.
A lock file (fcntl.flock) keeps a second scan out of the same folder while one is writing: two at
once would each report the other's violations as resolved.
"""

from __future__ import annotations

import fcntl
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from scanner.kernel.errors import AvgscanError

LOCK_FILE = "avgscan.lock"


class OutputFolderError(AvgscanError):
    """The output folder cannot be used safely; the message (Dutch) says why."""


@dataclass
class ClaimedFolder:
    """An output folder that passed the checks, with its lock held until `release` (or process exit).

    Used as a context manager (`with claim_output(out) as folder:`) the lock is released however the
    block ends: reports written, an error, Ctrl-C."""

    path: Path
    lock_fd: int

    def release(self) -> None:
        if self.lock_fd >= 0:
            os.close(self.lock_fd)  # closing the descriptor releases the flock
            self.lock_fd = -1

    def __enter__(self) -> ClaimedFolder:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def _inside(folder: Path, root: Path) -> bool:
    return folder == root or root in folder.parents


def claim_output(out: Path, sources: list[Path] | None = None, lock: bool = True) -> ClaimedFolder:
    """Create or check `out` (see the module docstring); raises OutputFolderError with a Dutch reason."""
    out = Path(os.path.abspath(out))
    for root in sources or []:
        real_root = Path(os.path.realpath(root))
        if _inside(Path(os.path.realpath(out)), real_root) or _inside(out, Path(os.path.abspath(root))):
            raise OutputFolderError(f"uitvoermap {out} ligt in (of is) de gescande map {root}; kies een map buiten "
                                    "de bronnen (de rapporten zouden anders bij de volgende scan worden gelezen en "
                                    "de rechten van de bronmap gewijzigd)")
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.mkdir(out, 0o700)
        except FileExistsError:
            pass  # created meanwhile by someone else: checked below like any existing folder
        st = os.lstat(out)
    _check_folder(out, st)
    os.chmod(out, 0o700, follow_symlinks=False)
    _check_entries(out)
    return ClaimedFolder(out, _lock(out) if lock else -1)


def _check_folder(out: Path, st: os.stat_result) -> None:
    if stat.S_ISLNK(st.st_mode):
        raise OutputFolderError(f"uitvoermap {out} is een symbolische link; geef de echte map op")
    if not stat.S_ISDIR(st.st_mode):
        raise OutputFolderError(f"uitvoermap {out} bestaat al en is geen map")
    if st.st_uid != os.geteuid():
        raise OutputFolderError(f"uitvoermap {out} is van een andere gebruiker (uid {st.st_uid}); gebruik een "
                                "nieuwe map of een map van uzelf")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise OutputFolderError(f"uitvoermap {out} is schrijfbaar voor anderen (rechten "
                                f"{stat.S_IMODE(st.st_mode):o}); gebruik een nieuwe map")


def _check_entries(out: Path) -> None:
    """Every entry below `out` is ours and no symlink (the folder is 0700 now: this cannot change)."""
    me = os.geteuid()
    for folder, dirs, files in os.walk(out, followlinks=False):
        for name in dirs + files:
            path = Path(folder) / name
            st = os.lstat(path)
            rel = path.relative_to(out)
            if stat.S_ISLNK(st.st_mode):
                raise OutputFolderError(f"uitvoermap {out} bevat een symbolische link ({rel}); verwijder die of "
                                        "gebruik een nieuwe map")
            if st.st_uid != me:
                raise OutputFolderError(f"uitvoermap {out} bevat {rel}, van een andere gebruiker (uid "
                                        f"{st.st_uid}); gebruik een nieuwe map")


def _lock(out: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(out / LOCK_FILE, flags, 0o600)
    os.fchmod(fd, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise OutputFolderError(f"in uitvoermap {out} loopt al een andere scan; wacht tot die klaar is of kies "
                                "een andere map") from None
    return fd


def private_folder(folder: Path) -> Path:
    """A folder for per-pupil statements (inventory, verify-deletion): created 0700, checked like --out."""
    return claim_output(folder, lock=False).path


__all__ = ["LOCK_FILE", "ClaimedFolder", "OutputFolderError", "claim_output", "private_folder"]
