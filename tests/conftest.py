"""Fixtures: every database test runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL.

Each backend is migrated once per session with the real Alembic migrations (PostgreSQL in a
schema of its own, dropped afterwards); every test starts from empty tables.
"""
from __future__ import annotations

import os
import time
import sys
import uuid
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel

from tracker import db, migrate
from tracker.config import normalise_database_url
from tracker.models import Committee, Ministry

SHIFTED_CLOCK = Path(__file__).parent / "tools" / "shifted_clock"


def pytest_configure(config):
    """KAMERTRACKER_TEST_TODAY=2032-02-29: the whole run (and every Python process it starts) on that day."""
    if not os.environ.get("KAMERTRACKER_TEST_TODAY"):
        return
    sys.path.insert(0, str(SHIFTED_CLOCK))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SHIFTED_CLOCK), os.environ.get("PYTHONPATH")]))
    from tests_clock import travel_from_environment
    travel_from_environment()


def pytest_report_header(config):
    if os.environ.get("KAMERTRACKER_TEST_TODAY"):
        return f"klok verschoven: vandaag is {date.today().isoformat()} (KAMERTRACKER_TEST_TODAY)"
    return None


BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _postgres_url(schema: str) -> str:
    base = normalise_database_url(os.environ["TEST_DATABASE_URL"])
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


@contextmanager
def empty_database(backend: str, folder: Path, name: str = "test") -> Iterator[str]:
    """The URL of an empty database of this backend ("sqlite" or "postgresql"): a file in folder, or a schema of
    its own in TEST_DATABASE_URL's database, dropped afterwards with everything in it."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'{name}.db'}"
        return
    schema = f"kt_{name}_{uuid.uuid4().hex[:10]}"
    admin = db.make_engine(os.environ["TEST_DATABASE_URL"])
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield _postgres_url(schema)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    """A migrated, empty database per backend; yields its URL."""
    with empty_database(request.param, tmp_path_factory.mktemp("db")) as url:
        engine = db.get_engine(url)
        migrate.upgrade(engine)
        yield url
        engine.dispose()


def _empty_every_table(engine, attempts: int = 5) -> None:
    """TRUNCATE takes every table's strongest lock at once; PostgreSQL's autovacuum, analysing a table of the last
    test, can hold one of them and want another: a deadlock that says nothing about the code under test. Try
    again (each try is one transaction, undone whole)."""
    from sqlalchemy.exc import OperationalError

    from tracker.search import index

    tables = [t.name for t in reversed(SQLModel.metadata.sorted_tables)]
    for attempt in range(attempts):
        try:
            with engine.begin() as connection:
                if engine.dialect.name == "postgresql":
                    connection.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) +
                                            " RESTART IDENTITY CASCADE"))
                else:
                    for table in tables:
                        connection.execute(text(f'DELETE FROM "{table}"'))
                index.clear(connection)  # the search index is no model table
            return
        except OperationalError as error:
            if "deadlock" not in str(error).lower() or attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


@pytest.fixture
def engine(database_url):
    """The engine of the current backend, with every table emptied before the test."""
    engine = db.get_engine(database_url)
    _empty_every_table(engine)
    # Te laat caches per data version (data_version, raised by each writing commit); emptied tables start it again, so
    # another test's overview could answer for this one. In use the version only grows.
    from tracker.web.api.routes import _overdue_json
    from tracker.web.items import _item_list
    from tracker.web.overview import _dashboard, _overview
    for cache in (_overview, _dashboard, _item_list, _overdue_json):
        cache.cache_clear()
    from tracker.web import read_cache
    read_cache.clear_all()  # (search, dossier, person and committee pages: the same key)
    # (the rate limits count in rate_bucket, emptied with the other tables: the next test's token may get the same id)
    return engine


@pytest.fixture
def reference_data(engine):
    """Two ministries and an EK committee, as most tests need."""
    with db.transaction(engine) as session:
        session.add(Ministry(code="BZK", name="Binnenlandse Zaken en Koninkrijksrelaties"))
        session.add(Ministry(code="OCW", name="Onderwijs, Cultuur en Wetenschap"))
        session.add(Committee(chamber="EK", name="vaste commissie voor Binnenlandse Zaken", abbreviation="BiZa"))
    return engine


@pytest.fixture
def demo(engine, database_url, monkeypatch, tmp_path):
    """The demo data loaded; the CLI and the exports point at this backend and a temporary folder."""
    from tracker.demo import default_demo_file, load_demo

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("TRACKER_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setenv("TRACKER_EXPORTS", str(tmp_path / "exports"))
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
    return engine


@pytest.fixture
def app(demo, database_url):
    """The web app on the demo data (CSRF off: the tests post forms directly)."""
    from tracker.web import create_app
    return create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "WTF_CSRF_ENABLED": False})


@pytest.fixture
def login_as(app):
    """login_as("ocw") → a test client logged in as that demo user."""
    def login(username: str):
        client = app.test_client()
        client.post("/inloggen", data={"username": username, "password": "kamertracker-demo"})
        return client
    return login


def d(text_: str) -> date:
    """Short ISO date literal for tests."""
    return date.fromisoformat(text_)
