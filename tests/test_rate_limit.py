"""The rate limits count in the database (tracker.rate_limit): two app instances on one database (two servers) share
one limit; a new minute starts the count again; the time is pinned by a clock given to the app, never the wall clock."""
from __future__ import annotations

import threading
import time

from sqlalchemy import func, select, text

from tracker.models import RateBucket
from tracker.rate_limit import KEY_LENGTH, RateLimiter, key_for

from tests.test_api import token_for

MINUTE = 1_800_000_000.0  # a minute's first second (1_800_000_000 / 60 = 30_000_000)


class Clock:
    def __init__(self, now: float):
        self.now = now

    def __call__(self) -> float:
        return self.now


def two_servers(database_url, clock, **config):
    from tracker.web import create_app
    return [create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "t", "RATE_LIMIT_CLOCK": clock,
                        **config}) for _ in range(2)]


def test_two_servers_share_one_api_limit_and_a_new_minute_starts_again(demo, database_url):
    clock = Clock(MINUTE + 10)
    first, second = two_servers(database_url, clock, API_RATE_PER_MINUTE=3)
    assert first.extensions["rate_limiter"] is not second.extensions["rate_limiter"]  # nothing shared in memory
    token = {"Authorization": f"Bearer {token_for(demo, 'bzk')}"}
    used = [first.test_client().get("/api/v1/ministeries", headers=token).status_code for _ in range(3)]
    refused = second.test_client().get("/api/v1/ministeries", headers=token)
    assert used == [200, 200, 200] and refused.status_code == 429
    assert refused.content_type == "application/problem+json" and refused.headers["Retry-After"] == "51"
    assert "Te veel verzoeken met dit token" in refused.get_json()["detail"]
    assert first.test_client().get("/api/v1/ministeries", headers=token).status_code == 429
    clock.now = MINUTE + 60  # the next minute
    assert second.test_client().get("/api/v1/ministeries", headers=token).status_code == 200
    with demo.connect() as connection:
        assert connection.execute(select(RateBucket.hits)).scalars().all() == [1]


def test_two_servers_share_one_limit_per_address_on_the_public_register(demo, database_url):
    clock = Clock(MINUTE)
    first, second = two_servers(database_url, clock, PUBLIC_REGISTER=True, PUBLIC_RATE_PER_MINUTE=2)
    here, there = {"REMOTE_ADDR": "192.0.2.7"}, {"REMOTE_ADDR": "192.0.2.8"}
    assert [first.test_client().get("/openbaar/", environ_base=here).status_code for _ in range(2)] == [200, 200]
    refused = second.test_client().get("/openbaar/", environ_base=here)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "61"
    assert "Te veel verzoeken van dit adres" in refused.get_data(as_text=True)
    assert second.test_client().get("/openbaar/", environ_base=there).status_code == 200  # another address
    clock.now = MINUTE + 59.5
    assert first.test_client().get("/openbaar/", environ_base=here).status_code == 429
    clock.now = MINUTE + 60
    assert first.test_client().get("/openbaar/", environ_base=here).status_code == 200


def test_a_key_from_outside_is_bounded(engine):
    limiter = RateLimiter(clock=Clock(MINUTE))
    address = "2001:db8::" + "f" * 5000  # what a misconfigured proxy could hand on as the client's address
    assert limiter.hit(engine, key_for("adres", address), 1) is None
    assert limiter.hit(engine, key_for("adres", address), 1) == 61
    with engine.connect() as connection:
        assert connection.execute(select(func.max(func.length(RateBucket.key)))).scalar_one() <= KEY_LENGTH
    assert len(key_for("adres", address)) <= 64 + len("adres:")


def test_idle_keys_of_earlier_minutes_are_pruned(engine):
    clock = Clock(MINUTE)
    limiter = RateLimiter(clock=clock)
    for n in range(5):
        limiter.hit(engine, f"adres:192.0.2.{n}", 100)
    clock.now += 60
    limiter.hit(engine, "adres:192.0.2.99", 100)  # this process's first hit in the new minute prunes
    with engine.connect() as connection:
        assert connection.execute(select(RateBucket.key)).scalars().all() == ["adres:192.0.2.99"]


def test_a_server_whose_clock_is_behind_does_not_reset_the_count(engine):
    ahead, behind = RateLimiter(clock=Clock(MINUTE + 60)), RateLimiter(clock=Clock(MINUTE + 59))
    assert ahead.hit(engine, "token:1", 2) is None
    assert behind.hit(engine, "token:1", 2) is None
    assert ahead.hit(engine, "token:1", 2) is not None  # the third hit in the later minute, whoever counted it
    with engine.connect() as connection:
        assert connection.execute(select(RateBucket.window_start, RateBucket.hits)).one() == (30_000_001, 3)


def test_a_busy_database_never_holds_up_a_request(engine):
    """A long write elsewhere (SQLite's write lock, a lock on the row): the hit is counted in this process at once."""
    limiter = RateLimiter(clock=Clock(MINUTE))
    assert limiter.hit(engine, "token:7", 2) is None  # the row exists, counted in the database
    locked, release = threading.Event(), threading.Event()

    def hold():
        with engine.connect() as connection:
            with connection.begin():
                # SQLite: the write lock of the whole database; PostgreSQL: the lock on this row
                connection.execute(text("UPDATE rate_bucket SET hits = hits WHERE \"key\" = 'token:7'"))
                locked.set()
                release.wait(20)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert locked.wait(10)
        started = time.monotonic()
        answers = [limiter.hit(engine, "token:7", 2) for _ in range(3)]
        took = time.monotonic() - started
    finally:
        release.set()
        holder.join()
    assert answers[:2] == [None, None] and answers[2] is not None  # this process's own count still limits
    assert took < 3  # 3 × the 250 ms it may wait, not the 30 s busy timeout of a write
    with engine.connect() as connection:
        assert connection.execute(select(RateBucket.hits)).scalar_one() == 1  # nothing counted twice


def test_servers_counting_at_the_same_moment_lose_no_hit(engine):
    """Four workers (each its own limiter, as on four servers) hit one key at once: every hit is counted once, and
    exactly the limit is let through."""
    clock = Clock(MINUTE)
    limit, workers, each = 30, 4, 25
    allowed, start = [], threading.Barrier(workers)

    def worker():
        limiter = RateLimiter(clock=clock)
        start.wait()
        allowed.extend(limiter.hit(engine, "token:9", limit) is None for _ in range(each))

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(allowed) == limit
    with engine.connect() as connection:
        assert connection.execute(select(RateBucket.hits)).scalar_one() == workers * each
