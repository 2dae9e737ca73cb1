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
    ("database disk image is malformed", "damaged"),
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


# ------------------------------------------------------------------- point 16: a database fault is a 503, never a 500
def _token(engine, username: str) -> str:
    from sqlmodel import select

    from tracker.models import User
    from tracker.services.tokens import create_token

    with db.transaction(engine) as session:
        return create_token(session, session.exec(select(User).where(User.username == username)).one())[1]


def _unreachable(database_url: str, tmp_path):
    """A real engine whose database cannot be reached: a closed port, or a SQLite file in a folder that is not."""
    if database_url.startswith("sqlite"):
        return db.make_engine(f"sqlite:///{tmp_path / 'weg' / 'nergens.db'}")
    return db.make_engine("postgresql://postgres@127.0.0.1:1/test?connect_timeout=2")


def test_an_unreachable_database_is_a_dutch_503_for_a_signed_in_user_and_on_the_api(app, demo, login_as, database_url,
                                                                                   tmp_path, monkeypatch):
    browser, token = login_as("bzk"), _token(demo, "bzk")
    monkeypatch.setitem(app.extensions, "engine", _unreachable(database_url, tmp_path))
    page = browser.get("/kamervragen")  # the signed-in user must be read from the database: it fails there
    text_ = page.get_data(as_text=True)
    assert page.status_code == 503 and page.headers["Retry-After"] and "niet bereikbaar" in text_
    assert "Database niet beschikbaar" in text_ and "Traceback" not in text_
    for method, url in (("GET", "/api/v1/items"), ("GET", "/api/v1/ministeries"), ("PATCH", "/api/v1/items/1")):
        response = app.test_client().open(url, method=method, json={} if method == "PATCH" else None,
                                          headers={"Authorization": f"Bearer {token}", "If-Match": '"1"'})
        assert response.status_code == 503 and response.content_type == "application/problem+json"
        assert response.headers["Retry-After"] and "niet bereikbaar" in response.get_json()["detail"]
    app.extensions["engine"].dispose()


