"""Checks shared by the Office extractors (password protection looks the same in every format)."""

from __future__ import annotations

from connectors.base import Unreadable

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
ENCRYPTED = "versleuteld (met wachtwoord beveiligd) Office-bestand"


def check_ooxml(data: bytes, name: str) -> None:
    """A .docx/.xlsx that is an OLE file is password protected (or an old binary file renamed)."""
    if data[:8] == OLE_MAGIC:
        if _ENCRYPTED_PACKAGE in data[:1 << 20] or _ENCRYPTED_PACKAGE in data[-(1 << 16):]:
            raise Unreadable(ENCRYPTED)
        raise Unreadable("oud binair Office-bestand met een nieuwe extensie (hernoemd); sla het opnieuw op")
