"""Shipped configuration: default policy, recognizer registry, lexicons, NLP settings."""

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

CONFIG_DIR = Path(__file__).resolve().parent
LEXICONS = CONFIG_DIR / "lexicons"


@cache
def lexicon_words(name: str) -> frozenset[str]:
    """A word list in config/lexicons/: words separated by white space, '#' starts a comment; case-folded."""
    words: set[str] = set()
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        words.update(w.casefold() for w in line.split("#", 1)[0].split())
    return frozenset(words)


@cache
def lexicon_sections(name: str) -> tuple[Mapping[str, frozenset[str]], frozenset[str]]:
    """A word list in config/lexicons/ with `[section]` headers, case-folded: the words per section
    (words before the first header under '') and the word ends of its `suffix` lines (compounds ending
    in one count as the list's words: 'Leerplichtwet'). not_names.txt is read this way by the scanner's
    name evidence and by the pipeline's person check, so both judge with the same vocabulary."""
    sections: dict[str, set[str]] = {}
    suffixes: set[str] = set()
    current = ""
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        words = [w.casefold() for w in line.split()]
        if words[0] == "suffix":
            suffixes.update(words[1:])
        else:
            sections.setdefault(current, set()).update(words)
    return MappingProxyType({key: frozenset(words) for key, words in sections.items()}), frozenset(suffixes)
