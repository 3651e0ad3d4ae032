"""Dutch text helpers every stage compares with: folded text and normalised column headers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, single spaces: the key for comparing names (cached: names repeat)."""
    nfkd = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in nfkd if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain).strip().lower()


_ASCII_SPACE = str.maketrans({c: " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"})


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    if c.isspace():
        return " "
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x)).lower()
    return base if len(base) == 1 else c


def fold_same_length(text: str) -> str:
    """`fold` one character at a time, so offsets in the result are offsets in `text`."""
    if text.isascii():  # the common case: lower case, every whitespace a plain space
        return text.lower().translate(_ASCII_SPACE)
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=4096)
def _norm_header(h: str) -> str:
    return re.sub(r"[^a-z0-9]", "", h.lower())


def norm_header(h: object) -> str:
    """Header as compared with the synonym lists; cached, since every table row asks again."""
    return _norm_header(str(h))
