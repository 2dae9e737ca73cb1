"""Benchmark: `tracker overdue --json` on 100,000 generated items, next to the bare SQL it runs.

Run by hand (not in CI):  .venv/bin/python bench/overdue.py [--items 100000] [--runs 7]
PostgreSQL is included when BENCH_DATABASE_URL (or TEST_DATABASE_URL) points to a server; it
uses a schema of its own and drops it afterwards.

Reported per backend and peildatum:
  bare SQL   the compiled overview query executed on a raw DBAPI cursor, rows fetched (the floor)
  service    tracker.services.overdue.overdue() + JSON serialisation, in process
  command    `tracker overdue --json --on D` as a subprocess: interpreter start, imports, query, JSON
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker import db, migrate  # noqa: E402
from tracker.demo import default_demo_file, load_demo  # noqa: E402
from tracker.generate import generate  # noqa: E402
from tracker.services.overdue import overdue, overdue_statement  # noqa: E402

DATES = [date(2026, 11, 25), date(2023, 7, 3)]


def median_ms(fn, runs: int) -> float:
    fn()  # warm caches once
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def bare(engine, on):
    compiled = overdue_statement(on).compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True})
    sql = str(compiled)  # the very SQL the command runs, with the date inlined

    def run():
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            cursor.execute(sql)
            rows = cursor.fetchall()
            cursor.close()
            return rows
        finally:
            connection.close()
    return run


def service(engine, on):
    def run():  # what `tracker overdue --json` does after start-up: query, rows, JSON text
        with db.reading(engine) as connection:
            return json.dumps([row.as_json() for row in overdue(connection, on)], ensure_ascii=False)
    return run


def command(url, on, instance):
    env = {**os.environ, "DATABASE_URL": url, "TRACKER_INSTANCE": instance}
    tracker = str(Path(sys.executable).parent / "tracker")

    def run():
        subprocess.run([tracker, "overdue", "--json", "--on", on.isoformat()], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    return run


def prepare(url: str, count: int):
    engine = db.get_engine(url)
    migrate.upgrade(engine)
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
    started = time.perf_counter()
    generate(engine, count, seed=2024)
    print(f"  generated {count} items in {time.perf_counter() - started:.1f} s", flush=True)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    else:
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
    return engine


def measure(name, url, engine, runs, instance):
    results = []
    for on in DATES:
        with db.reading(engine) as connection:
            rows = len(overdue(connection, on))
        b = median_ms(bare(engine, on), runs)
        s = median_ms(service(engine, on), runs)
        c = median_ms(command(url, on, instance), max(3, runs // 2))
        results.append((name, on, rows, b, s, c))
        print(f"  {name:<10} {on}  {rows:>6} rows  bare {b:8.1f} ms  service {s:8.1f} ms "
              f"({s / b:4.1f}x)  command {c:8.1f} ms", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        print("SQLite", flush=True)
        url = f"sqlite:///{tmp}/bench.db"
        engine = prepare(url, args.items)
        results += measure("sqlite", url, engine, args.runs, tmp)
        pg = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
        if pg:
            print("PostgreSQL", flush=True)
            schema = f"kt_bench_{uuid.uuid4().hex[:8]}"
            admin = db.make_engine(pg)
            with admin.begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            base = db.config.normalise_database_url(pg)
            url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
            try:
                engine = prepare(url, args.items)
                results += measure("postgresql", url, engine, args.runs, tmp)
            finally:
                engine.dispose()
                with admin.begin() as connection:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    print("\n| backend | peildatum | rows | bare SQL (ms) | service (ms) | service/bare | command wall (ms) |")
    print("|---|---|---|---|---|---|---|")
    for name, on, rows, b, s, c in results:
        print(f"| {name} | {on} | {rows} | {b:.1f} | {s:.1f} | {s / b:.2f}x | {c:.0f} |")


if __name__ == "__main__":
    main()
