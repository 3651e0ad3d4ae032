"""Read a record file (CSV, XLSX or a database table) into header-mapped rows.

LAS exports name the same column in many ways (ParnasSys, ESIS, Magister, Somtoday); each record
type lists its built-in synonyms and a school can map a field to its own header in the config.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from scanner.config import ConfigError, RecordFile, ScanConfig
from scanner.kernel.errors import AvgscanError
from scanner.kernel.text import norm_header

if TYPE_CHECKING:
    import pandas as pd


class RecordError(AvgscanError):
    """A record file the run cannot start from (missing, unreadable, lacking a required column)."""


@dataclass
class Grid:
    """A record file's header and rows. CSV and XLSX registers are read into it without pandas: importing
    pandas took a seventh of an unchanged rescan, which reads the records every time."""

    columns: list[Any]
    rows: list[list[Any]]

    @classmethod
    def of_frame(cls, frame: pd.DataFrame) -> Grid:
        return cls(list(frame.columns), frame.values.tolist())


@dataclass
class RowProblem:
    file: str
    row: int  # 1-based line/row number as a spreadsheet user sees it (header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, rij {self.row}, kolom {self.column!r}: {self.message}"


def _read_frame(spec: RecordFile, cfg: ScanConfig) -> tuple[Grid, str]:
    """The record file as a frame; any failure is a RecordError that names the file, never its content
    (a parser's or driver's message quotes the cell it failed on)."""
    name = source_label(spec, cfg)
    try:
        return _read_frame_of(spec, cfg, name), name
    except (RecordError, ConfigError):
        raise
    except Exception as err:  # noqa: BLE001  (any reader failure: a broken file, a database error)
        from scanner.kernel.redact import error_text

        shown = error_text(err) if isinstance(err, sa.exc.OperationalError) else type(err).__name__
        raise RecordError(f"{name}: het bestand kan niet worden gelezen ({shown})") from None


def _read_frame_of(spec: RecordFile, cfg: ScanConfig, name: str) -> Grid:
    if spec.url and spec.table:
        return _read_table(spec.url, spec.table)
    if not spec.path:
        raise ConfigError("records: geef `path` (CSV/XLSX) of `url` en `table` op")
    path = cfg.resolve(spec.path)
    if not path.exists():
        raise RecordError(f"{path}: registratiebestand niet gevonden")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, spec.sheet)
    if path.suffix.lower() == ".xls":
        import pandas as pd

        frame = pd.read_excel(path, sheet_name=spec.sheet or 0, dtype=object)
        return Grid.of_frame(frame.where(frame.notna(), None))
    raw = path.read_bytes()
    text = _decode(raw)
    delimiter = spec.delimiter or _sniff(text)
    return _read_csv(text, delimiter, name)


def _read_csv(text: str, delimiter: str, name: str) -> Grid:
    """Every cell as text, as pandas' read_csv(dtype=str, keep_default_na=False) gave them: blank lines
    skipped, a missing cell empty, an empty or repeated header named as pandas named it ('Unnamed: 2',
    'klas.1'). Unlike pandas, a row that ends in empty cells past the header (a trailing delimiter
    on each data line) keeps its columns where they are: pandas took its first cell as an index and
    shifted every value one column to the left. A row with more filled cells than the header is an
    error that names the line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[list[Any]] = []
    for row in reader:
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if header is None:
            header = _header_names(row)
            continue
        if len(row) > len(header):
            if any(cell.strip() for cell in row[len(header):]):
                raise RecordError(f"{name}: regel {reader.line_num} heeft {len(row)} kolommen, de kopregel "
                                  f"{len(header)}")
            row = row[:len(header)]
        rows.append(row + [""] * (len(header) - len(row)))
    return Grid(header or [], rows)


def _header_names(row: list[str]) -> list[str]:
    names: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(row):
        name = cell or f"Unnamed: {i}"
        if name in seen:
            seen[name] += 1
            while f"{name}.{seen[name]}" in seen:
                seen[name] += 1
            name = f"{name}.{seen[name]}"
        seen.setdefault(name, 0)
        names.append(name)
    return names