def test_a_database_error_inside_an_api_call_is_a_503_problem(app, demo, monkeypatch):
    token = _token(demo, "bzk")

    def broken(*_args, **_kwargs):
        raise OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr("tracker.web.api.routes._overdue_json", broken)
    response = app.test_client().get("/api/v1/overdue", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503 and response.content_type == "application/problem+json"
    assert "niet bereikbaar" in response.get_json()["detail"]


@pytest.fixture
def short_busy_timeout(demo, monkeypatch):
    """SQLite connections that give up waiting for the write lock after 0.3 s instead of 30 s."""
    if demo.dialect.name != "sqlite":
        pytest.skip("SQLite's database-wide write lock; PostgreSQL locks rows")
    demo.dispose()
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    yield demo
    demo.dispose()  # the next test's connections get the real timeout again


def _holding_the_write_lock(engine):
    import sqlite3

    holder = sqlite3.connect(engine.url.database, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE ministry SET name = name")
    return holder


def test_a_sqlite_lock_held_past_the_busy_timeout_is_a_503_and_reads_go_on(app, short_busy_timeout, login_as):
    demo = short_busy_timeout
    browser, token = login_as("bzk"), _token(demo, "bzk")  # never used yet: the first GET wants to note that
    with db.transaction(demo) as session:
        item = items.find_item(session, "EK", "commissiebrief", "174728.03U")
    api = app.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    holder = _holding_the_write_lock(demo)
    try:
        read = api.get("/api/v1/items", headers=auth)  # a read never fails for the token's last-used date
        assert read.status_code == 200, read.get_data(as_text=True)
        assert browser.get("/kamervragen").status_code == 200
        write = api.patch(f"/api/v1/items/{item.id}", json={"titel": "Nieuw"},
                          headers={**auth, "If-Match": f'"{item.version}"'})
        assert write.status_code == 503 and write.content_type == "application/problem+json"
        assert write.headers["Retry-After"] and "bezig" in write.get_json()["detail"]
        page = browser.post(f"/items/{item.id}/stand", data={"stand_van_zaken": "x", "version": item.version})
        assert page.status_code == 503 and "niets gewijzigd" in page.get_data(as_text=True)
    finally:
        holder.rollback()
        holder.close()
    with db.transaction(demo) as session:
        assert items.find_item(session, "EK", "commissiebrief", "174728.03U").version == item.version
    assert api.get("/api/v1/items", headers=auth).status_code == 200


def test_a_postgresql_row_lock_held_past_the_lock_timeout_is_a_503_and_reads_go_on(app, demo, login_as,
                                                                                     monkeypatch):
    """A transaction that holds an item's row and never ends (a stuck worker, an open psql session): a write to
    that item gives up after the lock timeout (as SQLite's busy timeout) with a 503, instead of holding a worker
    for ever; reads and writes elsewhere go on."""
    from sqlalchemy import text as sql

    if demo.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's row locks; SQLite's write lock is tested above")
    demo.dispose()
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)
    browser, token = login_as("bzk"), _token(demo, "bzk")
    auth = {"Authorization": f"Bearer {token}"}
    with db.transaction(demo) as session:
        item = items.find_item(session, "EK", "commissiebrief", "174728.03U")
    holder = demo.connect()
    try:
        holder.begin()
        holder.execute(sql("SELECT id FROM tracked_item WHERE id = :id FOR UPDATE"), {"id": item.id})
        api = app.test_client()
        assert api.get(f"/api/v1/items/{item.id}", headers=auth).status_code == 200
        write = api.patch(f"/api/v1/items/{item.id}", json={"titel": "Nieuw"},
                          headers={**auth, "If-Match": f'"{item.version}"'})
        assert write.status_code == 503 and write.content_type == "application/problem+json"
        assert "bezig" in write.get_json()["detail"]
        page = browser.post(f"/items/{item.id}/stand", data={"stand_van_zaken": "x", "version": item.version})
        assert page.status_code == 503 and "niets gewijzigd" in page.get_data(as_text=True)
    finally:
        holder.rollback()
        holder.close()
        demo.dispose()  # the next test's connections get the real timeout again
    with db.transaction(demo) as session:
        assert items.find_item(session, "EK", "commissiebrief", "174728.03U").version == item.version


def test_the_token_is_noted_as_used_at_most_every_few_minutes(app, demo, monkeypatch):
    """A read writes last_used_at only when the last note is older than TOUCH_EVERY."""
    from sqlalchemy import text as sql

    from tracker.services import tokens

    token = _token(demo, "bzk")
    client, auth = app.test_client(), {"Authorization": f"Bearer {token}"}
    touched = []
    real = tokens.touch
    monkeypatch.setattr("tracker.web.api.touch", lambda engine, user: (touched.append(user.touch_due),
                                                                       real(engine, user)))
    for _ in range(3):
        assert client.get("/api/v1/ministeries", headers=auth).status_code == 200
    assert touched == [True, False, False]
    with demo.connect() as connection:
        assert connection.execute(sql("SELECT last_used_at FROM api_token")).scalar() is not None


# --------------------------------------------- point 20: imports at the same moment, a full disk during the bulk load
def _new_rows_file(tmp_path, count: int, title: str = "Motie over de wachttijden"):
    path = tmp_path / "nieuw.csv"
    path.write_text("soort;kamer;nummer;titel;ministerie;datum\n" + "".join(
        f"motie;TK;36999, nr. {n};{title} {n};BZK;2024-01-{1 + n % 28:02d}\n" for n in range(1, count + 1)),
        encoding="utf-8")
    return path


def _motie_count(engine) -> int:
    from sqlalchemy import text as sql

    with engine.connect() as connection:
        return connection.execute(sql("SELECT count(*) FROM tracked_item WHERE nummer LIKE '36999, nr. %'")).scalar()


def test_three_imports_of_the_same_new_rows_at_once_write_each_item_once_without_a_traceback(demo, tmp_path,
                                                                                           monkeypatch):
    """On PostgreSQL all three find the rows new, insert at the same moment, and two wait for the first one's
    keys: they then count the rows as existing. On SQLite the imports take turns (the write lock)."""
    from tracker import importer
    from tracker.authz import system
    from tracker.services import bulk

    path = _new_rows_file(tmp_path, 40)
    if demo.dialect.name == "postgresql":
        together, first_try, real = threading.Barrier(3), set(), bulk.insert_new_items

        def insert_together(*args, **kwargs):
            if threading.get_ident() not in first_try:  # every import's first try: all three at once
                first_try.add(threading.get_ident())
                together.wait(30)
            return real(*args, **kwargs)
        monkeypatch.setattr(bulk, "insert_new_items", insert_together)
    outcomes = []

    def run(n):
        try:
            with db.transaction(demo, immediate=True) as session:
                summary = importer.import_file(session, path, system(f"import {n}"))
            outcomes.append((len(summary.created), len(summary.updated), len(summary.unchanged)))
        except Exception as error:  # noqa: BLE001 - the test reports it
            outcomes.append(error)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(outcomes) == [(0, 0, 40), (0, 0, 40), (40, 0, 0)], outcomes
    assert _motie_count(demo) == 40


def test_an_import_that_keeps_losing_the_race_says_so_and_writes_nothing(demo, login_as, tmp_path, monkeypatch):
    from sqlalchemy.exc import IntegrityError

    from tracker.services import bulk

    def taken(*_args, **_kwargs):
        raise IntegrityError("COPY tracked_item", {}, Exception('duplicate key value violates unique constraint '
                                                                '"uq_item_chamber_kind_nummer"'))
    monkeypatch.setattr(bulk, "insert_new_items", taken)
    path = _new_rows_file(tmp_path, 3)
    postgres = demo.dialect.name == "postgresql"  # on SQLite imports take turns: no retry, the plain message
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 1 and "iemand anders tegelijk" in result.output and "probeer het opnieuw" in result.output
    assert ("rijen 2–4" in result.output) == postgres
    assert result.exception is None or isinstance(result.exception, SystemExit)
    page = login_as("admin").post("/import", data={"file": (path.open("rb"), "nieuw.csv")},
                                  content_type="multipart/form-data")
    assert page.status_code == (400 if postgres else 409) and "iemand anders tegelijk" in page.get_data(as_text=True)
    assert _motie_count(demo) == 0


@pytest.fixture
def disk_full(demo, monkeypatch):
    """The database's disk fills up during an import's bulk insert: on PostgreSQL COPY fails with DiskFull (the
    driver's own exception, injected after the first rows); on SQLite the database may not grow (max_page_count)."""
    from sqlalchemy import event

    from tracker.services import bulk

    if demo.dialect.name == "postgresql":
        import psycopg

        real = bulk._InsertPlan.values

        def values_then_full(self, rows):
            yield from real(self, rows)[:1]
            raise psycopg.errors.DiskFull("could not extend file \"base/16384/24601\": No space left on device")
        original_copy = bulk._copy_rows

        def copy_then_full(connection, table, plan, rows):
            monkeypatch.setattr(bulk._InsertPlan, "values", values_then_full)
            try:
                original_copy(connection, table, plan, rows)
            finally:
                monkeypatch.setattr(bulk._InsertPlan, "values", real)
        monkeypatch.setattr(bulk, "_copy_rows", copy_then_full)
        yield
        return
    import sqlite3

    demo.dispose()
    vacuum = sqlite3.connect(demo.url.database, isolation_level=None)
    vacuum.execute("VACUUM")  # no free pages left: every new row needs the file to grow
    vacuum.close()

    def no_growth(connection):
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.exec_driver_sql(f"PRAGMA max_page_count={pages + 1}")
    event.listen(demo, "begin", no_growth)
    yield
    event.remove(demo, "begin", no_growth)
    demo.dispose()  # max_page_count stays with a connection


def test_a_full_disk_during_an_import_is_a_message_on_the_cli_and_a_503_on_the_web(demo, login_as, tmp_path,
                                                                                  disk_full):
    path = _new_rows_file(tmp_path, 300, "Motie over de wachttijden bij de IND en de gevolgen voor gemeenten" * 3)
    browser = login_as("admin")
    result = CliRunner().invoke(main, ["import", str(path)])
    assert result.exit_code == 1 and "schijf van de database is vol" in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    page = browser.post("/import", data={"file": (path.open("rb"), "nieuw.csv")}, content_type="multipart/form-data")
    assert page.status_code == 503 and "schijf van de database is vol" in page.get_data(as_text=True)
    assert _motie_count(demo) == 0
