"""A name, an address or a number never runs over a line break.

A line break ends them: 'Bespreking⏎Timo' is a heading and a name, 'Kotter 14⏎1319 AB Almere' is a
street line and a postcode line, two numbers on two lines are two numbers. The analyzer reads a
paragraph's lines joined by spaces (a sentence may wrap), so `detect` cuts its spans back here,
against the unit's own text. A special-category phrase may wrap ('verstandelijke⏎beperking'): the
entity catalogue's `name` and `value` types stay on one line, its `term` types may wrap.
"""

from __future__ import annotations

import re

from scanner.kernel.entities import catalogue

# A name also ends at a table cell border or a tab ('Afscheid | Musical' is two cells).
_PERSON_BREAK = re.compile(r"[\n\r|\t]")
_LINE_BREAK = re.compile(r"[\n\r]")
_CELL_BREAK = re.compile(r"[|\t]")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return start, end


def _pieces(text: str, start: int, end: int, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    pieces, pos = [], start
    for m in breaks.finditer(text, start, end):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, end))
    return pieces


def one_line(text: str, start: int, end: int, entity_type: str, first: bool = False) -> tuple[int, int] | None:
    """The part of `text[start:end]` on one line, or None when no part of it is that entity.

    A name keeps its last piece that starts with a capital (the name after a heading), or its first
    when the name starts the span (`first`: found after a title or as initials); an address
    the first piece with a house number in it (the street, not the postcode line after it); a number or code written
    over two lines is not one."""
    if catalogue().describe(entity_type).kind not in ("name", "value"):
        return start, end
    breaks = _PERSON_BREAK if entity_type == "PERSON" else _LINE_BREAK
    return _cut(text, start, end, entity_type, breaks, first)


def within_cell(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A name cut at a table-cell border or a tab, not at a line break: the analyzer's text in a scan
    has a line break only between two units, and a span across units is dropped by `detect`."""
    return _cut(text, start, end, "PERSON", _CELL_BREAK)


def _cut(text: str, start: int, end: int, entity_type: str, breaks: re.Pattern[str],
         first: bool = False) -> tuple[int, int] | None:
    if not breaks.search(text, start, end):
        return start, end
    pieces = [_strip(text, s, e) for s, e in _pieces(text, start, end, breaks) if text[s:e].strip()]
    if entity_type == "PERSON":
        named = [(s, e) for s, e in pieces if text[s:e].strip()[:1].isupper()]
        return (named[0] if first else named[-1]) if named else None
    if entity_type == "ADDRESS":
        streets = [(s, e) for s, e in pieces
                   if any(c.isdigit() for c in text[s:e]) and any(c.isalpha() for c in text[s:e])]
        return streets[0] if streets else None
    return None
