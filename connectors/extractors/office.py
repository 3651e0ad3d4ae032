"""Checks shared by the Office extractors: password protection, and zip-based files as the archives they are.

A .docx, .xlsx or .odt is a zip of XML parts, and its parser reads each part whole into memory. So
before a parser sees one, `check_package` applies the source's archive limits (member count, expanded
size, compression ratio: an Office file can be a zip bomb) and refuses any XML part that declares
entities: Office never writes a DTD (ECMA-376 forbids one), so `<!ENTITY` means an XML bomb
(billion laughs) or an external entity that would pull a local file into the findings (XXE).
"""

from __future__ import annotations

import io
import zipfile

from connectors.extractors import current_limits
from scanner.kernel.errors import Unreadable

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
ENCRYPTED = "versleuteld (met wachtwoord beveiligd) Office-bestand"
MB = 1024 * 1024
CHUNK = 1 << 20
_ENTITY = "<!ENTITY"
ENTITY_MARKERS = (_ENTITY.encode("ascii"), _ENTITY.encode("utf-16-le"), _ENTITY.encode("utf-16-be"))
BINARY_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".bin", ".wdp")


def check_ooxml(data: bytes, name: str) -> None:
    """A .docx/.xlsx that is an OLE file is password protected (or an old binary file renamed)."""
    if data[:8] == OLE_MAGIC:
        if _ENCRYPTED_PACKAGE in data[:1 << 20] or _ENCRYPTED_PACKAGE in data[-(1 << 16):]:
            raise Unreadable(ENCRYPTED)
        raise Unreadable("oud binair Office-bestand met een nieuwe extensie (hernoemd); sla het opnieuw op")


def _looks_like_xml(head: bytes) -> bool:
    head = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return head.startswith(b"<")


def _declares_entities(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether an XML part contains `<!ENTITY` (UTF-8 or UTF-16), read in chunks (a big part costs no memory).

    Every part that starts like XML is checked, whatever its name: the relationships decide which
    part a parser reads, so a main document called 'word/x.bin' would otherwise slip through.
    """
    overlap = max(len(m) for m in ENTITY_MARKERS) - 1
    tail = b""
    with zf.open(info) as f:
        first = True
        while chunk := f.read(CHUNK):
            if first and not _looks_like_xml(chunk[:64]):
                return False
            first = False
            window = tail + chunk
            if any(m in window for m in ENTITY_MARKERS):
                return True
            tail = window[-overlap:]
    return False


def check_package(data: bytes, name: str) -> None:
    """Refuse a zip-based Office file that is encrypted, a zip bomb, or carries an XML bomb/XXE."""
    from connectors.extractors.archive import check_expansion

    check_ooxml(data, name)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as err:
        raise Unreadable(f"beschadigd Office-bestand (geen geldig zip-pakket: {err})") from None
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        limits = current_limits()
        check_expansion(infos, limits)
        for info in infos:
            if info.file_size > limits.max_member_bytes:
                raise Unreadable(f"zip-bom of te groot onderdeel: {info.filename} pakt uit tot "
                                 f"{info.file_size // MB} MB (grens {limits.max_member_bytes // MB} MB)")
            if info.flag_bits & 0x1:
                raise Unreadable(ENCRYPTED)
        if "META-INF/manifest.xml" in zf.namelist():
            with zf.open("META-INF/manifest.xml") as f:
                if b"encryption-data" in f.read(4 * MB):
                    raise Unreadable("versleuteld (met wachtwoord beveiligd) OpenDocument-bestand")
        for info in infos:
            if not info.filename.lower().endswith(BINARY_SUFFIXES) and _declares_entities(zf, info):
                raise Unreadable(f"XML-bom of externe entiteit: {info.filename} definieert XML-entiteiten "
                                 "(niet gelezen)")
