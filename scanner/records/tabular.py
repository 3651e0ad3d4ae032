"""Read a record file (CSV, XLSX or a database table) into header-mapped rows.

LAS exports name the same column in many ways (ParnasSys, ESIS, Magister, Somtoday); each record
type lists its built-in synonyms and a school can map a field to its own header in the config.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from scanner.config import ConfigError, RecordFile, ScanConfig


class RecordError(Exception):
    """A record file the run cannot start from (missing, unreadable, lacking a required column)."""


@dataclass
class RowProblem:
    file: str
    row: int  # 1-based line/row number as a spreadsheet user sees it (header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, rij {self.row}, kolom {self.column!r}: {self.message}"


@functools.lru_cache(maxsize=4096)
def _norm_header(h: str) -> str:
    return re.sub(r"[^a-z0-9]", "", h.lower())


def norm_header(h: object) -> str:
    """Header as compared with the synonym lists; cached, since every table row asks again."""
    return _norm_header(str(h))


def _read_frame(spec: RecordFile, cfg: ScanConfig) -> tuple[pd.DataFrame, str]:
    if spec.url and spec.table:
        engine = sa.create_engine(spec.url)
        with engine.connect() as conn:
            frame = pd.read_sql_table(spec.table, conn)
        return frame.astype(object).where(frame.notna(), None), f"{spec.url}#{spec.table}"
    if not spec.path:
        raise ConfigError("records: geef `path` (CSV/XLSX) op, of `url` en `table`")
    path = cfg.resolve(spec.path)
    if not path.exists():
        raise RecordError(f"{path}: registratiebestand niet gevonden")
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        frame = pd.read_excel(path, sheet_name=spec.sheet or 0, dtype=object)
        return frame.where(frame.notna(), None), str(path)
    raw = path.read_bytes()
    text = _decode(raw)
    delimiter = spec.delimiter or _sniff(text)
    frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
    return frame, str(path)


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
                          f"gevonden kolommen: {', '.join(map(str, frame.columns))}")

    def rows() -> Iterator[tuple[int, dict[str, object]]]:
        for i, rec in enumerate(frame.to_dict("records"), start=2):
            yield i, {fld: rec.get(col) for fld, col in mapping.items()}

    return name, rows()


def clean(value: object) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    return "" if text.lower() in ("nan", "none", "nat") else text


def source_label(spec: RecordFile, cfg: ScanConfig) -> str:
    return str(cfg.resolve(spec.path)) if spec.path else f"{spec.url}#{spec.table}"


def exists(spec: RecordFile | None, cfg: ScanConfig) -> bool:
    return spec is not None and (bool(spec.url) or Path(cfg.resolve(spec.path or "")).exists())
