"""Database engines whose sessions cannot write and whose statements time out.

Sources are read, never changed: every new connection is made read-only by the server itself
(PostgreSQL `default_transaction_read_only`, MariaDB/MySQL `SESSION TRANSACTION READ ONLY`, SQLite
opened with `mode=ro` plus `query_only`), so even a bug in avgscan cannot write a row. A statement
timeout keeps one huge or locked table from hanging the whole scan; the table is then reported.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from connectors import credentials
from scanner.kernel.errors import Unreadable

CONNECT_TIMEOUT_S = 15
DRIVERS = {"postgresql": "postgresql+psycopg", "postgres": "postgresql+psycopg", "mysql": "mysql+pymysql",
           "mariadb": "mariadb+pymysql"}


class MissingDatabase(Unreadable):
    """A SQLite file that does not exist: an error, never a new empty database in the source folder."""


def sqlite_file(url: str) -> Path | None:
    """The file a `sqlite://` URL names (None for other databases, memory and `file:` URIs)."""
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:" \
            or parsed.database.startswith("file:"):
        return None
    return Path(parsed.database)


def database_url(url: str, snapshots: list[Any] | None = None) -> sa.URL:
    """The URL with our drivers filled in, SQLite files read-only, and a password from the environment.

    `postgresql://` would pick psycopg2 and `mysql://` mysqlclient, neither of which we install.
    The password is never in the config file: it comes from AVGSCAN_DB_PASSWORD, else from the OS
    keyring, service `avgscan:db:<host>` for the URL's user (`keyring set avgscan:db:las-server avgscan`).
    A SQLite file is opened through a `file:` URI built by pathlib, which percent-escapes '#', '?'
    and '%' in the path: unescaped, SQLite cut the path there, lost `mode=ro` and created a new
    empty database instead of reading the school's.
    """
    parsed = sa.make_url(url)
    if parsed.drivername in DRIVERS:
        parsed = parsed.set(drivername=DRIVERS[parsed.drivername])
    backend = parsed.get_backend_name()
    path = sqlite_file(url)
    if path is not None:
        path = path.expanduser().absolute()
        if not path.is_file():
            raise MissingDatabase(f"SQLite-database {path} bestaat niet (of is geen bestand); er wordt geen "
                                  "nieuwe database aangemaakt")
        opened, params = _sqlite_target(path, snapshots)
        parsed = parsed.set(database=f"{opened.as_uri()}?{params}", query={"uri": "true"})
    if backend != "sqlite" and parsed.password is None:
        password = credentials.env_or_keyring("AVGSCAN_DB_PASSWORD", f"avgscan:db:{parsed.host}", parsed.username)
        if password:
            parsed = parsed.set(password=password)
    return parsed


def _sqlite_target(path: Path, snapshots: list[Any] | None) -> tuple[Path, str]:
    """Which file to open and with which URI parameters, so that nothing appears beside `path`.

    - not in WAL mode: `mode=ro` (a reader takes a lock, writes nothing);
    - WAL mode, no `-wal` file (nobody has it open): `immutable=1`, because even `mode=ro` would
      create `-wal` and `-shm` that a read-only connection cannot remove;
    - WAL mode with `-wal` and `-shm` (a writer is busy): `mode=ro` uses the existing files;
    - a left-over `-wal` without `-shm` (a crashed writer): SQLite would create a `-shm` beside it,
      and `immutable=1` would ignore the rows still in the WAL. The database and its WAL are copied
      into a private temporary folder and the copy is read (`snapshots` keeps that folder alive).
    """
    try:
        with open(path, "rb") as f:
            header = f.read(20)
    except OSError:
        return path, "mode=ro"
    wal_mode = header[:16] == b"SQLite format 3\x00" and header[18:20] == b"\x02\x02"
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if not wal_mode:
        return path, "mode=ro"
    if not wal.exists():
        return path, "mode=ro&immutable=1"
    if shm.exists():
        return path, "mode=ro"
    folder = tempfile.TemporaryDirectory(prefix="avgscan-sqlite-")
    os.chmod(folder.name, 0o700)
    copy = Path(folder.name) / "db.sqlite"
    shutil.copyfile(path, copy)
    shutil.copyfile(wal, Path(f"{copy}-wal"))
    if snapshots is not None:
        snapshots.append(folder)
    else:
        _SNAPSHOTS.append(folder)
    return copy, "mode=ro"


_SNAPSHOTS: list[Any] = []  # copies made for a caller that keeps none (removed at exit)


def _execute(dbapi_conn: Any, statements: list[str]) -> None:
    cursor = dbapi_conn.cursor()
    try:
        for statement in statements:
            cursor.execute(statement)
    finally:
        cursor.close()


def _postgres(dbapi_conn: Any, timeout_s: float, info: dict[str, Any]) -> None:
    autocommit = dbapi_conn.autocommit
    dbapi_conn.autocommit = True  # session settings must not be rolled back with the first transaction
    try:
        _execute(dbapi_conn, ["SET default_transaction_read_only = on",
                              f"SET statement_timeout = {int(timeout_s * 1000)}",
                              f"SET idle_in_transaction_session_timeout = {int(max(timeout_s, 60) * 10_000)}"])
    finally:
        dbapi_conn.autocommit = autocommit


def _mysql(dbapi_conn: Any, timeout_s: float, info: dict[str, Any]) -> None:
    _execute(dbapi_conn, ["SET SESSION TRANSACTION READ ONLY"])
    server = str(getattr(dbapi_conn, "server_version", "") or getattr(dbapi_conn, "get_server_info", lambda: "")())
    if "mariadb" in server.lower():
        _execute(dbapi_conn, [f"SET SESSION max_statement_time = {timeout_s:g}"])
    else:
        _execute(dbapi_conn, [f"SET SESSION max_execution_time = {int(timeout_s * 1000)}"])
    dbapi_conn.commit()


def _sqlite(dbapi_conn: Any, timeout_s: float, info: dict[str, Any]) -> None:
    """SQLite has no statement timeout; a progress handler interrupts a statement past its deadline."""
    _execute(dbapi_conn, ["PRAGMA query_only = ON"])
    # TEXT that is not valid UTF-8 would make the whole table unreadable, with the cell's raw
    # bytes in the error message (and so in the report); decode it leniently instead.
    from connectors.extractors.text import lenient_utf8

    dbapi_conn.text_factory = lenient_utf8  # once per connection: it decodes every text cell of a scan
    deadline = info.setdefault("avgscan_deadline", {"at": float("inf")})

    def progress() -> int:
        return 1 if time.monotonic() > deadline["at"] else 0

    dbapi_conn.set_progress_handler(progress, 10_000)


UNDECODABLE = "could not decode to utf-8"  # sqlite3's message for TEXT that is not UTF-8


def plain_rows(conn: sa.Connection, query: sa.Executable) -> list[tuple[Any, ...]]:
    """The rows of `query` as the driver gives them, plain tuples: a million-row table is read in
    batches, and SQLAlchemy's Row per row and the lenient decoder per SQLite text cell were a fifth of
    reading it (the columns are untyped, so SQLAlchemy converts no value: the values are the same).
    SQLite's text is decoded strictly in C first; a batch with TEXT that is not UTF-8 is read again
    with the lenient decoder the connection was opened with (`_sqlite`). A driver's error comes out
    as SQLAlchemy's, as `conn.execute(query).all()` raises it (a timeout is a table's reason)."""
    raw = conn.connection.dbapi_connection
    lenient = getattr(raw, "text_factory", None) if conn.dialect.name == "sqlite" else None
    if lenient is None:
        return _fetched(conn, query)
    raw.text_factory = str
    try:
        return _fetched(conn, query)
    except sa.exc.DBAPIError as err:
        if UNDECODABLE not in str(err.orig).lower():
            raise
    finally:
        raw.text_factory = lenient
    return _fetched(conn, query)


def _fetched(conn: sa.Connection, query: sa.Executable) -> list[tuple[Any, ...]]:
    result = conn.execute(query)
    try:
        return result.cursor.fetchall()  # type: ignore[attr-defined,no-any-return]
    except conn.dialect.loaded_dbapi.Error as err:
        raise sa.exc.DBAPIError.instance(str(query), None, err, conn.dialect.loaded_dbapi.Error) from err
    finally:
        result.close()


def readonly_engine(url: str, timeout_s: float) -> sa.Engine:
    snapshots: list[Any] = []
    parsed = database_url(url, snapshots)
    backend = parsed.get_backend_name()
    connect_args: dict[str, Any] = {}
    if backend == "postgresql":
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    elif backend in ("mysql", "mariadb"):
        connect_args.update(connect_timeout=CONNECT_TIMEOUT_S, read_timeout=int(timeout_s) + 30)
    engine = sa.create_engine(parsed, connect_args=connect_args, pool_pre_ping=backend != "sqlite")
    engine.info = {"snapshots": snapshots}  # type: ignore[attr-defined]  (a WAL copy lives as long as the engine)
    setup = {"postgresql": _postgres, "mysql": _mysql, "mariadb": _mysql, "sqlite": _sqlite}.get(backend)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, record: Any) -> None:
        if setup is not None:
            setup(dbapi_conn, timeout_s, record.info)

    if backend == "sqlite":
        @event.listens_for(engine, "before_cursor_execute")
        def _deadline(conn: sa.Connection, cursor: Any, statement: str, params: Any, context: Any,
                      executemany: bool) -> None:
            deadline = conn.info.get("avgscan_deadline")
            if deadline is not None:
                deadline["at"] = time.monotonic() + timeout_s

    return engine


TIMEOUT_MARKERS = ("statement timeout", "max_statement_time", "max_execution_time", "interrupted",
                   "canceling statement", "query execution was interrupted")


def is_timeout(err: BaseException) -> bool:
    text = str(getattr(err, "orig", err)).lower()
    return any(marker in text for marker in TIMEOUT_MARKERS)
