"""Plain text: one unit per line, so places are line numbers."""

from __future__ import annotations

from connectors.extractors import register
from scanner.model import Content, TextUnit


def _utf16_without_bom(data: bytes) -> str | None:
    """'Unicode text' from Excel or PowerShell without a BOM: every other byte of ASCII text is NUL."""
    sample = data[:4000]
    if len(sample) < 4 or sample.count(0) < len(sample) // 4:
        return None
    even_nuls, odd_nuls = sample[0::2].count(0), sample[1::2].count(0)
    encoding = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    try:
        return data[: len(data) - len(data) % 2].decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_text(data: bytes) -> str:
    """UTF-16 (BOM or NUL pattern), UTF-8 (with or without BOM), else cp1252 (Dutch Windows exports).

    A fixed order instead of statistical guessing: for Dutch text cp1252 is the only realistic
    8-bit encoding, and a guess that differs between runs would make reports differ too.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    wide = _utf16_without_bom(data)  # before UTF-8: NUL bytes are valid UTF-8
    if wide is not None:
        return wide
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# .ics and .vcf (calendar invites, contact cards, often mail attachments) are plain text with names and
# numbers; reading them line by line finds those as well as a dedicated parser would.
@register(".txt", ".text", ".log", ".md", ".ics", ".vcf", ".json", ".xml")
def extract_text(data: bytes, name: str) -> Content:
    text = decode_text(data)
    units = [TextUnit(place=f"regel {i}", text=line) for i, line in enumerate(text.splitlines(), 1)
             if line.strip()]
    return Content(units=units)
