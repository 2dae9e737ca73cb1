"""`tracker backup` and `tracker restore`: a consistent copy while the app writes, restored into an empty database."""
from __future__ import annotations

import os
import threading
import uuid
from datetime import date
from pathlib import Path

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


# --------------------------------------------------- point 22: partial backups cleared, a corrupt backup never restored
def test_the_next_backup_clears_what_a_killed_one_left_and_keeps_one_still_running(demo, tmp_path):
    import fcntl

    from tracker.backup import PARTIAL_PREFIX, PARTIAL_SUFFIX

    # an earlier version's killed backup: NAAM.deel with its -wal and -shm
    old = [tmp_path / f"register.backup.deel{suffix}" for suffix in ("", "-wal", "-shm")]
    for path in old:
        path.write_bytes(backup.SQLITE_MAGIC + bytes(100))
    # this version's: a folder of its own, no longer locked by the process that was killed
    killed = tmp_path / f"{PARTIAL_PREFIX}register.backup-x1y2z3{PARTIAL_SUFFIX}"
    killed.mkdir()
    (killed / "register.backup").write_bytes(backup.SQLITE_MAGIC)
    (killed / "register.backup-journal").write_bytes(b"x")
    running = tmp_path / f"{PARTIAL_PREFIX}ander.backup-a1b2c3{PARTIAL_SUFFIX}"
    running.mkdir()
    export_partial = tmp_path / ".lijst.csv.deel"  # `tracker export` at work: not a backup's
    export_partial.write_text("soort;kamer\n")
    lock = os.open(running, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = CliRunner().invoke(main, ["backup", str(tmp_path / "register.backup")])
        assert result.exit_code == 0, result.output
        assert running.is_dir()
    finally:
        os.close(lock)
    assert not any(path.exists() for path in old) and not killed.exists() and export_partial.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".lijst.csv.deel", running.name, "register.backup"])
    backup.backup(demo, tmp_path / "tweede.backup")  # the running one's lock is gone now: cleared as well
    assert not running.exists()


def _vacuumed(path, tmp_path):
    """The backup without free pages, so that every page a test damages is one the database uses."""
    import shutil
    import sqlite3

    copy = tmp_path / f"{path.stem}-compact.backup"
    shutil.copyfile(path, copy)
    connection = sqlite3.connect(copy, isolation_level=None)
    connection.execute("VACUUM")
    size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    return copy, size


def _damaged_copies(demo, good, tmp_path) -> dict:
    """Corrupt versions of a good backup: a page zeroed, bits flipped in page headers; PostgreSQL: a zeroed block."""
    data = bytearray(good.read_bytes())
    damaged = {}
    if demo.dialect.name == "sqlite":
        compact, page = _vacuumed(good, tmp_path)
        data = bytearray(compact.read_bytes())
        pages = len(data) // page
        zeroed = bytearray(data)
        zeroed[(pages // 2) * page:(pages // 2 + 1) * page] = bytes(page)
        damaged["zeroed page"] = zeroed
        flipped = bytearray(data)
        for number in range(2, pages, 3):  # the b-tree page type byte of every third page
            flipped[number * page] ^= 0x5A
        damaged["flipped bits"] = flipped
    else:
        middle = len(data) // 2
        data[middle:middle + 4096] = bytes(4096)
        damaged["zeroed block"] = data
    paths = {}
    for name, content in damaged.items():
        paths[name] = tmp_path / f"{name.replace(' ', '-')}.backup"
        paths[name].write_bytes(content)
    return paths


def test_a_corrupt_backup_never_reaches_the_database_and_a_good_one_restores_after_it(demo, empty_target, tmp_path):
    good = tmp_path / "goed.backup"
    backup.backup(demo, good)
    target = db.get_engine(empty_target)
    for name, damaged in _damaged_copies(demo, good, tmp_path).items():
        with pytest.raises(backup.BackupError) as refused:
            backup.restore(target, damaged)
        message = str(refused.value)
        assert "niets teruggezet" in message and "geen back-up gemaakt" not in message, (name, message)
        assert not backup._has_tables(target), name  # untouched: still empty
        if demo.dialect.name == "sqlite":
            folder = Path(target.url.database).parent
            assert not [p.name for p in folder.iterdir() if p.name.startswith(backup.PARTIAL_PREFIX)]
    backup.restore(target, good)  # the retry with a good backup works
    made, audited = _counts(target)
    assert made == audited == _counts(demo)[0]


def _good_and_zeroed_backups(demo, tmp_path):
    """A good SQLite backup of the demo and a copy of it with a page of zeroes."""
    good = tmp_path / "goed.backup"
    backup.backup(demo, good)
    return good, _damaged_copies(demo, good, tmp_path)["zeroed page"]


def test_cli_restore_of_a_corrupt_backup_says_what_happened(demo, tmp_path, monkeypatch):
    if demo.dialect.name != "sqlite":
        pytest.skip("the PostgreSQL refusal is tested above; the CLI is the same code")
    good, damaged = _good_and_zeroed_backups(demo, tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'nieuw.db'}")
    refused = CliRunner().invoke(main, ["restore", str(damaged)])
    assert refused.exit_code == 1 and "beschadigd" in refused.output and "niets teruggezet" in refused.output
    assert "Traceback" not in refused.output and "geen back-up gemaakt" not in refused.output
    assert CliRunner().invoke(main, ["overdue"]).exit_code == 1  # no database there: nothing was restored
    restored = CliRunner().invoke(main, ["restore", str(good)])
    assert restored.exit_code == 0 and "teruggezet" in restored.output


def test_serve_refuses_a_damaged_sqlite_database(demo, tmp_path, monkeypatch):
    if demo.dialect.name != "sqlite":
        pytest.skip("PostgreSQL checks its own pages; quick_check is SQLite's")
    good, damaged = _good_and_zeroed_backups(demo, tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{damaged}")
    started = []
    monkeypatch.setattr("tracker.web.server.run", lambda *args: started.append(args))
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 1 and "beschadigd" in result.output and "quick_check" in result.output
    assert started == []
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{_vacuumed(good, tmp_path)[0]}")
    assert CliRunner().invoke(main, ["serve"]).exit_code == 0 and started
