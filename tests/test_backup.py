"""`tracker backup` and `tracker restore`: a consistent copy while the app writes, restored into an empty database."""
from __future__ import annotations

import os
import threading
import uuid
from datetime import date

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from tracker import backup, db
from tracker.authz import system
from tracker.cli import main
from tracker.config import normalise_database_url
from tracker.services import items


def _counts(engine) -> tuple[int, int]:
    """Items, and items with their 'aangemaakt' event: equal in any consistent snapshot (one transaction)."""
    with engine.connect() as connection:
        made = connection.execute(text("SELECT count(*) FROM tracked_item")).scalar()
        audited = connection.execute(text("SELECT count(DISTINCT item_id) FROM audit_event "
                                          "WHERE action = 'aangemaakt'")).scalar()
    return made, audited


def _writing(engine, stop: threading.Event, made: list) -> None:
    n = 0
    while not stop.is_set():
        with db.transaction(engine, immediate=True) as session:
            items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer=f"2026Z8{n:04d}",
                                                       title="Tijdens de back-up", ministry_code="BZK",
                                                       start_date=date(2026, 11, 2)), system("t"))
        made.append(n)
        n += 1


def _backup_while_writing(engine, path):
    stop, made = threading.Event(), []
    writer = threading.Thread(target=_writing, args=(engine, stop, made))
    writer.start()
    try:
        while len(made) < 5:
            stop.wait(0.01)
        what = backup.backup(engine, path)
    finally:
        stop.set()
        writer.join(30)
    return what, len(made)


@pytest.fixture
def empty_target(database_url, tmp_path):
    """A new, empty database of the same backend: a SQLite file, or a PostgreSQL database made for the test."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'hersteld.db'}"
        return
    name = f"kt_restore_{uuid.uuid4().hex[:8]}"
    admin = db.make_engine(os.environ["TEST_DATABASE_URL"], isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    base = normalise_database_url(os.environ["TEST_DATABASE_URL"]).rsplit("/", 1)[0]
    schema = dict(part.split("=", 1) for part in database_url.split("?", 1)[1].split("&"))["options"]
    yield f"{base}/{name}?options={schema}"
    db.get_engine(f"{base}/{name}?options={schema}").dispose()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_backup_while_the_app_writes_restores_a_consistent_register(demo, empty_target, tmp_path):
    path = tmp_path / "register.backup"
    what, written = _backup_while_writing(demo, path)
    assert written >= 5 and path.stat().st_size > 0 and what
    target = db.get_engine(empty_target)
    backup.restore(target, path)
    made, audited = _counts(target)
    assert made == audited and made >= 21  # the demo's items, and those written before the snapshot, whole
    assert made <= _counts(demo)[0]


def test_restore_refuses_a_database_that_is_not_empty_and_a_file_that_is_no_backup(demo, tmp_path):
    path = tmp_path / "register.backup"
    backup.backup(demo, path)
    with pytest.raises(backup.BackupError, match="niet leeg"):
        backup.restore(demo, path)
    with pytest.raises(backup.BackupError, match="bestaat al"):
        backup.backup(demo, path)
    other = tmp_path / "lijst.csv"
    other.write_text("soort;kamer\n")
    with pytest.raises(backup.BackupError, match="geen"):
        backup.restore(db.get_engine(f"sqlite:///{tmp_path / 'leeg.db'}"), other)


def test_cli_backup_and_restore(demo, tmp_path, monkeypatch):
    if demo.dialect.name != "sqlite":
        pytest.skip("the PostgreSQL round trip is tested above; the CLI is the same code")
    path = tmp_path / "cli.backup"
    result = CliRunner().invoke(main, ["backup", str(path)])
    assert result.exit_code == 0 and "SQLite online backup" in result.output
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nieuw.db'}")
    restored = CliRunner().invoke(main, ["restore", str(path)])
    assert restored.exit_code == 0 and "teruggezet" in restored.output
    assert CliRunner().invoke(main, ["overdue", "--on", "2025-01-01"]).exit_code == 0
