"""What the commit-ordered data version costs concurrent writers on PostgreSQL (issue 28).

Run by hand (not in CI):
  .venv/bin/python bench/data_version_writes.py --database-url postgresql://postgres@127.0.0.1:5432/bench

The DATABASE IS EMPTIED (schema public dropped). N threads each run short writing transactions like a save
(UPDATE of an item of its own, one audit event, COMMIT) for S seconds, in rounds: with the trigger that raises
data_version at COMMIT, and with it disabled (what the code before migration 0018 did: no shared row).
Reported per round: commits per second and p50/p95 of one transaction. The trigger serialises only the commits
(a row lock taken at COMMIT), so the difference is the time one commit holds the row: a WAL flush.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import reset_postgres  # noqa: E402
from sqlalchemy import text  # noqa: E402
from tracker import db, migrate  # noqa: E402
from tracker.demo import default_demo_file, load_demo  # noqa: E402

SAVE = ("UPDATE tracked_item SET stand_van_zaken = :t, version = version + 1 WHERE id = :i",
        "INSERT INTO audit_event (item_id, at, actor, action, field, new) "
        "VALUES (:i, CURRENT_TIMESTAMP, 'bench', 'wijziging', 'stand_van_zaken', :t)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    reset_postgres(db.config.normalise_database_url(args.database_url))
    engine = db.make_engine(args.database_url, pool_size=args.threads + 2)
    migrate.upgrade(engine)
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
    with engine.begin() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM tracked_item ORDER BY id LIMIT :n"),
                                                         {"n": args.threads})]
    print(f"PostgreSQL, {args.threads} writers, {args.seconds:g} s per round")
    for round_ in range(args.rounds):
        for trigger in (True, False):
            with engine.begin() as connection:
                connection.execute(text("ALTER TABLE audit_event " + ("ENABLE" if trigger else "DISABLE") +
                                        " TRIGGER audit_event_raises_data_version"))
            rate, p50, p95 = measure(engine, ids, args.seconds)
            print(f"round {round_ + 1} {'met trigger   ' if trigger else 'zonder trigger'}: {rate:7.0f} commits/s, "
                  f"p50 {p50:5.1f} ms, p95 {p95:5.1f} ms")
    engine.dispose()


def measure(engine, ids, seconds) -> tuple[float, float, float]:
    stop, latencies, lock = time.monotonic() + seconds, [], threading.Lock()

    def work(item_id: int) -> None:
        mine = []
        with engine.connect() as connection:
            while time.monotonic() < stop:
                started = time.perf_counter()
                with connection.begin():
                    for statement in SAVE:
                        connection.execute(text(statement), {"i": item_id, "t": f"stand {started}"})
                mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=work, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    q = statistics.quantiles(latencies, n=20)
    return len(latencies) / seconds, q[9], q[18]


if __name__ == "__main__":
    main()
