"""Concurrency: N logged-in users saving for S seconds against gunicorn, on SQLite or PostgreSQL.

Run by hand (not in CI):
  .venv/bin/python bench/concurrent_saves.py [--clients 20] [--seconds 30] [--database-url postgresql://…]

Every client saves the stand van zaken of an item of its own, and every fifth save that of one item all
clients share, with the version it read (same-version races). Halfway, `tracker import` of 2,000 rows runs
from the command line while the users save. Reported: saves per second, answers per status code (no 5xx
expected), p50/p95 latency, whether the import waited and succeeded, and the lost-update check: each item's
version went up exactly once per answered save (302), and each own item holds its client's last saved text.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import reset_postgres, wait_for  # noqa: E402
from tracker import db, migrate  # noqa: E402
from tracker.authz import system  # noqa: E402
from tracker.demo import DEMO_PASSWORD, default_demo_file, load_demo  # noqa: E402
from tracker.services import items  # noqa: E402
from datetime import date  # noqa: E402

PORT = 5931


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    def __init__(self, base: str):
        self.base, self.jar = base, CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        page = self.get("/inloggen")
        self.token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        self.post("/inloggen", {"username": "bzk", "password": DEMO_PASSWORD})
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', self.get("/")).group(1)

    def get(self, path: str) -> str:
        return self.opener.open(self.base + path, timeout=120).read().decode()

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode({**data, "csrf_token": self.token}).encode()
        try:
            return self.opener.open(self.base + path, data=body, timeout=120).status
        except urllib.error.HTTPError as error:
            return error.code


def version_on_page(page: str) -> int:
    return int(re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1))


def prepare(url: str, clients: int) -> list[int]:
    engine = db.get_engine(url)
    migrate.upgrade(engine)
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
        ids = [items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=f"2026Z7{n:04d}", title=f"Vragen {n}", ministry_code="BZK",
            start_date=date(2026, 11, 2)), system("bench")).id for n in range(clients + 1)]
    engine.dispose()
    return ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/saves.db"
        if args.database_url:
            reset_postgres(url)
        ids = prepare(url, args.clients)
        own, shared = ids[:-1], ids[-1]
        env = {**os.environ, "DATABASE_URL": url, "TRACKER_INSTANCE": tmp, "SECRET_KEY": "bench"}
        tracker = str(Path(sys.executable).parent / "tracker")
        server = subprocess.Popen([tracker, "serve", "--port", str(PORT), "--workers", str(args.workers)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(PORT)
            run(f"http://127.0.0.1:{PORT}", args, own, shared, tracker, env, tmp, url)
        finally:
            server.terminate()
            server.wait(30)


def run(base, args, own, shared, tracker, env, tmp, url) -> None:
    clients = [Client(base) for _ in range(args.clients)]
    codes, latencies, ok_saves, last_text = Counter(), [], Counter(), {}
    lock, stop = threading.Lock(), threading.Event()

    def work(number: int, client: Client) -> None:
        mine, version, n = own[number], 1, 0
        version = version_on_page(client.get(f"/items/{mine}"))
        while not stop.is_set():
            n += 1
            target = shared if n % 5 == 0 else mine
            if target == shared:
                target_version = version_on_page(client.get(f"/items/{shared}"))
            else:
                target_version = version
            text = f"client {number} save {n}"
            started = time.perf_counter()
            code = client.post(f"/items/{target}/stand", {"stand_van_zaken": text, "version": target_version})
            with lock:
                latencies.append(time.perf_counter() - started)
                codes[code] += 1
                if code == 302:
                    ok_saves[target] += 1
                    if target == mine:
                        last_text[mine] = text
            if code == 302 and target == mine:
                version += 1

    threads = [threading.Thread(target=work, args=(n, c)) for n, c in enumerate(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(args.seconds / 2)
    csv = Path(tmp) / "lijst.csv"
    csv.write_text("soort;kamer;nummer;titel;ministerie;datum\n" + "".join(
        f"kamervragen;TK;2026Z6{n:04d};Import tijdens het opslaan;BZK;2026-11-02\n" for n in range(2000)))
    import_started = time.monotonic()
    imported = subprocess.run([tracker, "import", str(csv)], env=env, capture_output=True, text=True)
    import_seconds = time.monotonic() - import_started
    time.sleep(max(0.0, args.seconds - (time.monotonic() - started)))
    stop.set()
    for thread in threads:
        thread.join(120)
    elapsed = time.monotonic() - started

    engine = db.get_engine(url)
    lost = []
    with db.transaction(engine) as session:
        for item_id in own + [shared]:
            item = session.get(items.TrackedItem, item_id)
            if item.version != 1 + ok_saves[item_id]:
                lost.append(f"item {item_id}: version {item.version}, saves {ok_saves[item_id]}")
            if item_id in last_text and item.stand_van_zaken != last_text[item_id]:
                lost.append(f"item {item_id}: holds '{item.stand_van_zaken}', last saved '{last_text[item_id]}'")
    latencies.sort()
    total = sum(codes.values())
    print(f"backend {engine.dialect.name}, {args.clients} clients, {args.workers} workers, {elapsed:.0f} s")
    print(f"saves answered: {total} ({total / elapsed:.0f}/s); by status: {dict(sorted(codes.items()))}")
    print(f"5xx: {sum(v for k, v in codes.items() if k >= 500)}; "
          f"409 on the shared item: {codes[409]}; lost updates: {len(lost)}")
    print(f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms")
    print(f"CLI import of 2,000 rows during the load: exit {imported.returncode} in {import_seconds:.1f} s "
          f"{imported.stdout.strip() or imported.stderr.strip()[:200]}")
    for line in lost[:10]:
        print("  LOST", line)


if __name__ == "__main__":
    main()
