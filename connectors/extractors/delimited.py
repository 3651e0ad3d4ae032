"""CSV/TSV exports (often ';'-separated from Dutch Excel): one unit per cell, with its column header."""

from __future__ import annotations

import csv
import io
from collections import Counter

from connectors.extractors import register
from connectors.extractors.text import decode_text
from scanner.model import Content, TextUnit


def _column_letter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def table_units(rows: list[list[str]], sheet: str | None = None) -> list[TextUnit]:
    """Cells of a table whose first non-empty row is the header; places like 'Blad1!B3'."""
    units: list[TextUnit] = []
    header: list[str] | None = None
    prefix = f"{sheet}!" if sheet else ""
    for r, row in enumerate(rows, 1):
        if header is None:
            if any(str(c).strip() for c in row):
                header = [str(c).strip() for c in row]
                units.extend(TextUnit(place=f"{prefix}{_column_letter(c)}{r}", text=str(v), column=None)
                             for c, v in enumerate(row) if str(v).strip())
            continue
        for c, value in enumerate(row):
            text = str(value).strip()
            if text:
                col = header[c] if c < len(header) and header[c] else None
                units.append(TextUnit(place=f"{prefix}{_column_letter(c)}{r}", text=text, column=col))
    return units


CANDIDATES = (";", "\t", ",", "|")


def sniff_delimiter(text: str, name: str) -> str:
    """The delimiter that splits the first lines into the same number (>1) of fields most consistently.

    csv.Sniffer is easily fooled by Dutch exports: ';' separated with decimal commas ('7,5') in the
    cells. Counting fields per row with a real CSV reader (quotes respected) is sturdier.
    """
    sample = "\n".join(text.splitlines()[:50])
    best: tuple[float, int, int] | None = None
    choice = "\t" if name.lower().endswith(".tsv") else ";"
    for rank, delimiter in enumerate(CANDIDATES):
        rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(c.strip() for c in r)]
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


@register(".csv", ".tsv", ".tab")
def extract_csv(data: bytes, name: str) -> Content:
    text = decode_text(data)
    delimiter = sniff_delimiter(text, name)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return Content(units=table_units(rows), metadata={"delimiter": delimiter})
