"""Benchmark: Overzicht (/) with 100,000 generated items, as the griffie (all ministries) and as an officer.

Run by hand (not in CI):  .venv/bin/python bench/overview.py [--items 100000] [--runs 7] [--database-url URL]
(PostgreSQL: the schema of that database is emptied first; the tables are vacuumed after loading, as autovacuum
would do on a server in use, so that index-only scans can skip the table.)
Cold: the first request after a write (the dashboard is worked out); warm: the next ones (cached per data
version, as Te laat). Reported: the median and the worst of each, in milliseconds, through Flask's test client
(the page rendered whole, no network).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import fresh_database, reset_postgres  # noqa: E402
from sqlalchemy import text  # noqa: E402
from tracker import db  # noqa: E402
from tracker.authz import system  # noqa: E402
from tracker.demo import DEMO_PASSWORD  # noqa: E402
from tracker.generate import generate  # noqa: E402
from tracker.services import items  # noqa: E402
from tracker.web import create_app  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a SQLite file in a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/overview.db"
        if args.database_url:
            reset_postgres(url)
        fresh_database(url)  # migrated, with the demo
        engine = db.get_engine(url)
        generate(engine, args.items, seed=2024)
        if args.database_url:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
        app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
        for user in ("griffie", "bzk"):
            client = app.test_client()
            client.post("/inloggen", data={"username": user, "password": DEMO_PASSWORD})
            cold, warm = [], []
            for run in range(args.runs):
                with db.transaction(engine) as session:  # a write: the next view works the dashboard out again
                    items.create_item(session, items.ItemInput(kind="kamervragen", chamber="TK", nummer=f"BENCH-{user}-{run}",
                                                               title="bench", ministry_code="BZK",
                                                               start_date=date(2026, 11, 2)), system("bench"))
                for bucket in (cold, warm, warm):
                    started = time.perf_counter()
                    response = client.get("/")
                    bucket.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200
            print(f"{user:8} {args.items:,} items  cold: median {statistics.median(cold):.0f} ms, worst {max(cold):.0f} ms"
                  f"   warm: median {statistics.median(warm):.0f} ms, worst {max(warm):.0f} ms")


if __name__ == "__main__":
    main()
