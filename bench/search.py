"""Benchmark: the search (tracker.search) on 100,000 generated items with documents.

Run by hand (not in CI):  .venv/bin/python bench/search.py [--items 100000] [--documents 20000] [--runs 40]
PostgreSQL is included when BENCH_DATABASE_URL (or TEST_DATABASE_URL) points to a server; it uses a schema of its
own and drops it afterwards.

Reported per backend:
  load      generating the items (the index is written in the same transactions, as every write path does)
  rebuild   `tracker zoekindex`'s work: every entry anew (and the persons of every item)
  queries   p50 / p95 / max in ms of search() for a rare word, a common word, two words, a member's name, a
            citation typed three ways, a zaak number, a dossier; as a viewer and as an officer (who may read the
            intern stands of one ministry), and the whole /zoek page (Flask test client: query, rendering)
In process: the machine has no wrk; bench/web_load.py measures gunicorn under load for the other pages.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from tracker import db, migrate  # noqa: E402
from tracker.authz import Actor  # noqa: E402
from tracker.demo import default_demo_file, load_demo  # noqa: E402
from tracker.generate import generate  # noqa: E402
from tracker.search import Filters, index, search  # noqa: E402

TODAY = date(2026, 12, 1)
WORDS = ("arbeidsmarkt stikstof woningbouw onderwijs zorgverzekering asielopvang netcongestie algoritmen privacy "
         "cybersecurity defensie klimaat energietransitie jeugdzorg pensioenen toeslagen bestaanszekerheid "
         "grondwet rechtsstaat politie gevangeniswezen luchtvaart spoor waterbeheer landbouw").split()


def made_up_words(rng: random.Random) -> list[str]:
    """A vocabulary as a real corpus has: a few words everywhere, most words in few papers (Zipf-like, as
    add_documents draws them)."""
    syllables = "be ver ont ge aan in uit over onder wet regel zorg werk land stad huis school geld recht plan".split()
    return [rng.choice(syllables) + rng.choice(syllables) + rng.choice(syllables) + "ing" for _ in range(5000)]


def add_documents(engine, count: int, seed: int) -> None:
    """Documents with a page of text each, linked to items, in batches: the intake papers and answers."""
    rng = random.Random(seed)
    vocabulary = made_up_words(rng)
    common = "de het een van en in op voor met dat is wordt kabinet minister kamer brief".split()
    with engine.connect() as connection:
        top = connection.execute(text("SELECT max(id) FROM tracked_item")).scalar()
    made = 0
    while made < count:
        batch = min(2000, count - made)
        with engine.begin() as connection:
            rows = []
            for n in range(batch):
                dossier = 36000 + rng.randrange(600)
                words = " ".join(rng.choice(common) if rng.random() < 0.5 else
                                 vocabulary[min(int(rng.paretovariate(0.8)) - 1, len(vocabulary) - 1)]
                                 if rng.random() < 0.7 else rng.choice(vocabulary) for _ in range(300))
                words += " " + rng.choice(WORDS) if rng.random() < 0.05 else ""
                body = (f"Tweede Kamer der Staten-Generaal. Vergaderjaar 2025-2026. {dossier} Nr. {n % 90 + 1}. "
                        f"Brief van de minister. Zie ook Kamerstukken II 2024/25, {dossier - 7}, nr. {n % 30 + 1}. "
                        f"{words}")
                rows.append({"kind": "kamerbrief", "title": f"Brief over {rng.choice(WORDS)} en {rng.choice(WORDS)}",
                             "kenmerk": f"2026-{made + n:010d}", "dossier": str(dossier), "stuknummer": str(n % 90 + 1),
                             "full_text": body})
            ids = []
            for row in rows:
                ids.append(connection.execute(text(
                    "INSERT INTO document (kind, title, kenmerk, dossier, stuknummer, full_text, created_at) VALUES "
                    "(:kind, :title, :kenmerk, :dossier, :stuknummer, :full_text, CURRENT_TIMESTAMP) RETURNING id"),
                    row).scalar())
            connection.execute(text("INSERT INTO item_document (item_id, document_id, role) VALUES (:i, :d, 'overig')"),
                               [{"i": rng.randrange(1, top + 1), "d": d} for d in ids])
            index.refresh(connection, document_ids=ids)
        made += batch


def timed(fn, runs: int) -> tuple[float, float, float]:
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)], samples[-1]


def bench(url: str, items: int, documents: int, runs: int, load: bool = True) -> None:
    engine = db.get_engine(url)
    migrate.upgrade(engine)
    if load:
        with db.transaction(engine) as session:
            load_demo(session, default_demo_file())
        started = time.perf_counter()
        generate(engine, items, seed=7, today=TODAY)
        add_documents(engine, documents, seed=7)
        print(f"  load      {items:,} items + {documents:,} documents, index written as they are: "
              f"{time.perf_counter() - started:.1f} s")
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))  # as `tracker generate` does after its load
    started = time.perf_counter()
    with db.transaction(engine) as session:
        counted = index.rebuild(session.connection())
    print(f"  rebuild   {counted[0]:,} items, {counted[1]:,} documents: {time.perf_counter() - started:.1f} s")
    with engine.connect() as connection:
        member = connection.execute(text("SELECT members FROM tracked_item WHERE source = 'generated' "
                                         "AND members IS NOT NULL LIMIT 1")).scalar()
        zaak = connection.execute(text("SELECT nummer FROM tracked_item WHERE kind = 'kamervragen' LIMIT 1")).scalar()
        motion = connection.execute(text("SELECT nummer FROM tracked_item WHERE kind = 'motie' LIMIT 1")).scalar()
        ministry = connection.execute(text("SELECT id FROM ministry WHERE code = 'BZK'")).scalar()
    dossier, number = motion.split(", nr. ")
    viewer, officer = Actor("lezer", "viewer"), Actor("bzk", "officer", ministry, "BZK")
    queries = [("rare word", "netcongestie"), ("common word", "brief"), ("two words", "stikstof landbouw"),
               ("member", member), ("citation a", f"{dossier}-{number}"),
               ("citation b", f"{dossier[:2]} {dossier[2:]}, nr. {number}"),
               ("citation c", f"Kamerstukken II 2024/25, {dossier}, nr. {number}"), ("zaak", zaak)]
    print(f"  {'query':<34}{'viewer p50/p95/max ms':>26}{'officer p50/p95/max ms':>28}")
    for label, typed in queries:
        with engine.connect() as connection:
            results = [timed(lambda: search(connection, who, typed, Filters(), today=TODAY), runs)
                       for who in (viewer, officer)]
            total = search(connection, viewer, typed, Filters(), today=TODAY).total
        print(f"  {label + ' ' + repr(typed)[:22]:<34}" + "".join(f"{a:>10.1f}{b:>8.1f}{c:>8.1f}   " for a, b, c in results)
              + f"  ({total:,} hits)")
    # the public register's search: the public columns alone (weights ABC on PostgreSQL), items only
    print(f"  {'public query':<34}{'public p50/p95/max ms':>26}")
    for label, typed in queries:
        with engine.connect() as connection:
            p50, p95, top = timed(lambda: search(connection, None, typed, Filters(), today=TODAY, public=True), runs)
            total = search(connection, None, typed, Filters(), today=TODAY, public=True).total
        print(f"  {label + ' ' + repr(typed)[:22]:<34}{p50:>10.1f}{p95:>8.1f}{top:>8.1f}     ({total:,} hits)")
    from tracker.web.search import dossier_hits
    with engine.connect() as connection:
        p50, p95, top = timed(lambda: dossier_hits(connection, viewer, "36100"), runs)
    print(f"  {'dossier page query 36100':<34}{p50:>10.1f}{p95:>8.1f}{top:>8.1f}")
    from tracker.web import create_app
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    client.post("/inloggen", data={"username": "lezer", "password": "kamertracker-demo"})
    for path in ("/zoek?q=netcongestie", "/zoek?q=brief", f"/zoek?q={dossier}-{number}", "/dossiers/36100"):
        p50, p95, top = timed(lambda: client.get(path), runs)
        print(f"  page {path:<29}{p50:>10.1f}{p95:>8.1f}{top:>8.1f}")
    public_app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "bench", "PUBLIC_REGISTER": True,
                             "PUBLIC_RATE_PER_MINUTE": 1_000_000})
    anonymous = public_app.test_client()
    for path in ("/openbaar/zoek?q=netcongestie", "/openbaar/zoek?q=brief", f"/openbaar/zoek?q={dossier}-{number}",
                 "/openbaar/dossiers/36100.atom"):
        p50, p95, top = timed(lambda: anonymous.get(path), runs)
        print(f"  page {path:<29}{p50:>10.1f}{p95:>8.1f}{top:>8.1f}")
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--existing", action="append", default=[],
                        help="A database this script filled before (URL): rebuild and queries only. Repeatable.")
    args = parser.parse_args()
    os.environ.setdefault("TRACKER_INSTANCE", tempfile.mkdtemp())
    if args.existing:
        for url in args.existing:
            print(url.split("?")[0])
            bench(url, args.items, args.documents, args.runs, load=False)
        return
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite")
        bench(f"sqlite:///{folder}/search.db", args.items, args.documents, args.runs)
    server = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if server:
        schema = f"bench_search_{uuid.uuid4().hex[:8]}"
        admin = db.make_engine(server)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            print("PostgreSQL")
            separator = "&" if "?" in server else "?"
            bench(f"{server}{separator}options=-csearch_path%3D{schema}", args.items, args.documents, args.runs)
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
