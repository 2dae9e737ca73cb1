"""The Alembic migrations build exactly the schema the models describe."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from tracker.search.index import TABLES as SEARCH_TABLES


def test_migrations_match_models(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    # the search index is no model: an FTS5 table (SQLite) or a table of tsvectors (PostgreSQL), tracker.search.index
    differences = [d for d in differences if not (d[0] == "remove_table" and d[1].name in SEARCH_TABLES)
                   and not (d[0] == "remove_index" and d[1].table.name in SEARCH_TABLES)]
    assert differences == []


def test_sqlite_pragmas(engine):
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000  # writers wait, not fail
