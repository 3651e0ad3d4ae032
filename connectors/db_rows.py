"""One database row as Content: a unit per filled column (the column is the place) and the
leerlingnummer the row belongs to, when the schema says so (a number column or a foreign key to the
register), so linking does not have to guess from names."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from scanner.kernel.model import Content, TextUnit

NUMBER_COLUMNS = ("leerlingnummer", "llnr", "stamnummer", "leerlingid")


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def number_column(columns: list[str]) -> str | None:
    return next((c for c in columns if norm(c) in NUMBER_COLUMNS), None)


def cell_text(value: Any) -> str:
    """As a Dutch user sees the value: dates dd-mm-yyyy, whole decimals without '.0', no binary."""
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y") if value.time() == time() else value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, bytes | bytearray | memoryview):
        return ""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return str(value)


def key_text(values: list[Any]) -> str:
    """The row's key as it appears in the path: composite keys joined with ','."""
    return ",".join(cell_text(v) for v in values)


def row_content(row: dict[str, Any], columns: list[str], skip: set[str], refs: dict[str, dict[str, str]],
                number_col: str | None) -> Content:
    content = Content()
    for col in columns:
        value = row[col]
        if value is None or col in skip:
            continue
        text = cell_text(value).strip()
        if text:
            content.units.append(TextUnit(place=col, text=text, column=col, record="row"))
        if col in refs and str(value) in refs[col]:
            content.refs["leerlingnummer"] = refs[col][str(value)]
    # a foreign key to the register wins over a column that only looks like a leerlingnummer
    if number_col and "leerlingnummer" not in content.refs and row.get(number_col) is not None:
        content.refs["leerlingnummer"] = str(row[number_col]).strip()
    return content
