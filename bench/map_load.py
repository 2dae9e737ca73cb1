"""Load test of the parliamentary map: search, dossier, person and committee pages under gunicorn, measured with wrk.

Run by hand (not in CI):
    .venv/bin/python bench/map_load.py [--items 100000] [--documents 20000] [--seconds 10] [--connections 20]
PostgreSQL is included when BENCH_DATABASE_URL (or TEST_DATABASE_URL) points to a server (a schema of its own,
dropped afterwards); `--only sqlite|postgresql` runs one. Needs `wrk` (apt-get install wrk). Loopback only.

Per database: 100,000 generated items (with their history) and 20,000 documents of a page of text each, linked to
items; then `tracker zoekindex` (the full rebuild of the search index, items, documents and the persons of every
item) timed as a user runs it; then `tracker serve` (gunicorn, its default workers) and wrk at 20 connections on
each page, signed in as the griffie (who reads every ministry, so no query is narrowed for them), the API with a
bearer token, the public register without login. Each page first as the same URL over and over (after the first
request it comes from the worker's cache on the data version, as twenty people asking the same would), then the
pages no cache has seen: every request another word (5,000 made-up words of the documents' vocabulary) or another
dossier. Targets (issue 25): search p95 < 100 ms; dossier, person and
committee pages p95 < 100 ms; rebuild < 60 s.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import text  # noqa: E402

from common import fresh_database, login_cookie, wait_for, wrk  # noqa: E402
from search import TODAY, add_documents, made_up_words  # noqa: E402
from tracker import db  # noqa: E402
from tracker.demo import DEMO_PASSWORD  # noqa: E402
from tracker.generate import generate  # noqa: E402
from web_load import api_token  # noqa: E402

SEARCH_TARGET_MS = PAGE_TARGET_MS = 100


def subjects(engine) -> dict:
    """What the pages are about: the busiest dossier, Kamerlid, bewindspersoon and committee of the generated
    register (the pages with the most rows are the slowest), a member's name, a motion's and a Kamervraag's number."""
    with engine.connect() as c:
        one = lambda sql: c.execute(text(sql)).first()  # noqa: E731
        motion = one("SELECT nummer FROM tracked_item WHERE kind = 'motie' AND nummer LIKE '%, nr. %' "
                     "ORDER BY id LIMIT 1")[0]
        dossier = one("SELECT dossier FROM document WHERE dossier IS NOT NULL GROUP BY dossier "
                      "ORDER BY count(*) DESC LIMIT 1")[0]
        member_id, member = one("SELECT p.id, p.name FROM item_person ip JOIN person p ON p.id = ip.person_id "
                                "GROUP BY p.id, p.name ORDER BY count(*) DESC LIMIT 1")
        minister = one("SELECT bewindspersoon_id FROM tracked_item WHERE bewindspersoon_id IS NOT NULL "
                       "GROUP BY bewindspersoon_id ORDER BY count(*) DESC LIMIT 1")
        committee = one("SELECT committee_id FROM tracked_item WHERE committee_id IS NOT NULL "
                        "GROUP BY committee_id ORDER BY count(*) DESC LIMIT 1")
        zaak = one("SELECT nummer FROM tracked_item WHERE kind = 'kamervragen' ORDER BY id LIMIT 1")[0]
        counts = one(f"SELECT (SELECT count(*) FROM tracked_item), (SELECT count(*) FROM document), "
                     f"(SELECT count(*) FROM person), (SELECT count(*) FROM item_person WHERE person_id = {member_id})")
    number_dossier, number = motion.split(", nr. ")
    return {"motion": (number_dossier, number), "dossier": dossier, "member": (member_id, member),
            "minister": minister[0] if minister else None, "committee": committee[0] if committee else None,
            "zaak": zaak, "counts": counts}


def targets(s: dict) -> list[tuple[str, str, str]]:
    """(what, path, who): who is 'griffie' (session cookie), 'api' (bearer token) or 'public' (nobody)."""
    d, n = s["motion"]
    q = urllib.parse.quote
    rows = [("search: rare word", "/zoek?q=netcongestie", "griffie"),
            ("search: common word", "/zoek?q=brief", "griffie"),
            ("search: two words", "/zoek?q=stikstof+landbouw", "griffie"),
            ("search: member's name", f"/zoek?q={q(s['member'][1])}", "griffie"),
            ("search: citation 35628-10 form", f"/zoek?q={d}-{n}", "griffie"),
            ("search: citation '35 628, nr. 10' form", f"/zoek?q={q(f'{d[:2]} {d[2:]}, nr. {n}')}", "griffie"),
            ("search: citation Kamerstukken II form", f"/zoek?q={q(f'Kamerstukken II 2024/25, {d}, nr. {n}')}",
             "griffie"),
            ("search: zaak number", f"/zoek?q={s['zaak']}", "griffie"),
            ("search: common word, filtered", "/zoek?q=brief&soort=motie&stand=open", "griffie"),
            ("API search: common word", "/api/v1/zoek?q=brief", "api"),
            ("public search: common word", "/openbaar/zoek?q=brief", "public"),
            ("dossier page", f"/dossiers/{q(s['dossier'])}", "griffie"),
            ("API dossier", f"/api/v1/dossiers/{q(s['dossier'])}", "api"),
            ("public dossier page", f"/openbaar/dossiers/{q(s['dossier'])}", "public"),
            ("person page: Kamerlid", f"/personen/{s['member'][0]}", "griffie"),
            ("public person page: Kamerlid", f"/openbaar/personen/{s['member'][0]}", "public")]
    if s["minister"]:
        rows.append(("person page: bewindspersoon", f"/personen/{s['minister']}", "griffie"))
    if s["committee"]:
        rows += [("committee page", f"/commissies/{s['committee']}", "griffie"),
                 ("public committee page", f"/openbaar/commissies/{s['committee']}", "public")]
    return rows


