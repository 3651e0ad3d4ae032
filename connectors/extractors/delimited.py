"""CSV/TSV exports (often ';'-separated from Dutch Excel): one unit per cell, with its column header."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator

from connectors.extractors.text import decode_text
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, TextUnit


def _column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def table_units(rows: list[list[str]], sheet: str | None = None) -> list[TextUnit]:
    """Cells of a table whose first non-empty row is the header; places like 'Blad1!B3'."""
    return sparse_table_units(((r, dict(enumerate(row))) for r, row in enumerate(rows, 1)), sheet)


def sparse_table_units(rows: Iterable[tuple[int, dict[int, object]]], sheet: str | None = None) -> list[TextUnit]:
    """As `table_units`, for rows given as (row number, {0-based column: value}) with only filled cells.

    A spreadsheet can declare a cell at XFD1048576 in a few bytes; padding every row and column up to
    it would take billions of cells, so only cells that exist are ever materialised.
    """
    units: list[TextUnit] = []
    header: dict[int, str] | None = None
    prefix = f"{sheet}!" if sheet else ""
    for r, row in rows:
        record = f"{sheet}!{r}" if sheet else f"rij {r}"  # one record per sheet row
        if header is None:
            if any(str(v).strip() for v in row.values()):
                header = {c: str(v).strip() for c, v in row.items()}
                units.extend(TextUnit(place=f"{prefix}{_column_letter(c)}{r}", text=str(v), column=None,
                                      record=record) for c, v in sorted(row.items()) if str(v).strip())
            continue
        for c, value in sorted(row.items()):
            text = str(value).strip()
            if text:
                units.append(TextUnit(place=f"{prefix}{_column_letter(c)}{r}", text=text,
                                      column=header.get(c) or None, record=record))
    return units


CANDIDATES = (";", "\t", ",", "|")
SNIFF_CHARS = 1 << 20  # the delimiter is decided on the first lines within this many characters
MAX_LINE_CHARS = 4_000_000


def sniff_delimiter(text: str, name: str) -> str:
    """The delimiter that splits the first lines into the same number (>1) of fields most consistently.

    csv.Sniffer is easily fooled by Dutch exports: ';' separated with decimal commas ('7,5') in the
    cells. Counting fields per row with a real CSV reader (quotes respected) is sturdier.
    """
    sample = "\n".join(text[:SNIFF_CHARS].splitlines()[:50])
    best: tuple[float, int, int] | None = None
    choice = "\t" if name.lower().endswith(".tsv") else ";"
    for rank, delimiter in enumerate(CANDIDATES):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:  # a field past the csv module's size limit: not this delimiter's table
            continue
        if not rows:
            continue
        counts = Counter(len(r) for r in rows)
        width, freq = counts.most_common(1)[0]
        if width < 2:
            continue
        score = (round(freq / len(rows), 1), -rank, width)  # ties: ';' first, as Dutch Excel writes
        if best is None or score > best:
            best, choice = score, delimiter
    return choice


def _lines(text: str) -> Iterator[str]:
    """Physical lines with their endings, one at a time (never a copy of the whole text).

    A line longer than MAX_LINE_CHARS is no table row (a 100 MB 'line' is a dump or an attack) and
    makes the file unreadable before any of it is split into cells.
    """
    start, number, size = 0, 0, len(text)
    while start < size:
        number += 1
        end = text.find("\n", start, start + MAX_LINE_CHARS + 1)
        if end < 0:
            if size - start > MAX_LINE_CHARS:
                limit = MAX_LINE_CHARS // 1_000_000
                raise Unreadable(f"geen tabel: regel {number} is langer dan {limit} miljoen tekens")
            end = size - 1
        yield text[start:end + 1]
        start = end + 1


def extract_csv(data: bytes, name: str) -> Content:
    text = decode_text(data)
    delimiter = sniff_delimiter(text, name)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as err:
        raise Unreadable(f"geen geldige CSV-tabel (regel {reader.line_num}: {err})") from None
    return Content(units=table_units(rows), metadata={"delimiter": delimiter})
