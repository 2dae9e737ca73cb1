"""What the rate limit costs per request now that it counts in the database (tracker.rate_limit, issue 28).

  .venv/bin/python bench/rate_limit.py [--hits 1000] [--runs 3]

In-process timings, on SQLite (a file in a temporary folder) and, when BENCH_DATABASE_URL or TEST_DATABASE_URL points
to a server, PostgreSQL (a schema of its own, dropped afterwards):
- the counter alone: N hits of one key (an API token), and N hits of N different keys (addresses), before (the
  worker's own dictionary, as the limit was kept until 0036) and after (one upsert in its own transaction);
- a whole API request: N × GET /api/v1/ministeries with a bearer token through the Flask test client, with the
  database counter and with the old in-memory one swapped in.
Reported: the median of the runs, in microseconds per hit or request.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from tracker import db, migrate  # noqa: E402
from tracker.rate_limit import RateLimiter, _LocalWindows  # noqa: E402

LIMIT = 100_000_000  # never refused: the counting is what is measured


class InMemory:
    """The limiter as it was before 0036: this worker's own count."""

    def __init__(self):
        self.windows = _LocalWindows()

    def hit(self, engine, key: str, per_minute: int) -> int | None:
        now = time.time()
        window = int(now // 60)
        return None if self.windows.count(key, window) <= per_minute else 1


def _timed(function, n: int) -> float:
    started = time.perf_counter()
    for i in range(n):
        function(i)
    return (time.perf_counter() - started) / n * 1e6  # µs each


def measure(name: str, url: str, hits: int, runs: int) -> list[tuple[str, str, float, float]]:
    engine = db.get_engine(url)
    migrate.upgrade(engine)
    rows = []
    for label, one_key in (("1 sleutel (token)", True), (f"{hits} sleutels (adressen)", False)):
        before, after = [], []
        for run in range(runs):
            old, new = InMemory(), RateLimiter()
            key = (lambda i: "token:1") if one_key else (lambda i, r=run: f"adres:198.51.{r}.{i}")
            before.append(_timed(lambda i: old.hit(engine, key(i), LIMIT), hits))
            after.append(_timed(lambda i: new.hit(engine, key(i), LIMIT), hits))
        rows.append((name, f"teller, {label}", statistics.median(before), statistics.median(after)))
    rows.append((name, "GET /api/v1/ministeries", *_requests(engine, url, hits, runs)))
    for name_, what, b, a in rows[-3:]:
        print(f"{name_:10} {what:32} voor {b:9.1f} µs  na {a:9.1f} µs  (+{a - b:.1f} µs)", flush=True)
    engine.dispose()
    return rows


def _requests(engine, url: str, n: int, runs: int) -> tuple[float, float]:
    from sqlmodel import select

    from tracker.demo import default_demo_file, load_demo
    from tracker.models import User
    from tracker.services.tokens import create_token
    from tracker.web import create_app

    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
    with db.transaction(engine) as session:
        token = create_token(session, session.exec(select(User).where(User.username == "bzk")).one(), "bench")[1]
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench", "API_RATE_PER_MINUTE": LIMIT})
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    database = app.extensions["rate_limiter"]
    for _ in range(50):  # warm: templates, caches, the pool
        assert client.get("/api/v1/ministeries", headers=headers).status_code == 200
    before, after = [], []
    for _ in range(runs):
        app.extensions["rate_limiter"] = InMemory()
        before.append(_timed(lambda i: client.get("/api/v1/ministeries", headers=headers), n))
        app.extensions["rate_limiter"] = database
        after.append(_timed(lambda i: client.get("/api/v1/ministeries", headers=headers), n))
    return statistics.median(before), statistics.median(after)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("TRACKER_INSTANCE", str(Path(tmp) / "instance"))
        rows += measure("sqlite", f"sqlite:///{tmp}/bench.db", args.hits, args.runs)
        pg = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
        if pg:
            schema = f"kt_bench_{uuid.uuid4().hex[:8]}"
            admin = db.make_engine(pg)
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            base = db.config.normalise_database_url(pg)
            try:
                rows += measure("postgresql", f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}",
                                args.hits, args.runs)
            finally:
                with admin.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
    print(f"\n| database | wat ({args.hits}×, mediaan van {args.runs}) | voor: in het geheugen (µs) | "
          "na: in de database (µs) | verschil (µs) |")
    print("|---|---|---|---|---|")
    for name, what, b, a in rows:
        print(f"| {name} | {what} | {b:.1f} | {a:.1f} | +{a - b:.1f} |")


if __name__ == "__main__":
    main()