def _read_table(url: str, table: str) -> Grid:
    """A record table through the same read-only session as a database source: records are read,
    never written, and a SQLite path that does not exist is an error, not a new empty file. The values
    as the driver gives them (pandas made an integer column with an empty cell floats: '1001.0')."""
    from connectors.db_session import MissingDatabase, readonly_engine

    try:
        engine = readonly_engine(url, timeout_s=300)
    except MissingDatabase as err:
        raise RecordError(str(err)) from None
    try:
        with engine.connect() as conn:
            found = sa.Table(table, sa.MetaData(), autoload_with=conn)
            result = conn.execute(sa.select(found))
            return Grid(list(result.keys()), [list(row) for row in result])
    finally:
        engine.dispose()


def _read_xlsx(path: Path, sheet: str | None) -> Grid:
    """A workbook's sheet, cell by cell with the scanner's lenient parser: a cell that does not fit
    its declared type is read as text instead of failing the whole register."""
    import openpyxl

    from connectors.extractors.xlsx import _LenientParser

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
        grid: list[list[object]] = []
        with ws._get_source() as src:  # type: ignore[attr-defined]
            parser = _LenientParser(src, ws._shared_strings, data_only=True, epoch=wb.epoch,  # type: ignore[attr-defined]
                                    date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
            for number, cells in parser.parse():
                while len(grid) < number - 1:
                    grid.append([])
                grid.append(_row_values(cells))
    finally:
        wb.close()
    while grid and not any(v is not None for v in grid[0]):
        grid.pop(0)  # empty rows above the header
    if not grid:
        return Grid([], [])
    header = [str(h) if h is not None else f"kolom{i + 1}" for i, h in enumerate(grid[0])]
    width = max(len(header), *(len(r) for r in grid))
    header += [f"kolom{i + 1}" for i in range(len(header), width)]
    return Grid(header, [r + [None] * (width - len(r)) for r in grid[1:]])


def _row_values(cells: list[dict[str, object]]) -> list[object]:
    values: list[object] = []
    for cell in cells:
        column = int(cell["column"]) - 1  # type: ignore[call-overload]
        if column >= 16_384:  # past Excel's last column: a broken sheet
            continue
        values += [None] * (column - len(values) + 1)
        values[column] = cell["value"]
    return values


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _sniff(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=";,\t|").delimiter
    except csv.Error:
        return ";" if text.split("\n", 1)[0].count(";") else ","


def read_records(spec: RecordFile, cfg: ScanConfig, synonyms: dict[str, list[str]],
                 required: list[str]) -> tuple[str, Iterator[tuple[int, dict[str, object]]]]:
    """Return the file's name and (row number, {field: value}) pairs; raise if a required column is missing."""
    frame, name = _read_frame(spec, cfg)
    by_norm = {norm_header(c): c for c in frame.columns}
    mapping: dict[str, str] = {}
    for fld, names in synonyms.items():
        wanted = [spec.columns[fld]] if fld in spec.columns else [fld, *names]
        for cand in wanted:
            if norm_header(cand) in by_norm:
                mapping[fld] = by_norm[norm_header(cand)]
                break
    missing = [f for f in required if f not in mapping]
    if missing:
        shown = ", ".join(f"{f} (bijv. {synonyms[f][0] if synonyms[f] else f})" for f in missing)
        raise RecordError(f"{name}: verplichte kolom ontbreekt: {shown}; "
                          f"gevonden kolommen: {', '.join(_shown_header(c) for c in frame.columns)}")

    def rows() -> Iterator[tuple[int, dict[str, object]]]:
        for i, row in enumerate(frame.rows, start=2):
            rec = dict(zip(frame.columns, row, strict=True))  # a repeated header: the last one, as pandas did
            yield i, {fld: rec.get(col) for fld, col in mapping.items()}

    return name, rows()


def _shown_header(header: object) -> str:
    """A header as the error may show it: a file without a header row has data there instead."""
    text = str(header)
    return text if len(text) <= 40 and re.fullmatch(r"[^\W\d]*[A-Za-z_][\w .()/-]*", text) and \
        not re.search(r"\d{3,}", text) else "…"


def clean(value: object) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text.lower() in ("nan", "none", "nat") else text


def source_label(spec: RecordFile, cfg: ScanConfig) -> str:
    """How a record file is named in problems and errors: its path, or its URL without a password."""
    from scanner.kernel.redact import safe_url

    return str(cfg.resolve(spec.path)) if spec.path else f"{safe_url(spec.url or '')}#{spec.table}"


def exists(spec: RecordFile | None, cfg: ScanConfig) -> bool:
    return spec is not None and (bool(spec.url) or Path(cfg.resolve(spec.path or "")).exists())
