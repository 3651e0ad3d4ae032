"""The database source on SQLite, PostgreSQL and MariaDB: keys, batches, chosen tables, timeouts."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from connectors.database import DatabaseSource
from connectors.db_session import database_url
from scanner.kernel.model import Content, Item
from tests.connectors.conftest import fill_school, source_config


@pytest.fixture(params=["sqlite", "postgres", "mariadb"])
def url(request: pytest.FixtureRequest) -> Iterator[str]:
    yield request.getfixturevalue(f"{request.param}_url")


def rows(source: DatabaseSource) -> dict[str, tuple[Item, Content | None]]:
    out = {}
    for item in source.crawl():
        out[item.path] = (item, source.read(item) if item.status == "scanned" else None)
    return out


def test_keys_refs_and_places(url: str) -> None:
    fill_school(url)
    source = DatabaseSource(source_config(name="las", type="database", url=url, register_tables=["leerlingen"]))
    got = rows(source)
    source.close()
    assert list(got) == [
        "table:cijfers#1,rekenen,1", "table:cijfers#1,taal,1", "table:cijfers#2,rekenen,2",
        "table:leerlingen#1", "table:leerlingen#2", "table:logboek#rij1", "table:logboek#rij2",
        "table:zorgnotities#10", "table:zorgnotities#11"]
    item, content = got["table:zorgnotities#10"]
    assert item.kind == "row" and not item.register and got["table:leerlingen#1"][0].register
    got_units = {u.place: u.text for u in content.units}
    assert got_units["datum"] in ("01-03-2025", "2025-03-01")  # a DATE, or text in SQLite
    assert got_units["leerling_id"] == "1" and got_units["tekst"] == "Sanne heeft dyslexie"
    assert content.refs == {"leerlingnummer": "20118"}  # through the foreign key to the register
    assert "share_date" not in content.metadata  # a note's own 'datum' says nothing about sending it
    assert got["table:cijfers#1,taal,1"][1].units[0].place == "vak"  # natural key columns are scanned too


def test_chosen_tables_and_missing_table(sqlite_url: str) -> None:
    fill_school(sqlite_url)
    source = DatabaseSource(source_config(name="las", type="database", url=sqlite_url,
                                          tables=["zorgnotities", "weg"]))
    got = rows(source)
    source.close()
    assert set(got) == {"table:weg", "table:zorgnotities#10", "table:zorgnotities#11"}
    assert got["table:weg"][0].status == "unreadable" and "bestaat niet" in got["table:weg"][0].reason


def test_batches_cover_every_row_once(url: str) -> None:
    fill_school(url, extra_rows=25)
    source = DatabaseSource(source_config(name="las", type="database", url=url, tables=["zorgnotities", "logboek"],
                                          batch_size=4))
    paths = [i.path for i in source.crawl()]
    source.close()
    assert len(paths) == len(set(paths)) == 27 + 2
    assert paths[:3] == ["table:zorgnotities#10", "table:zorgnotities#11", "table:zorgnotities#100"]


def test_keyless_locator_is_stable(sqlite_url: str) -> None:
    fill_school(sqlite_url)
    first = [i.path for i in DatabaseSource(source_config(name="l", type="database", url=sqlite_url,
                                                          tables=["logboek"])).crawl()]
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as conn:  # same rows, other physical order
        conn.execute(sa.text("CREATE TABLE t AS SELECT * FROM logboek ORDER BY tijd DESC"))
        conn.execute(sa.text("DROP TABLE logboek"))
        conn.execute(sa.text("ALTER TABLE t RENAME TO logboek"))
    source = DatabaseSource(source_config(name="l", type="database", url=sqlite_url, tables=["logboek"]))
    second = {i.path: source.read(i) for i in source.crawl()}
    source.close()
    assert list(second) == first
    assert second["table:logboek#rij1"].units[1].text == "Sanne ziek gemeld"


def test_unique_key_when_no_primary_key(sqlite_url: str) -> None:
    engine = sa.create_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE aanmelding (nummer VARCHAR(10) NOT NULL, naam VARCHAR(40), "
                             "UNIQUE (nummer))"))
        conn.execute(sa.text("INSERT INTO aanmelding VALUES ('A-7', 'Sanne'), ('A-3', 'Daan')"))
    paths = [i.path for i in DatabaseSource(source_config(name="l", type="database", url=sqlite_url)).crawl()]
    assert paths == ["table:aanmelding#A-3", "table:aanmelding#A-7"]


def test_sqlite_is_opened_read_only(sqlite_url: str) -> None:
    fill_school(sqlite_url)
    assert database_url(sqlite_url).database.endswith("las.db?mode=ro")
    assert database_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("mysql://u@h/db").drivername == "mysql+pymysql"


def test_unreachable_database_is_reported() -> None:
    from scanner.kernel.errors import Unreadable

    source = DatabaseSource(source_config(name="l", type="database", url="sqlite:////nonexistent/dir/las.db"))
    with pytest.raises(Unreadable, match="database niet bereikbaar"):
        list(source.crawl())


def test_statement_timeout_reports_the_table(request: pytest.FixtureRequest, url: str) -> None:
    """A table locked by someone else: our query waits until the statement timeout, then the table is
    reported unreadable with a time-out reason and the other tables are still scanned."""
    fill_school(url)
    backend = sa.make_url(url).get_backend_name()
    if backend == "sqlite":
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE groot (a INTEGER, b VARCHAR(20))"))
            conn.execute(sa.text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000) "
                                 "INSERT INTO groot SELECT i, 'x' || (i * 7919 % 1000) FROM n"))
        locker = None
    else:
        engine = sa.create_engine(url)
        locker = engine.connect()
        lock = "LOCK TABLE zorgnotities IN ACCESS EXCLUSIVE MODE" if backend == "postgresql" else \
            "LOCK TABLES zorgnotities WRITE"
        locker.execute(sa.text("BEGIN") if backend == "postgresql" else sa.text("SELECT 1"))
        locker.execute(sa.text(lock))
    try:
        source = DatabaseSource(source_config(name="l", type="database", url=url, statement_timeout_s=1
                                              if backend != "sqlite" else 0.01,
                                              tables=["groot" if backend == "sqlite" else "zorgnotities",
                                                      "leerlingen"]))
        result = {}
        done = threading.Event()

        def run() -> None:
            result.update({i.path: i for i in source.crawl()})
            done.set()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        assert done.wait(30), "the statement timeout did not stop the query"
        locked = "table:groot" if backend == "sqlite" else "table:zorgnotities"
        assert result[locked].status == "unreadable" and "time-out" in result[locked].reason
        assert "table:leerlingen#1" in result
        source.close()
    finally:
        if locker is not None:
            locker.rollback() if backend == "postgresql" else locker.execute(sa.text("UNLOCK TABLES"))
            locker.close()
        engine.dispose()
