"""Zip archives: every member becomes an item of its own (`map.zip!/verslagen/jan.docx`).

Archives are hostile input: a zip bomb expands a few kB into gigabytes, and nested archives can go
on forever. Member count and total expanded size are checked from the central directory before
anything is read, each member is read with a hard size cap (declared sizes can lie), and nesting
depth is limited by the source. A breach makes the archive (or member) unreadable with a reason.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import PurePosixPath

from connectors.extractors import Limits, Member, unique_name
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, TextUnit

MB = 1024 * 1024
BOMB_RATIO = 1000  # a member that expands more than 1000x (and past 10 MB) is a bomb, not a document


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise Unreadable(f"beschadigd zip-archief ({err})") from None
    except (ValueError, OSError, NotImplementedError) as err:
        raise Unreadable(f"zip-archief kan niet worden geopend ({type(err).__name__})") from None


def _safe_name(name: str) -> str:
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    return "/".join(parts)


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    try:
        with zf.open(info) as f:
            data = f.read(limit + 1)
    except RuntimeError as err:  # 'File is encrypted, password required'
        if "encrypt" in str(err).lower() or "password" in str(err).lower():
            raise Unreadable("versleuteld (wachtwoord nodig)") from None
        raise Unreadable(f"lid van zip-archief kan niet worden gelezen ({err})") from None
    except NotImplementedError as err:
        raise Unreadable(f"compressiemethode niet ondersteund ({err})") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise Unreadable(f"beschadigd lid van zip-archief ({type(err).__name__}: {str(err)[:80]})") from None
    if len(data) > limit:
        raise Unreadable(f"uitgepakt groter dan {limit // MB} MB (mogelijk zip-bom)")
    return data


def check_expansion(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse a zip bomb from its central directory, before anything is decompressed.

    Shared by zip archives and the zip-based Office formats (docx, xlsx, odt, ...), which are archives
    too: their parsers read whole parts into memory, so a part that expands to gigabytes must never
    reach them. Declared sizes can lie, but zipfile never inflates a member past its declared size.
    """
    if len(infos) > limits.max_members:
        raise Unreadable(f"zip-bom of te groot archief: {len(infos)} bestanden (grens {limits.max_members})")
    expanded = sum(i.file_size for i in infos)
    if expanded > limits.max_expanded_bytes:
        raise Unreadable(f"zip-bom: uitgepakt {expanded // MB} MB (grens {limits.max_expanded_bytes // MB} MB)")
    for i in infos:
        if i.file_size > 10 * MB and i.file_size > BOMB_RATIO * max(i.compress_size, 1):
            raise Unreadable(f"zip-bom: {i.filename} pakt {i.file_size // max(i.compress_size, 1)}x zo groot uit")


def list_members(data: bytes, name: str, limits: Limits) -> list[Member]:
    zf = _open(data)
    infos = [i for i in zf.infolist() if not i.is_dir()]
    check_expansion(infos, limits)
    members: list[Member] = []
    taken: set[str] = set()
    for info in infos:
        reason = None
        if info.flag_bits & 0x1:
            reason = "versleuteld (wachtwoord nodig)"
        elif info.file_size > limits.max_member_bytes:
            reason = f"te groot ({info.file_size // MB} MB)"
        try:
            modified = datetime(*info.date_time)
        except ValueError:
            modified = None
        members.append(Member(name=unique_name(_safe_name(info.filename), taken), size=info.file_size,
                              load=lambda info=info: _read(zf, info, limits.max_member_bytes),
                              modified=modified, reason=reason))
    return members


def extract_zip(data: bytes, name: str) -> Content:
    """The archive itself has no text of its own; its members are scanned as separate items."""
    zf = _open(data)
    comment = zf.comment.decode("cp437", errors="replace").strip()
    units = []
    if comment:
        units.append(TextUnit(place="opmerking archief", text=comment))
    return Content(units=units, metadata={"members": len(zf.infolist())})
