"""Excel 97-2003 workbooks (.xls) through xlrd; typed dates written as dd-mm-yyyy like .xlsx cells."""

from __future__ import annotations

import xlrd

from connectors.extractors.delimited import table_units
from connectors.extractors.office import ENCRYPTED
from connectors.extractors.xlsx import cell_text
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content


def _value(book: xlrd.book.Book, cell: xlrd.sheet.Cell) -> str:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "WAAR" if cell.value else "ONWAAR"
    return cell_text(cell.value)


def extract_xls(data: bytes, name: str) -> Content:
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except xlrd.biffh.XLRDError as err:
        if "encrypt" in str(err).lower():
            raise Unreadable(ENCRYPTED) from None
        raise Unreadable(f"beschadigd of niet ondersteund .xls-bestand ({str(err)[:120]})") from None
    units = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            rows = [[_value(book, c) for c in sheet.row(r)] for r in range(sheet.nrows)]
            units.extend(table_units(rows, sheet=sheet.name))
            book.unload_sheet(index)
    finally:
        book.release_resources()
    return Content(units=units)
