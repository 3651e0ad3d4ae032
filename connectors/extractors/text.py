"""Plain text: one unit per line, so places are line numbers."""

from __future__ import annotations

from connectors.extractors import register
from scanner.model import Content, TextUnit


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else cp1252 (Windows exports)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@register(".txt", ".text", ".log", ".md")
def extract_text(data: bytes, name: str) -> Content:
    text = decode_text(data)
    units = [TextUnit(place=f"regel {i}", text=line) for i, line in enumerate(text.splitlines(), 1)
             if line.strip()]
    return Content(units=units)
