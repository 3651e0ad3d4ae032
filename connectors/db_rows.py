"""One database row as Content: a unit per filled column (the column is the place) and the
leerlingnummer the row belongs to, when the schema says so (a number column or a foreign key to the
register), so linking does not have to guess from names."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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


def ref_reader(columns: list[str], skip: set[str], refs: dict[str, dict[str, str]],
               number_col: str | None) -> Callable[[Sequence[Any]], str | None]:
    """The leerlingnummer a row (its values in `columns` order) belongs to, by the schema: the last
    filled foreign key to the register that resolves, else the number column. Built once per table."""
    keys = [(n, refs[c]) for n, c in enumerate(columns) if c in refs and c not in skip]
    number_at = columns.index(number_col) if number_col else None
    if len(keys) == 1 and number_at is None:  # one foreign key and nothing else: read for every row of a table
        at, numbers = keys[0]

        def read_one(values: Sequence[Any]) -> str | None:
            value = values[at]
            return None if value is None else numbers.get(str(value))

        return read_one

    def read(values: Sequence[Any]) -> str | None:
        ref = None
        for n, numbers in keys:
            value = values[n]
            if value is not None:
                ref = numbers.get(str(value), ref)
        # a foreign key to the register wins over a column that only looks like a leerlingnummer
        if ref is None and number_at is not None and values[number_at] is not None:
            ref = str(values[number_at]).strip()
        return ref

    return read


def row_content(row: dict[str, Any], columns: list[str], skip: set[str], refs: dict[str, dict[str, str]],
                number_col: str | None) -> Content:
    return row_cells(row, columns, skip, ref_reader(columns, skip, refs, number_col)([row[c] for c in columns]))


def row_cells(row: dict[str, Any], columns: list[str], skip: set[str], ref: str | None) -> Content:
    """A unit per filled column, and the row's leerlingnummer (from `ref_reader`)."""
    content = Content()
    for col in columns:
        value = row[col]
        if value is None or col in skip:
            continue
        text = cell_text(value).strip()
        if text:
            content.units.append(TextUnit(place=col, text=text, column=col, record="row"))
    if ref is not None:
        content.refs["leerlingnummer"] = ref
    return content
