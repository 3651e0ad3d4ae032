"""Plain text: one unit per line, so places are line numbers."""

from __future__ import annotations

import codecs
import re

from scanner.kernel.model import Content, TextUnit

CP1252_FALLBACK = "avgscan-cp1252"
_VALID_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _cp1252_piece(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start:err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error(CP1252_FALLBACK, _cp1252_piece)


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
    8-bit encoding, and a guess that differs between runs would make reports differ too. A file
    that is UTF-8 with some cp1252 lines in it (exports appended to each other) is decoded piece by
    piece, so the UTF-8 names in it are not turned into mojibake ('Ã–zdemir') that no recognizer finds.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    wide = _utf16_without_bom(data)  # before UTF-8: NUL bytes are valid UTF-8
    if wide is not None:
        return wide
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if _VALID_NON_ASCII.search(data.decode("utf-8", errors="replace")):
        return data.decode("utf-8-sig", errors=CP1252_FALLBACK)  # mixed: UTF-8 with cp1252 pieces
    return data.decode("cp1252", errors="replace")


def lenient_utf8(data: bytes) -> str:
    """UTF-8 where it is valid, cp1252 for the bytes that are not (never raises)."""
    return data.decode("utf-8", errors=CP1252_FALLBACK)


# .ics and .vcf (calendar invites, contact cards, often mail attachments) are plain text with names and
# numbers; reading them line by line finds those as well as a dedicated parser would.
def extract_text(data: bytes, name: str) -> Content:
    text = decode_text(data)
    units = [TextUnit(place=f"regel {i}", text=line) for i, line in enumerate(text.splitlines(), 1)
             if line.strip()]
    return Content(units=units)
