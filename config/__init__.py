"""Shipped configuration: default policy, recognizer registry, lexicons, NLP settings."""

from functools import cache
from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent
LEXICONS = CONFIG_DIR / "lexicons"


@cache
def lexicon_words(name: str) -> frozenset[str]:
    """A word list in config/lexicons/: words separated by white space, '#' starts a comment; case-folded."""
    words: set[str] = set()
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        words.update(w.casefold() for w in line.split("#", 1)[0].split())
    return frozenset(words)
