"""Databases through SQLAlchemy URLs, read-only: one item per row, placed as `table:<name>#<pk>`.

SQLite is opened with `mode=ro` so the scan can never write (not even a journal). A row that refers
to the register table (a foreign key to the pupils table) carries the referenced leerlingnummer, so
linking does not have to guess from names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from connectors.base import Unreadable, assign_place, register_source
from scanner.config import SourceConfig
from scanner.model import Content, Item, TextUnit
from scanner.records.dates import parse_date

BATCH = 1000
NUMBER_COLUMNS = ("leerlingnummer", "llnr", "stamnummer", "leerlingid")
DATE_COLUMN_HINTS = ("datum", "date", "_op", "verzonden", "export")


def readonly_url(url: str) -> sa.URL | str:
    """SQLite file URLs become `file:...?mode=ro` URIs so nothing on disk can change."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return parsed.set(database=f"file:{parsed.database}?mode=ro", query={"uri": "true"})
    return parsed


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, bytes | memoryview):
        return ""
    return str(value)


class DatabaseSource:
    def __init__(self, cfg: SourceConfig) -> None:
        self.cfg = cfg
        self.name = cfg.name
        self.engine = sa.create_engine(readonly_url(cfg.url or ""))
        self._rows: dict[str, dict[str, Any]] = {}
        self._register_numbers: dict[tuple[str, str], dict[str, str]] = {}

    def _tables(self, insp: sa.Inspector) -> list[str]:
        names = insp.get_table_names()
        return [t for t in names if not self.cfg.tables or t in self.cfg.tables]

    def _number_column(self, columns: list[str]) -> str | None:
        return next((c for c in columns if _norm(c) in NUMBER_COLUMNS), None)

    def _ref_numbers(self, conn: sa.Connection, insp: sa.Inspector, table: str) -> dict[str, dict[str, str]]:
        """For each foreign-key column pointing at a table with a leerlingnummer: key value -> number."""
        out: dict[str, dict[str, str]] = {}
        for fk in insp.get_foreign_keys(table):
            ref, cols, ref_cols = fk["referred_table"], fk["constrained_columns"], fk["referred_columns"]
            if len(cols) != 1:
                continue
            ref_columns = [c["name"] for c in insp.get_columns(ref)]
            number = self._number_column(ref_columns)
            if not number:
                continue
            key = (ref, ref_cols[0])
            if key not in self._register_numbers:
                t = sa.table(ref, sa.column(ref_cols[0]), sa.column(number))
                rows = conn.execute(sa.select(t.c[ref_cols[0]], t.c[number]))
                self._register_numbers[key] = {str(k): str(v) for k, v in rows if v is not None}
            out[cols[0]] = self._register_numbers[key]
        return out

    def crawl(self) -> Iterator[Item]:
        try:
            insp = sa.inspect(self.engine)
            tables = self._tables(insp)
        except sa.exc.SQLAlchemyError as err:
            raise Unreadable(f"database niet bereikbaar: {str(err).splitlines()[0]}") from None
        with self.engine.connect() as conn:
            for table in tables:
                yield from self._crawl_table(conn, insp, table)

    def _crawl_table(self, conn: sa.Connection, insp: sa.Inspector, table: str) -> Iterator[Item]:
        columns = [c["name"] for c in insp.get_columns(table)]
        pk = insp.get_pk_constraint(table).get("constrained_columns") or []
        refs = self._ref_numbers(conn, insp, table)
        number_col = self._number_column(columns)
        t = sa.table(table, *[sa.column(c) for c in columns])
        query = sa.select(t).order_by(*[t.c[c] for c in (pk or columns)])
        result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        for n, row in enumerate(result.mappings(), 1):
            key = "-".join(_text(row[c]) for c in pk) if pk else f"rij{n}"
            item = Item(source=self.name, path=f"table:{table}#{key}", kind="row",
                        register=table in self.cfg.register_tables)
            assign_place(item, self.cfg)
            content = Content()
            for col in columns:
                value = row[col]
                if value is None or col in pk:
                    continue
                text = _text(value).strip()
                if text:
                    content.units.append(TextUnit(place=col, text=text, column=col))
                if col in refs and str(value) in refs[col]:
                    content.refs["leerlingnummer"] = refs[col][str(value)]
                if any(h in col.lower() for h in DATE_COLUMN_HINTS) and "geboorte" not in col.lower():
                    content.metadata.setdefault("date", parse_date(value))
            if number_col and number_col not in refs and row[number_col] is not None:
                content.refs["leerlingnummer"] = str(row[number_col]).strip()
            item.size = sum(len(u.text) for u in content.units)
            self._rows[item.path] = {"content": content}
            yield item

    def read(self, item: Item) -> Content:
        entry = self._rows.pop(item.path, None)
        if entry is None:
            raise Unreadable("rij niet meer beschikbaar")
        return entry["content"]

    def close(self) -> None:
        self.engine.dispose()


@register_source("database")
def _make(cfg: SourceConfig) -> DatabaseSource:
    return DatabaseSource(cfg)
