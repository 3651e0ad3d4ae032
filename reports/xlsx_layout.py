"""Sheet layout helpers for report.xlsx: tables with a bold frozen header and filters, safe cell text.

Cell text comes from scanned files, so it is cleaned before it reaches openpyxl: characters Excel
refuses are dropped, and text that starts like a formula is stored as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.terminal import printable

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
ALERT_FILL = PatternFill("solid", fgColor="F8D7DA")
ALERT_FONT = Font(bold=True, color="842029")
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 70


def put(ws: Worksheet, row: int, col: int, value: object) -> None:
    """Write one cell; strings are cleaned (control and bidi characters escaped as in every other
    output, see reports.terminal.printable) and always stored as text."""
    if isinstance(value, str) and not value.isprintable():  # Excel's illegal characters are unprintable too
        value = ILLEGAL_CHARACTERS_RE.sub("", printable(value, keep="\n"))
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def append(ws: Worksheet, values: list[object]) -> int:
    """Append a row of cleaned values; returns its row number."""
    row = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    for col, value in enumerate(values, start=1):
        put(ws, row, col, value)
    return row


def table(ws: Worksheet, header: list[str], rows: Iterable[list[object]], start: int | None = None,
          freeze: bool = True, autofilter: bool = True) -> tuple[int, int]:
    """A table with a bold header; the first table on a sheet gets the frozen header and the filter."""
    first = start if start is not None else append(ws, header)
    if start is not None:
        for col, value in enumerate(header, start=1):
            put(ws, first, col, value)
    for cell in ws[first]:
        cell.font, cell.fill = BOLD, HEADER_FILL
    last = first
    for last, row in enumerate(rows, start=first + 1):  # a generator: rows are not all held twice
        for col, value in enumerate(row, start=1):
            put(ws, last, col, value)
    if freeze:
        ws.freeze_panes = f"A{first + 1}"
    if autofilter:
        ws.auto_filter.ref = f"A{first}:{get_column_letter(len(header))}{max(last, first + 1)}"
    return first, last


def title(ws: Worksheet, text: str) -> None:
    append(ws, [text])
    ws.cell(ws.max_row, 1).font = TITLE


def alert(ws: Worksheet, lines: list[str], width: int = 8) -> None:
    """A red block (the possible-breach warning) spanning `width` columns."""
    for line in lines:
        row = append(ws, [line])
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = ws.cell(row, 1)
        cell.fill, cell.font, cell.alignment = ALERT_FILL, ALERT_FONT, WRAP
        ws.row_dimensions[row].height = 15 * max(1, len(line) // 110 + 1)


def fit_columns(ws: Worksheet, widths: dict[int, int] | None = None) -> None:
    """Column widths from the content (first 300 rows), capped; long text columns wrap instead."""
    widths = widths or {}
    for col in range(1, ws.max_column + 1):
        letter = get_column_letter(col)
        if col in widths:
            ws.column_dimensions[letter].width = widths[col]
            continue
        longest = max((len(str(ws.cell(r, col).value or "")) for r in range(1, min(ws.max_row, 300) + 1)
                       if not _merged_start(ws, r, col)), default=8)
        ws.column_dimensions[letter].width = min(max(longest + 2, 8), MAX_WIDTH)


def _merged_start(ws: Worksheet, row: int, col: int) -> bool:
    return any(r.min_row == row and r.min_col == col and r.max_col > col for r in ws.merged_cells.ranges)
