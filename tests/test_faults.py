"""Faults survived: writers wait for each other on SQLite, the loser of a race gets 409, a database that is
busy, read-only, full, outdated or unreachable gets a Dutch message (503 on the web), never a traceback."""
from __future__ import annotations

import threading

import pytest
from click.testing import CliRunner
from sqlalchemy.exc import OperationalError, ProgrammingError

from tracker import db, faults, migrate
from tracker.cli import main
from tracker.services import items


def _stand_race(app, demo, login_as, round_):
    """Two officers save the stand van zaken of one item from the same version at the same moment."""
    with db.transaction(demo) as session:
        item = items.find_item(session, "EK", "commissiebrief", "174728.03U")
        url, version = f"/items/{item.id}/stand", item.version
    clients = [login_as("bzk"), login_as("bzk")]
    start, codes = threading.Barrier(2), []

    def save(client, text):
        start.wait(5)
        codes.append(client.post(url, data={"stand_van_zaken": text, "version": version}).status_code)

    threads = [threading.Thread(target=save, args=(c, f"Stand {round_}.{n}")) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return sorted(codes)


def test_the_loser_of_a_same_version_race_gets_409_never_500(app, demo, login_as):
    for round_ in range(5):  # each round new texts: saving what is already there changes nothing, and is no conflict
        assert _stand_race(app, demo, login_as, round_) == [302, 409]


def test_a_post_takes_the_write_lock_when_it_begins(app, demo, login_as, monkeypatch):
    """Every transaction of a POST begins with BEGIN IMMEDIATE on SQLite (a GET never does)."""
    if demo.dialect.name != "sqlite":
        pytest.skip("PostgreSQL takes row locks; there is no database-wide write lock to take")
    client = login_as("bzk")
    begun = []
    monkeypatch.setattr(db, "_immediate", _Spy(db._immediate, begun))
    client.get("/kamervragen")
    assert begun and not any(begun)
    with db.transaction(demo) as session:
        item = items.find_item(session, "EK", "commissiebrief", "174728.03U")
    begun.clear()
    client.post(f"/items/{item.id}/stand", data={"stand_van_zaken": "x", "version": item.version})
    assert begun and all(begun)


class _Spy:
    """The ContextVar behind BEGIN IMMEDIATE, recording what every BEGIN read from it."""

    def __init__(self, var, seen):
        self.var, self.seen = var, seen

    def get(self):
        value = self.var.get()
        self.seen.append(value)
        return value

    def set(self, value):
        return self.var.set(value)

    def reset(self, token):
        self.var.reset(token)


@pytest.mark.parametrize("text, kind", [
    ("database is locked", "busy"), ("attempt to write a readonly database", "readonly"),
    ("database or disk is full", "full"), ("no such table: app_user", "outdated"),
    ("unable to open database file", "unreachable"),
    ('connection to server at "127.0.0.1", port 1 failed: Connection refused', "unreachable")])
def test_database_faults_are_named(text, kind):
    assert faults.kind_of(OperationalError("SELECT 1", {}, Exception(text))) == kind
    assert faults.message(OperationalError("SELECT 1", {}, Exception(text))).endswith("Er is niets gewijzigd.")


def test_a_programming_error_is_not_disguised_as_a_fault():
    assert faults.kind_of(ProgrammingError("SELECT x", {}, Exception("syntax error at or near x"))) is None
    assert faults.kind_of(ValueError("database is locked")) is None


@pytest.mark.parametrize("text", ["database is locked", "attempt to write a readonly database",
                                  "database or disk is full"])
def test_a_database_fault_on_a_save_is_a_503_page_and_nothing_changes(app, demo, login_as, monkeypatch, text):
    def broken(*_args, **_kwargs):
        raise OperationalError("UPDATE tracked_item", {}, Exception(text))

    monkeypatch.setattr(items, "update_item", broken)
    with db.transaction(demo) as session:
        item = items.find_item(session, "EK", "commissiebrief", "174728.03U")
    response = login_as("bzk").post(f"/items/{item.id}/stand", data={"stand_van_zaken": "x", "version": item.version})
    page = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] and "niets gewijzigd" in page
    assert "Traceback" not in page and "OperationalError" not in page


def test_cli_on_an_unreachable_database_says_so(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/test?connect_timeout=2")
    result = CliRunner().invoke(main, ["overdue"])
    assert result.exit_code == 1 and "niet bereikbaar" in result.output and "Traceback" not in result.output


def test_serve_refuses_a_database_at_an_older_migration(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'oud.db'}"
    migrate.upgrade(db.get_engine(url), "0001")
    monkeypatch.setenv("DATABASE_URL", url)
    started = []
    monkeypatch.setattr("tracker.web.server.run", lambda *args: started.append(args))
    refused = CliRunner().invoke(main, ["serve"])
    assert refused.exit_code == 1 and "migratie 0001" in refused.output and "--migrate" in refused.output
    assert started == []
    migrated = CliRunner().invoke(main, ["serve", "--migrate"])
    assert migrated.exit_code == 0 and started and migrate.current_revision(db.get_engine(url)) == migrate.head_revision()


def test_cli_on_a_read_only_database_says_so_and_reading_still_works(tmp_path, monkeypatch):
    path = tmp_path / "alleen-lezen.db"
    engine = db.get_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///file:{path}?mode=ro&uri=true")
    listing = tmp_path / "lijst.csv"
    listing.write_text("soort;kamer;nummer;titel;ministerie;datum\nmotie;TK;1, nr. 1;x;BZK;2024-01-01\n")
    assert CliRunner().invoke(main, ["overdue"]).exit_code == 0  # reading works
    result = CliRunner().invoke(main, ["create-user", "nieuw", "--role", "viewer", "--password", "Lange-zin-42-x"])
    assert result.exit_code == 1 and "alleen-lezen" in result.output and "Traceback" not in result.output
