"""Engine and transactions. Every write runs inside `transaction()`: all or nothing."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

from . import config

_engines: dict[str, Engine] = {}
# Set by transaction(immediate=True), or for a whole web request that writes (a POST) and a CLI command
# that writes: SQLite then begins every transaction with BEGIN IMMEDIATE, taking the write lock up front.
_immediate: ContextVar[bool] = ContextVar("immediate", default=False)
BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another one before giving up (SQLite's lock, PostgreSQL's rows)


def writes_ahead(enabled: bool = True):
    """From here on (this request, this command) transactions take SQLite's write lock when they begin.

    A transaction that reads and then writes would otherwise begin as a reader and upgrade to a writer
    at its first write; if another writer got there first, SQLite cannot wait (that could deadlock) and
    fails at once with "database is locked". Taking the lock at BEGIN makes it wait its turn within the
    busy timeout instead. Returns a token for `writes_done`."""
    return _immediate.set(enabled)


def writes_done(token) -> None:
    _immediate.reset(token)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINTs and transactional DDL; let
    # SQLAlchemy emit BEGIN itself (the recipe from the SQLAlchemy SQLite dialect docs).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, **kwargs) -> Engine:
    """A new engine; SQLite gets WAL, a busy timeout and foreign keys on every connection."""
    url = config.normalise_database_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql(
            "BEGIN IMMEDIATE" if _immediate.get() else "BEGIN"))
    else:
        engine = create_engine(url, pool_pre_ping=True, **kwargs)
        event.listen(engine, "connect", _postgresql_settings)
    return engine


def _postgresql_settings(dbapi_connection, _record) -> None:
    # A row lock held by a transaction that never ends (a stuck worker, an open psql session) would make every
    # write to that row wait for ever, holding a worker each; like SQLite's busy timeout, give up after a while:
    # "lock timeout" is a fault (tracker.faults: busy), a 503 on the web and a message on the CLI.
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {int(BUSY_TIMEOUT_MS)}")
    dbapi_connection.commit()


def get_engine(url: str | None = None) -> Engine:
    """The shared engine for this URL (default: the configured database)."""
    url = config.normalise_database_url(url or config.database_url())
    if url not in _engines:
        _engines[url] = make_engine(url)
    return _engines[url]


def forget_inherited_connections() -> None:
    """After a fork: never reuse the parent's pooled connections (two processes on one socket
    corrupt each other's state, e.g. psycopg's prepared statements)."""
    for engine in _engines.values():
        engine.dispose(close=False)


def as_date(value):
    """A date column read through plain SQL: SQLite hands it back as an ISO string, PostgreSQL as a date."""
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


@contextmanager
def transaction(engine: Engine | None = None, immediate: bool = False):
    """A session in one transaction: committed at the end, rolled back on any error.

    immediate: the transaction reads and then writes what it read (a count, then a row): on SQLite it takes
    the write lock when it begins and waits for it within the busy timeout, instead of failing with
    "database is locked" when it upgrades a read to a write. PostgreSQL needs nothing here.
    """
    from sqlmodel import Session  # the ORM is imported only by code that uses it

    with Session(engine or get_engine(), expire_on_commit=False) as session:
        with session.begin():
            if immediate:
                token = _immediate.set(True)
                try:
                    session.connection()  # BEGIN now, while the flag holds
                finally:
                    _immediate.reset(token)
            yield session


IN_CHUNK = 900  # values per IN (...) on SQLite: below every version's limit on bound parameters


def execute_in(connection, sql: str, params: tuple, values) -> list:
    """Plain driver SQL whose last condition is `IN ({})` over any number of values; returns the rows a
    SELECT gives (an empty list for an UPDATE).

    For the bulk paths: compiling an IN list of hundreds of values through SQLAlchemy cost more than the
    statement itself. `sql` writes its own parameters as ?. PostgreSQL gets `= ANY(%s)` with one array;
    SQLite gets the values in chunks of IN_CHUNK.
    """
    values = list(values)
    if not values:
        return []
    if connection.dialect.name == "postgresql":
        chunks = [((*params, values), sql.replace("?", "%s").replace("IN ({})", "= ANY(%s)"))]
    else:
        chunks = [((*params, *part), sql.format(", ".join("?" * len(part))))
                  for part in (values[i:i + IN_CHUNK] for i in range(0, len(values), IN_CHUNK))]
    rows = []
    for arguments, statement in chunks:
        result = connection.exec_driver_sql(statement, arguments)
        if result.returns_rows:
            rows += result.all()
    return rows


class FreshStatistics:
    """Keeps PostgreSQL's planner statistics in step with a bulk load, in the load's own transaction.

    PostgreSQL plans from statistics gathered before the transaction began: a table that grew from
    empty to 100,000 rows in this transaction still looks empty, and each key lookup (a page of Ids, a
    chunk of natural keys) became a scan of every row written so far (the TK import: 30 s of 50 s).
    ANALYZE does see the transaction's own rows; it runs whenever the rows written have doubled, so a
    load of n rows analyses about log2(n) times. SQLite needs nothing.
    Name a table with the columns the load looks rows up by, "tracked_item (external_id, nummer)": ANALYZE
    then samples only those, a third of the time for tracked_item (it skips the long texts).
    """

    def __init__(self, session, *tables: str, first: int = 2000):
        self.session, self.tables, self.written, self.next = session, tables, 0, first
        self.active = session.connection().dialect.name == "postgresql"

    def wrote(self, rows: int) -> None:
        self.written += rows
        if self.written >= self.next:
            if self.active:
                self.session.connection().exec_driver_sql(f"ANALYZE {', '.join(self.tables)}")
            self.next = self.written * 2


@contextmanager
def trial(engine: Engine | None = None):
    """A session whose transaction is always rolled back: a check-only run ("alleen controleren") does
    every write the real run would, sees every problem, and keeps nothing."""
    from sqlmodel import Session

    with Session(engine or get_engine(), expire_on_commit=False) as session:
        transaction = session.begin()
        try:
            yield session
        finally:
            transaction.rollback()


@contextmanager
def reading(engine: Engine | None = None) -> Iterator[Connection]:
    """A plain connection for read-only queries that need no ORM (the overdue overview)."""
    with (engine or get_engine()).connect() as connection:
        yield connection
