"""Databases through SQLAlchemy URLs (SQLite, PostgreSQL, MariaDB/MySQL), read-only: one item per row.

Rows are placed as `table:<name>#<key>`: the primary key (composite keys joined with ','), else a
unique key of NOT NULL columns, else `rij<N>`, the row's position when ordered by all its columns
(stable as long as the table's contents are). Rows are fetched in batches by keyset pagination
(`WHERE key > last ORDER BY key LIMIT n`), so no table is ever held in memory, no cursor stays open
while rows are being scanned, and the statement timeout applies to each batch. A table that cannot
be read (no permission, time-out, gone) becomes an unreadable item `table:<name>` with the reason.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import Field, field_validator

from connectors.base import SourceSettings
from connectors.db_rows import key_text, number_column, ref_reader, row_cells
from connectors.db_session import MissingDatabase, database_url, is_timeout, plain_rows, readonly_engine
from scanner.kernel.errors import Unreadable
from scanner.kernel.messages import say
from scanner.kernel.model import Content, Item


class Config(SourceSettings):
    """A database: `url:` a SQLAlchemy URL without a password (AVGSCAN_DB_PASSWORD or the keyring,
    see connectors/db_session.py); `tables:` only these (empty: all); `register_tables:` the register
    itself (reference data, not findings)."""

    type: Literal["database"] = "database"
    url: str | None = Field(default=None, validate_default=True)
    tables: list[str] = Field(default_factory=list)
    register_tables: list[str] = Field(default_factory=list)
    statement_timeout_s: float = 60.0  # one database statement (one batch of rows)
    batch_size: int = Field(default=1000, ge=1)  # database rows fetched per statement

    @field_validator("url")
    @classmethod
    def _needs_url(cls, url: str | None) -> str | None:
        if not url:
            raise ValueError(say("een databasebron heeft een SQLAlchemy-URL nodig (url:)",
                                 "a database source needs a SQLAlchemy URL"))
        return url

    def anchor(self, resolve: Callable[[str], Path]) -> None:
        """A relative SQLite file is relative to the config file."""
        if self.url and self.url.startswith("sqlite:///") and not self.url.startswith("sqlite:////"):
            db = self.url[len("sqlite:///"):]
            if db and db != ":memory:":
                self.url = f"sqlite:///{resolve(db)}"


def open_source(cfg: Config) -> DatabaseSource:
    return DatabaseSource(cfg)


CACHE_ROWS = 10_000  # rows crawled but not yet read; the pipeline reads each row right away
UNORDERABLE = ("JSON", "JSONB", "XML", "ARRAY", "NULLTYPE", "GEOMETRY", "POINT", "TSVECTOR")


def readonly_url(url: str) -> sa.URL:
    """Kept for callers of the skeleton: the URL the source connects with (see db_session)."""
    return database_url(url)


def _first_line(err: BaseException) -> str:
    """The driver's message without what it quotes (a row's value) and without a URL's password."""
    from scanner.kernel.redact import safe_text

    return safe_text(str(getattr(err, "orig", None) or err)) or type(err).__name__


@dataclass
class TableRows:
    """One table as the columnar table path reads it: what the schema says about its columns, and its
    rows as (locator, values in `columns` order), fetched in batches like the row path's."""

    schema: str | None
    table: str
    label: str
    columns: list[str]
    integer_key: set[str]  # surrogate integer key columns: in the path, not scanned
    refs: dict[str, dict[str, str]]  # foreign-key column -> its value -> leerlingnummer
    number_col: str | None
    register: bool
    rows: Callable[[], Iterator[tuple[str, Any]]] = field(repr=False)

    def ref_reader(self) -> Callable[[Sequence[Any]], str | None]:
        return ref_reader(self.columns, self.integer_key, self.refs, self.number_col)

    def item(self, source: str, locator: str) -> Item:
        return Item(source=source, path=f"table:{self.label}#{locator}", kind="row", register=self.register)


