"""CSV/TSV exports (often ';'-separated from Dutch Excel): one unit per cell, with its column header."""

from __future__ import annotations

import csv
import io

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


@register(".csv", ".tsv")
def extract_csv(data: bytes, name: str) -> Content:
    text = decode_text(data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=";,\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = "\t" if name.lower().endswith(".tsv") else (";" if ";" in text.split("\n", 1)[0] else ",")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return Content(units=table_units(rows))
