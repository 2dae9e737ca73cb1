"""Benchmark: `tracker import` of a generated CSV in the import's columns, next to a bare bulk insert of the same
rows into tracked_item (the floor).

Run by hand:  .venv/bin/python bench/csv_import.py [--rows 100000] [--repeat 3] [--database-url postgresql://…]
Each measurement runs in a fresh process on a fresh database with the demo reference data, in --repeat rounds
of floor, import, command (bench/common.py: measure, report).
  floor    read the same CSV and INSERT its rows into tracked_item in batches of 5,000 (SQLAlchemy Core), every
           filled cell in its column (ministerie as its id), no rules, no deadline history, no audit trail
  import   what `tracker import FILE` does, in process like the floor
  command  `tracker import FILE` as a user runs it (Python start-up, progress bar)
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from common import Stopwatch, fresh_database, measure, peak_rss_mb, report, run_command  # noqa: E402


def write_csv(path: Path, rows: int) -> None:
    from tracker.importer import COLUMNS
    rng = random.Random(11)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=";")
        writer.writeheader()
        for n in range(rows):
            start = date(2022, 1, 1) + timedelta(days=rng.randrange(900))
            question = n % 2 == 0
            row = dict.fromkeys(COLUMNS, "")
            row.update(soort="kamervragen" if question else "toezegging", kamer="TK",
                       nummer=f"{start.year}Z{n:06d}" if question else f"T{n:06d}",
                       titel=f"Item {n} over onderwerp {n % 97}", ministerie=rng.choice(["BZK", "OCW", "VWS", "SZW"]),
                       datum=start.isoformat(), deadline="" if question else "voor de zomer",
                       beantwoord=(start + timedelta(days=30)).isoformat() if question and n % 3 else "")
            writer.writerow(row)


def child(mode: str, url: str, path: str) -> None:
    fresh_database(url)
    clock = Stopwatch()
    from tracker import db
    engine = db.get_engine(url)
    if mode == "floor":
        from sqlalchemy import insert, select

        from tracker.models import Ministry, TrackedItem, utcnow
        now = utcnow()
        with engine.begin() as connection, open(path, encoding="utf-8") as handle:
            ministries = dict(connection.execute(select(Ministry.code, Ministry.id)).all())
            batch = []
            for row in csv.DictReader(handle, delimiter=";"):  # every filled cell to its column, nothing else
                batch.append(dict(kind=row["soort"], chamber=row["kamer"], nummer=row["nummer"], title=row["titel"],
                                  ministry_id=ministries[row["ministerie"]], start_date=date.fromisoformat(row["datum"]),
                                  deadline_phrase=row["deadline"] or None, status="ontvangen", version=1,
                                  closed_on=date.fromisoformat(row["beantwoord"]) if row["beantwoord"] else None,
                                  created_at=now, updated_at=now))
                if len(batch) == 5000:
                    connection.execute(insert(TrackedItem.__table__), batch)
                    batch = []
            if batch:
                connection.execute(insert(TrackedItem.__table__), batch)
    elif mode == "import":  # what `tracker import` runs, in this process like the floor
        from tracker.authz import system
        from tracker.importer import import_file
        with db.transaction(engine) as session:
            import_file(session, Path(path), system("bench"))
    else:  # the command as a user runs it (Python start-up, progress bar)
        rss = run_command(["import", path], url)
    print(json.dumps({**clock.read(), "rss_mb": rss if mode == "command" else peak_rss_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file per run")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of runs (default 3)")
    parser.add_argument("--child", choices=["import", "floor", "command"])
    parser.add_argument("--url")
    parser.add_argument("--path")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url, args.path)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "items.csv"
        write_csv(path, args.rows)
        print(f"{args.rows} rows")
        report(measure(__file__, ["--path", str(path)], tmp, args.database_url, args.repeat))


if __name__ == "__main__":
    main()
