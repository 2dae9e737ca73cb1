"""Rate limits that hold for the whole installation: a fixed one-minute window per key, counted in the database.

Every worker of every app server counts in the same row (rate_bucket), so a client gets the limit once, not once per
worker per host. A hit is one statement in its own short transaction, independent of the request's:

    INSERT … ON CONFLICT (key) DO UPDATE SET hits = hits + 1 (or 1 in a new minute) … RETURNING hits

(SQLite ≥ 3.35 and PostgreSQL). One row per key, reset in place when a new minute begins; the first hit a process
counts in a new minute also deletes the rows of keys that have been idle since an earlier one (an index on
window_start), so the table holds about one minute of keys. Two servers whose clocks differ a little never reset each
other's count: a row keeps the later of the two minutes.

The counter never makes a request wait for another transaction: when the database cannot count at once (SQLite's
write lock held by a long import, a row lock, a read-only standby, …) this process counts that hit in its own memory,
as the limit was kept before, and says so in the log once a minute.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from . import db, faults

log = logging.getLogger(__name__)
KEY_LENGTH = 100  # rate_bucket.key
WAIT_MS = 250  # how long a hit may wait for a lock before this process counts it alone
_HIT = text('INSERT INTO rate_bucket ("key", window_start, hits) VALUES (:key, :window, 1) '
            'ON CONFLICT ("key") DO UPDATE SET '
            'hits = CASE WHEN rate_bucket.window_start >= excluded.window_start THEN rate_bucket.hits + 1 ELSE 1 END, '
            'window_start = CASE WHEN rate_bucket.window_start >= excluded.window_start '
            'THEN rate_bucket.window_start ELSE excluded.window_start END '
            'RETURNING hits')
_POSTGRESQL_SETTINGS = text("SELECT set_config('lock_timeout', :wait, true), "
                            "set_config('synchronous_commit', 'off', true)")
_PRUNE = text("DELETE FROM rate_bucket WHERE window_start < :window")


def key_for(kind: str, value: str) -> str:
    """The bucket's key: a kind ("token", "adres") and a value from outside (an address), bounded."""
    return f"{kind}:{value[:64]}"[:KEY_LENGTH]


class _LocalWindows:
    """The fallback: this process's own count per key and minute (what every worker kept before)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[int, int]] = {}

    def count(self, key: str, window: int) -> int:
        with self._lock:
            start, hits = self._windows.get(key, (window, 0))
            if start < window:
                start, hits = window, 0
            self._windows[key] = (start, hits + 1)
            if len(self._windows) > 10_000:  # old windows of idle keys
                self._windows = {k: v for k, v in self._windows.items() if v[0] >= window}
            return hits + 1


class RateLimiter:
    """`hit(engine, key, per_minute)`: None when allowed, else the seconds until the next minute (Retry-After).

    clock: seconds since 1970 (time.time; a test pins it)."""

    def __init__(self, clock: Callable[[], float] | None = None):
        self.clock = clock or time.time
        self._local = _LocalWindows()
        self._pruned_window: int | None = None
        self._warned_window: int | None = None

    def hit(self, engine: Engine, key: str, per_minute: int) -> int | None:
        now = self.clock()
        window = int(now // 60)
        key = key[:KEY_LENGTH]
        try:
            hits = self._count(engine, key, window)
        except DBAPIError as error:
            if faults.kind_of(error) is None:
                raise
            if self._warned_window != window:
                self._warned_window = window
                log.warning("verzoeklimiet: de database telde niet (%s); deze worker telt deze minuut zelf",
                            faults.kind_of(error))
            hits = self._local.count(key, window)
        else:
            if self._pruned_window != window:
                self._prune(engine, window)
        return None if hits <= per_minute else max(1, int((window + 1) * 60 - now) + 1)

    def _count(self, engine: Engine, key: str, window: int) -> int:
        with _short(engine) as connection:
            return connection.execute(_HIT, {"key": key, "window": window}).scalar_one()

    def _prune(self, engine: Engine, window: int) -> None:
        """Delete the buckets of keys idle since an earlier minute: once a minute per process, best effort."""
        try:
            with _short(engine) as connection:
                connection.execute(_PRUNE, {"window": window})
        except DBAPIError as error:
            if faults.kind_of(error) is None:
                raise
            return  # the next hit tries again
        self._pruned_window = window


@contextmanager
def _short(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction that waits at most WAIT_MS for a lock (SQLite's write lock, a row lock)."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # on the driver's connection: through SQLAlchemy the PRAGMA would begin a transaction
            connection.connection.driver_connection.execute(f"PRAGMA busy_timeout={WAIT_MS}")
        try:
            with connection.begin():
                if not sqlite:  # one round trip: wait for a lock at most WAIT_MS, and commit without waiting for
                    # the disk (a count lost in a crash of the database server costs nothing; the fsync cost 4 ms a hit)
                    connection.execute(_POSTGRESQL_SETTINGS, {"wait": f"{WAIT_MS}ms"})
                yield connection
        finally:
            if sqlite:
                connection.connection.driver_connection.execute(f"PRAGMA busy_timeout={db.BUSY_TIMEOUT_MS}")
