"""Text bound for a terminal: a file name can carry ESC, CR, BEL or a right-to-left override.

Printed raw, such a name could rewrite the FG's screen or spoof another name; shown escaped
(`\\x1b`, `\\u202e`) it is harmless and still recognisable. Reports on disk keep the real name.
"""

from __future__ import annotations

from rich.markup import escape


def printable(text: object, keep: str = "") -> str:
    """Control, format (bidi overrides, zero-width) and other unprintable characters as escapes;
    the characters in `keep` (a report file's line breaks) stay as they are."""
    s = str(text)
    if s.isprintable():  # every format character (Cf: bidi overrides, zero-width) is unprintable too
        return s
    return "".join(c if c.isprintable() or c in keep else c.encode("unicode_escape").decode() for c in s)


def safe(text: object) -> str:
    """`printable`, with rich markup escaped as well."""
    return escape(printable(text))
