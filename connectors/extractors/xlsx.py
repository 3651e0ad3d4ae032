"""Excel workbooks in read-only mode; typed dates are written as dd-mm-yyyy as Dutch users see them."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl

from connectors.extractors import register
from connectors.extractors.delimited import table_units
from connectors.extractors.office import check_ooxml
from scanner.model import Content


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


@register(".xlsx", ".xlsm", ".xltx", ".xltm")
def extract_xlsx(data: bytes, name: str) -> Content:
    check_ooxml(data, name)
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    units = []
    try:
        for ws in wb.worksheets:
            rows = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            units.extend(table_units(rows, sheet=ws.title))
    finally:
        wb.close()
    return Content(units=units)