def bench(url: str, args, folder: str, port: int) -> list[tuple[str, str, dict]]:
    fresh_database(url)
    engine = db.get_engine(url)
    started = time.perf_counter()
    generate(engine, args.items, seed=7, today=TODAY)
    add_documents(engine, args.documents, seed=7)
    print(f"  load: {args.items:,} items + {args.documents:,} documents: {time.perf_counter() - started:.0f} s",
          flush=True)
    with engine.begin() as connection:
        connection.execute(text("ANALYZE"))
    env = {**os.environ, "DATABASE_URL": url, "TRACKER_INSTANCE": folder, "SECRET_KEY": "bench",
           "TRACKER_API_RATE": "100000000", "TRACKER_PUBLIC_REGISTER": "1", "TRACKER_PUBLIC_RATE": "999999"}
    tracker = str(Path(sys.executable).parent / "tracker")
    started = time.perf_counter()
    subprocess.run([tracker, "zoekindex"], env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rebuild = time.perf_counter() - started
    print(f"  full rebuild of the search index (`tracker zoekindex`, a new process): {rebuild:.1f} s "
          f"(target < 60 s)", flush=True)
    s = subjects(engine)
    token = api_token(engine)
    engine.dispose()
    print(f"  register: {s['counts'][0]:,} items, {s['counts'][1]:,} documents, {s['counts'][2]:,} persons; "
          f"the busiest member is named on {s['counts'][3]:,} items", flush=True)
    command = [tracker, "serve", "--port", str(port)] + (["--workers", str(args.workers)] if args.workers else [])
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results = []
    try:
        wait_for(port, 60)
        base = f"http://127.0.0.1:{port}"
        headers = {"griffie": f"Cookie: {login_cookie(base, 'griffie', DEMO_PASSWORD)}",
                   "api": f"Authorization: Bearer {token}", "public": None}
        print(f"  {'page':<42}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}{'errors':>8}")
        for what, path, who in targets(s):
            r = wrk(base + path, headers[who], args.seconds, args.connections, folder)
            target = SEARCH_TARGET_MS if "search" in what else PAGE_TARGET_MS
            verdict = "ok" if r["p95"] < target and not r["errors"] else "MISSED"
            print(f"  {what:<42}{r['rps']:>8.0f}{r['p50']:>8.1f}{r['p95']:>8.1f}{r['p99']:>8.1f}{r['errors']:>8}"
                  f"  {verdict}", flush=True)
            results.append((what, path, r))
        # pages no cache has seen: every request another query or dossier (the threads take turns through the list)
        words = list(dict.fromkeys(made_up_words(random.Random(7))))
        rotations = [("search: a new word every request", [f"/zoek?q={w}" for w in words], "griffie"),
                     ("search: a new word + filter every request", [f"/zoek?q={w}&stand=open" for w in words],
                      "griffie"),
                     ("public search: a new word every request", [f"/openbaar/zoek?q={w}" for w in words], "public"),
                     ("dossier page: another dossier every request",
                      [f"/dossiers/{36000 + n}" for n in range(600)], "griffie")]
        for what, paths, who in rotations:
            r = wrk(base + "/", headers[who], args.seconds, args.connections, folder, paths=paths)
            target = SEARCH_TARGET_MS if "search" in what else PAGE_TARGET_MS
            verdict = "ok" if r["p95"] < target and not r["errors"] else "MISSED"
            print(f"  {what:<42}{r['rps']:>8.0f}{r['p50']:>8.1f}{r['p95']:>8.1f}{r['p99']:>8.1f}{r['errors']:>8}"
                  f"  {verdict}  ({r['requests']:,} requests, {len(paths):,} different)", flush=True)
            results.append((what, paths[0], r))
    finally:
        server.terminate()
        server.wait(20)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; {args.connections} connections, "
          f"{args.seconds} s per page")
    if args.only != "postgresql":
        with tempfile.TemporaryDirectory() as folder:
            print("SQLite")
            bench(f"sqlite:///{folder}/map.db", args, folder, 5910)
    server = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if server and args.only != "sqlite":
        schema = f"bench_map_{uuid.uuid4().hex[:8]}"
        admin = db.make_engine(server)
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        separator = "&" if "?" in server else "?"
        try:
            with tempfile.TemporaryDirectory() as folder:
                print("PostgreSQL")
                bench(f"{server}{separator}options=-csearch_path%3D{schema}", args, folder, 5911)
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin.dispose()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