class DatabaseSource:
    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.name = cfg.name
        self.timeout_s = float(cfg.statement_timeout_s)
        self.batch = int(cfg.batch_size)
        self.missing: MissingDatabase | None = None
        try:
            self.engine = readonly_engine(cfg.url or "", self.timeout_s)
        except MissingDatabase as err:  # reported by crawl, like a server that cannot be reached
            self.missing = err
            self.engine = sa.create_engine("sqlite://")
        self._rows: OrderedDict[str, Content] = OrderedDict()
        self._register_numbers: dict[tuple[str | None, str, str], dict[str, str]] = {}

    @contextmanager
    def connect(self) -> Iterator[sa.Connection]:
        """A connection of this source: read-only on the server side, with the statement timeout."""
        with self.engine.connect() as conn:
            yield conn

    # -- schema -------------------------------------------------------------------------------
    def _tables(self, insp: sa.Inspector) -> tuple[list[tuple[str | None, str]], list[str]]:
        """(schema, table) pairs to scan, and configured tables that do not exist."""
        present = sorted(insp.get_table_names())
        if not self.cfg.tables:
            return [(None, t) for t in present], []
        chosen, missing = [], []
        for wanted in self.cfg.tables:
            schema, _, table = wanted.rpartition(".") if "." in wanted and wanted not in present else ("", "", wanted)
            names = insp.get_table_names(schema=schema or None) if schema else present
            if table in names:
                chosen.append((schema or None, table))
            else:
                missing.append(wanted)
        return chosen, missing

    def _key(self, insp: sa.Inspector, schema: str | None, table: str, nullable: dict[str, bool]) -> list[str]:
        pk = insp.get_pk_constraint(table, schema=schema).get("constrained_columns") or []
        if pk:
            return list(pk)
        uniques = [u["column_names"] for u in insp.get_unique_constraints(table, schema=schema)]
        uniques += [i["column_names"] for i in insp.get_indexes(table, schema=schema) if i.get("unique")]
        for cols in sorted((c for c in uniques if c and all(x is not None for x in c)), key=len):
            if all(not nullable.get(c, True) for c in cols):
                return list(cols)
        return []

    def _ref_numbers(self, conn: sa.Connection, insp: sa.Inspector, schema: str | None, table: str
                     ) -> dict[str, dict[str, str]]:
        """For each foreign-key column pointing at a table with a leerlingnummer: key value -> number."""
        out: dict[str, dict[str, str]] = {}
        for fk in insp.get_foreign_keys(table, schema=schema):
            ref, cols, ref_cols = fk["referred_table"], fk["constrained_columns"], fk["referred_columns"]
            ref_schema = fk.get("referred_schema")
            if len(cols) != 1:
                continue
            number = number_column([c["name"] for c in insp.get_columns(ref, schema=ref_schema)])
            if not number:
                continue
            key = (ref_schema, ref, ref_cols[0])
            if key not in self._register_numbers:
                t = sa.table(ref, sa.column(ref_cols[0]), sa.column(number), schema=ref_schema)
                rows = conn.execute(sa.select(t.c[ref_cols[0]], t.c[number]))
                self._register_numbers[key] = {str(k): str(v) for k, v in rows if v is not None}
            out[cols[0]] = self._register_numbers[key]
        return out

    # -- crawl --------------------------------------------------------------------------------
    def crawl(self) -> Iterator[Item]:
        for entry in self.tables():
            if isinstance(entry, Item):
                yield entry
                continue
            try:
                yield from self._crawl_table(entry)
            except sa.exc.SQLAlchemyError as err:
                yield self.failed(entry.schema, entry.table, err)

    def _label(self, schema: str | None, table: str) -> str:
        return f"{schema}.{table}" if schema else table

    def _table_item(self, schema: str | None, table: str, reason: str) -> Item:
        item = Item(source=self.name, path=f"table:{self._label(schema, table)}", kind="table",
                    status="unreadable", reason=reason)
        return item

    def tables(self) -> Iterator[Item | TableRows]:
        """Each table as its plan and rows (the columnar table path reads these), or the unreadable item
        of a configured table that does not exist. A table failing while it is read: `TableRows.failed`."""
        if self.missing is not None:
            raise Unreadable(f"database niet bereikbaar: {self.missing}")
        try:
            insp = sa.inspect(self.engine)
            tables, missing = self._tables(insp)
        except sa.exc.SQLAlchemyError as err:
            raise Unreadable(f"database niet bereikbaar: {_first_line(err)}") from None
        for wanted in missing:
            yield self._table_item(None, wanted, "tabel bestaat niet (of geen rechten om haar te zien)")
        for schema, table in tables:
            try:
                plan = self._plan(insp, schema, table)
            except sa.exc.SQLAlchemyError as err:
                yield self.failed(schema, table, err)
                continue
            yield plan

    def failed(self, schema: str | None, table: str, err: sa.exc.SQLAlchemyError) -> Item:
        reason = (f"time-out: een query duurde langer dan {self.timeout_s:g} s; rest van de tabel niet "
                  "gelezen" if is_timeout(err) else f"tabel kan niet worden gelezen: {_first_line(err)}")
        return self._table_item(schema, table, reason)

    def _plan(self, insp: sa.Inspector, schema: str | None, table: str) -> TableRows:
        info = insp.get_columns(table, schema=schema)
        columns = [c["name"] for c in info]
        nullable = {c["name"]: bool(c.get("nullable", True)) for c in info}
        key = self._key(insp, schema, table, nullable)
        label = self._label(schema, table)
        with self.connect() as conn:
            refs = self._ref_numbers(conn, insp, schema, table)
        t = sa.table(table, *[sa.column(c) for c in columns], schema=schema)
        if key:
            batches: Callable[[], Iterator[tuple[str, Any]]] = lambda: self._keyset(t, key, columns)  # noqa: E731
        else:
            order = [c["name"] for c in info if type(c["type"]).__name__.upper() not in UNORDERABLE]
            batches = lambda: self._positional(t, order or columns)  # noqa: E731
        return TableRows(schema=schema, table=table, label=label, columns=columns,
                         integer_key={c["name"] for c in info if c["name"] in key and _is_integer(c["type"])},
                         refs=refs, number_col=number_column(columns),
                         register=table in self.cfg.register_tables or label in self.cfg.register_tables,
                         rows=batches)

    def _crawl_table(self, plan: TableRows) -> Iterator[Item]:
        ref = plan.ref_reader()
        for locator, row in plan.rows():
            item = plan.item(self.name, locator)
            # surrogate integer ids are in the path and carry no personal data; natural keys are scanned
            content = row_cells(dict(zip(plan.columns, row, strict=True)), plan.columns, plan.integer_key, ref(row))
            item.size = sum(len(u.text) for u in content.units)
            self._remember(item.path, content)
            yield item

    def _keyset(self, t: sa.TableClause, key: list[str], columns: list[str]) -> Iterator[tuple[str, Any]]:
        cols = [t.c[c] for c in key]
        at = [columns.index(c) for c in key]
        last: list[Any] | None = None
        while True:
            query = sa.select(t).order_by(*cols).limit(self.batch)
            if last is not None:
                query = query.where(cols[0] > last[0] if len(cols) == 1 else sa.tuple_(*cols) > sa.tuple_(*last))
            with self.connect() as conn:
                rows = plain_rows(conn, query)
            if len(at) == 1 and rows and type(rows[0][at[0]]) is int:  # an integer key: its digits
                n = at[0]
                for row in rows:
                    value = row[n]
                    yield (str(value) if type(value) is int else key_text([value])), row
            else:
                for row in rows:
                    yield key_text([row[i] for i in at]), row
            if len(rows) < self.batch:
                return
            last = [rows[-1][i] for i in at]

    def _positional(self, t: sa.TableClause, order: list[str]) -> Iterator[tuple[str, Any]]:
        offset = 0
        while True:
            query = sa.select(t).order_by(*[t.c[c] for c in order]).limit(self.batch).offset(offset)
            with self.connect() as conn:
                rows = plain_rows(conn, query)
            for n, row in enumerate(rows, offset + 1):
                yield f"rij{n}", row
            if len(rows) < self.batch:
                return
            offset += len(rows)

    def _remember(self, path: str, content: Content) -> None:
        self._rows[path] = content
        while len(self._rows) > CACHE_ROWS:
            self._rows.popitem(last=False)

    def read(self, item: Item) -> Content:
        content = self._rows.pop(item.path, None)
        if content is None:
            raise Unreadable("rij niet meer beschikbaar (eerst crawlen, dan lezen)")
        return content

    def close(self) -> None:
        self._rows.clear()
        self.engine.dispose()


def _is_integer(type_: Any) -> bool:
    try:
        return type_.python_type is int
    except (NotImplementedError, AttributeError):
        return False


__all__ = ["Config", "DatabaseSource", "TableRows", "open_source", "readonly_url"]
