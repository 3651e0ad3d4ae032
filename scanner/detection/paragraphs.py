"""Rejoin wrapped lines into paragraphs before detection.

Text files, e-mail bodies and PDF pages come out of their extractors one line per unit, but a
sentence often wraps: 'Moeder voedt' / 'Pieter alleen op; vader is niet in beeld.' Detection needs
the sentence (a date after a name, a diagnosis after a kinship word), so consecutive lines of the
same block are joined; the place becomes the line range.
"""

from __future__ import annotations

import re

from scanner.kernel.model import TextUnit

_LINE = re.compile(r"^(?P<prefix>.*?)regel (?P<n>\d+)$")


def join_lines(units: list[TextUnit]) -> list[TextUnit]:
    out: list[TextUnit] = []
    run: list[TextUnit] = []
    prefix, last = None, -1

    def flush() -> None:
        if not run:
            return
        if len(run) == 1:
            out.append(run[0])
        else:
            first, end = _LINE.match(run[0].place), _LINE.match(run[-1].place)
            assert first and end
            out.append(TextUnit(place=f"{first['prefix']}regel {first['n']}-{end['n']}",
                                text="\n".join(u.text for u in run)))
        run.clear()

    for unit in units:
        m = _LINE.match(unit.place) if unit.column is None else None
        if m and m["prefix"] == prefix and int(m["n"]) == last + 1:
            run.append(unit)
        else:
            flush()
            if m:
                run.append(unit)
            else:
                out.append(unit)
        prefix, last = (m["prefix"], int(m["n"])) if m else (None, -1)
    flush()
    return out


UNIT_LIMIT = 4000  # characters of one analysed unit


def split_long(units: list[TextUnit], limit: int = UNIT_LIMIT) -> list[TextUnit]:
    """Cut units longer than `limit` at a space, so that one huge line (a CSV with a 100 MB cell, a PDF
    page without breaks) is analysed in pieces of bounded size; the place stays the same."""
    out: list[TextUnit] = []
    for u in units:
        text = u.text
        if len(text) <= limit:
            out.append(u)
            continue
        start = 0  # cut by offsets: slicing off the rest each time copied a 30 MB cell thousands of times
        while len(text) - start > limit:
            cut = text.rfind(" ", start + limit // 2, start + limit)
            cut = cut if cut > start else start + limit
            out.append(TextUnit(place=u.place, text=text[start:cut], column=u.column, record=u.record))
            start = cut
        out.append(TextUnit(place=u.place, text=text[start:], column=u.column, record=u.record))
    return out



def units_by_place(units: list[TextUnit]) -> dict[str, list[int]]:
    """Unit indexes by place: a long paragraph split by `split_long` keeps its place in every piece,
    so one place can hold several units."""
    found: dict[str, list[int]] = {}
    for i, u in enumerate(units):
        found.setdefault(u.place, []).append(i)
    return found


def unit_of(units: list[TextUnit], by_place: dict[str, list[int]], place: str, start: int, end: int,
            value: str) -> int | None:
    """The unit a finding was read from: the piece at its place whose span holds its value."""
    pieces = by_place.get(place, [])
    return next((i for i in pieces if units[i].text[start:end] == value), pieces[-1] if pieces else None)
