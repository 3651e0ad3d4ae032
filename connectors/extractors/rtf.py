"""Rich Text Format (.rtf), as WordPad and many school systems' letters write it: one unit per paragraph.

striprtf turns the control words into plain text (code pages and \\u escapes included); a file
that does not start with '{\\rtf' is not RTF and is reported as such.
"""

from __future__ import annotations

from striprtf.striprtf import rtf_to_text

from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, TextUnit


def extract_rtf(data: bytes, name: str) -> Content:
    if not data.lstrip()[:5].startswith(b"{\\rtf"):
        raise Unreadable("geen geldig RTF-bestand")
    text = rtf_to_text(data.decode("latin-1"), errors="replace")
    units = [TextUnit(place=f"alinea {i}", text=line.strip())
             for i, line in enumerate(text.splitlines(), 1) if line.strip()]
    return Content(units=units)
