"""Excel workbooks in read-only mode; typed dates are written as dd-mm-yyyy as Dutch users see them."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl

from connectors.base import Unreadable
from connectors.extractors import register
from connectors.extractors.delimited import table_units
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


@register(".xlsx", ".xlsm")
def extract_xlsx(data: bytes, name: str) -> Content:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Unreadable("versleuteld (met wachtwoord beveiligd) Office-bestand")
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    units = []
    try:
        for ws in wb.worksheets:
            rows = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            units.extend(table_units(rows, sheet=ws.title))
    finally:
        wb.close()
    return Content(units=units)
