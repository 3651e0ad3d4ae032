"""Excel workbooks in read-only mode; typed dates are written as dd-mm-yyyy as Dutch users see them.

Rows are read straight from the sheet's XML, cell by cell, without openpyxl's padding to the sheet's
declared dimension: a hostile (or merely careless) sheet with one cell at XFD1048576 would otherwise
become 17 billion empty cells.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import openpyxl
from openpyxl.worksheet._reader import WorkSheetParser

from connectors.extractors.delimited import sparse_table_units
from connectors.extractors.office import check_package
from scanner.kernel.model import Content


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y") if value.time() == datetime.min.time() else value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _LenientParser(WorkSheetParser):
    """A cell whose value does not fit its declared type (text in a cell typed as a number, a broken
    shared-string index) is read as the text it holds: one bad cell must not make the whole
    workbook unreadable (and so unscanned), nor put its content in an error message."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        try:
            return super().parse_cell(element)
        except (ValueError, TypeError, IndexError, KeyError, OverflowError):
            saved = element.get("t")
            element.set("t", "str")
            try:
                return super().parse_cell(element)
            finally:
                if saved is None:
                    element.attrib.pop("t", None)
                else:
                    element.set("t", saved)


def _rows(wb: openpyxl.Workbook, ws: object) -> Iterator[tuple[int, dict[int, str]]]:
    """(row number, {0-based column: text}) for the cells the sheet really has."""
    with ws._get_source() as src:  # type: ignore[attr-defined]
        parser = _LenientParser(src, ws._shared_strings, data_only=wb.data_only, epoch=wb.epoch,  # type: ignore[attr-defined]
                                 date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
        for number, cells in parser.parse():
            row = {c["column"] - 1: cell_text(c["value"]) for c in cells if c["value"] is not None}
            if row:
                yield number, row


def extract_xlsx(data: bytes, name: str) -> Content:
    check_package(data, name)
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    units = []
    try:
        for ws in wb.worksheets:
            units.extend(sparse_table_units(_rows(wb, ws), sheet=ws.title))
    finally:
        wb.close()
    return Content(units=units)
