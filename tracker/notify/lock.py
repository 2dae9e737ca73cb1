"""One `tracker notify` at a time per database, whichever host runs it.

PostgreSQL: a session advisory lock, keyed by the schema, held on a connection of its own for the whole run; the
server lets go of it when that connection ends, so a killed run leaves nothing to clean up. SQLite: a database in
a file is used on one host only, so an exclusive flock on a file beside it does the same (the kernel lets go when
the process ends). A second run finds the lock taken and stops without sending (AlreadyRunning).
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import text
from sqlalchemy.engine import Engine

LOCK_CLASS = 0x4B54  # "KT": the first half of the advisory-lock key; the second is the schema's hash


class AlreadyRunning(Exception):
    """Another `tracker notify` for this database is sending now."""


@contextmanager
def only_run(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with _advisory(engine):
            yield
        return
    with _flock(engine):
        yield


@contextmanager
def _advisory(engine: Engine) -> Iterator[None]:
    connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        taken = connection.execute(text("SELECT pg_try_advisory_lock(:c, hashtext(current_schema()))"),
                                   {"c": LOCK_CLASS}).scalar()
        if not taken:
            raise AlreadyRunning()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:c, hashtext(current_schema()))"), {"c": LOCK_CLASS})
    finally:
        connection.close()


@contextmanager
def _flock(engine: Engine) -> Iterator[None]:
    database = engine.url.database
    if not database or database == ":memory:":  # a database of this process alone: nobody else can run
        yield
        return
    path = Path(database).with_name(Path(database).name + ".notify-lock")
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise AlreadyRunning() from None
        yield
    finally:
        os.close(descriptor)  # closing lets go of the lock
