"""Sheet layout for report.xlsx, written in openpyxl's write-only mode: rows go to the file as they
are appended, so a workbook of a million items does not hold a million rows of cells in memory.

Write-only mode writes column widths and the frozen header before the first row, and nothing can
be changed once a row is written. A `Sheet` therefore holds back its first `HEAD` rows (a bounded
number), measures the column widths from them, and only then starts streaming. Cell text comes
from scanned files, so it is cleaned before it reaches openpyxl: characters Excel refuses are
dropped, and text that starts like a formula is stored as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.cell_range import CellRange

from reports.terminal import printable

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
ALERT_FILL = PatternFill("solid", fgColor="F8D7DA")
ALERT_FONT = Font(bold=True, color="842029")
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 70
HEAD = 300  # rows measured for the column widths, held in memory until the widths are written


def clean(value: object) -> object:
    """Control and bidi characters escaped as in every other output (reports.terminal.printable);
    Excel's illegal characters are unprintable too, so they go as well."""
    if isinstance(value, str) and not value.isprintable():
        return ILLEGAL_CHARACTERS_RE.sub("", printable(value, keep="\n"))
    return value


class Sheet:
    """A write-only worksheet with a row counter: the first `HEAD` rows wait for the column widths,
    every later row is written at once."""

    def __init__(self, ws: WriteOnlyWorksheet, widths: dict[int, int] | None = None) -> None:
        self.ws = ws
        self.widths = widths or {}
        self.row = 0  # the last row appended
        self.max_col = 0
        self._held: list[list[object]] | None = []
        self._merged_starts: set[int] = set()  # rows whose first cell spans several columns

    def cell(self, value: object, font: Font | None = None, fill: PatternFill | None = None,
             alignment: Alignment | None = None) -> object:
        """A cleaned value; a styled cell or text that looks like a formula becomes a cell of its own."""
        value = clean(value)
        formula_like = isinstance(value, str) and value.startswith("=")
        if not (font or fill or alignment or formula_like):
            return value
        cell = WriteOnlyCell(self.ws, value=value)
        if formula_like:
            cell.data_type = "s"
        if font:
            cell.font = font
        if fill:
            cell.fill = fill
        if alignment:
            cell.alignment = alignment
        return cell

    def append(self, values: Iterable[object]) -> int:
        """Append one row (values are cleaned here, cells from `cell` are kept); returns its number."""
        row = [v if isinstance(v, Cell) else self.cell(v) for v in values]
        self.row += 1
        self.max_col = max(self.max_col, len(row))
        if self._held is None:
            self.ws.append(row)
        else:
            self._held.append(row)
            if len(self._held) > HEAD:
                self._flush()
        return self.row

    def skip(self, rows: int = 1) -> None:
        for _ in range(rows):
            self.append([])

    def merge(self, row: int, width: int) -> None:
        self.ws.merged_cells.add(CellRange(min_col=1, min_row=row, max_col=width, max_row=row))
        self.max_col = max(self.max_col, width)
        if width > 1:
            self._merged_starts.add(row)

    def freeze(self, row: int) -> None:
        """The rows above `row` stay in view; only possible while nothing is written yet."""
        if self._held is None:
            raise RuntimeError("freeze panes after the first rows were written")
        self.ws.freeze_panes = f"A{row}"

    def _flush(self) -> None:
        """Column widths from the content of the first HEAD rows (capped; long text columns wrap),
        then every held row."""
        held = self._held or []
        for col in range(1, self.max_col + 1):
            letter = get_column_letter(col)
            if col in self.widths:
                self.ws.column_dimensions[letter].width = self.widths[col]
                continue
            longest = max((len(str(_value(row[col - 1]) or "")) if col <= len(row) else 0
                           for n, row in enumerate(held[:HEAD], start=1)
                           if not (col == 1 and n in self._merged_starts)), default=8)
            self.ws.column_dimensions[letter].width = min(max(longest + 2, 8), MAX_WIDTH)
        self._held = None
        for row in held:
            self.ws.append(row)

    def close(self) -> None:
        if self._held is not None:
            self._flush()


def _value(v: object) -> object:
    return v.value if isinstance(v, Cell) else v


def table(sheet: Sheet, header: list[str], rows: Iterable[list[object]], freeze: bool = True,
          autofilter: bool = True) -> tuple[int, int]:
    """A table with a bold header, appended below what is there; the first table on a sheet gets the
    frozen header and the filter. The header's fill runs over every column the sheet used so far."""
    width = max(sheet.max_col, len(header))
    first = sheet.append([sheet.cell(header[c] if c < len(header) else None, font=BOLD, fill=HEADER_FILL)
                          for c in range(width)])
    if freeze:
        sheet.freeze(first + 1)
    last = first
    for row in rows:  # a generator: rows are not all held at once
        last = sheet.append(row)
    if autofilter:
        sheet.ws.auto_filter.ref = f"A{first}:{get_column_letter(len(header))}{max(last, first + 1)}"
    return first, last


def title(sheet: Sheet, text: str) -> None:
    sheet.append([sheet.cell(text, font=TITLE)])


def bold(sheet: Sheet, text: str) -> int:
    return sheet.append([sheet.cell(text, font=BOLD)])


def alert(sheet: Sheet, lines: list[str], width: int = 8) -> None:
    """A red block (the possible-breach warning) spanning `width` columns."""
    for line in lines:
        row = sheet.row + 1
        sheet.ws.row_dimensions[row].height = 15 * max(1, len(line) // 110 + 1)
        sheet.append([sheet.cell(line, font=ALERT_FONT, fill=ALERT_FILL, alignment=WRAP)])
        sheet.merge(row, width)
