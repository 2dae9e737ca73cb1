"""Load test: gunicorn on 127.0.0.1 with 100,000 generated items, measured with wrk (Debian).

Run by hand (not in CI):  .venv/bin/python bench/web_load.py [--items 100000] [--seconds 15]
Needs `wrk` (apt-get install wrk). Only loopback traffic; every run is bounded in time.

Pages measured at 20 concurrent connections, as the griffie (a session cookie for the pages, a bearer token for
the API), each HTML page next to its API counterpart:
  /te-laat                                   the overdue overview (today), 100 rows a page
  /api/v1/overdue?ministerie=BZK             the overdue items of one ministry, all of them, as JSON
  /kamervragen?stand=te_laat&ministerie=…    a filtered list page (50 rows)
  /api/v1/items?soort=kamervragen&stand=te_laat&ministerie=BZK&limit=50   the same as JSON
  /api/v1/items?stand=alle&limit=100&cursor=…  a page deep in the cursor (after id 50,000)
  /static/tracker.css                        a static file from the same server (the ceiling)
Reports requests/s and p50/p95/p99 latency per URL.
"""
from __future__ import annotations

import argparse
import base64
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import fresh_database, login_cookie, wait_for, wrk  # noqa: E402
from tracker import db  # noqa: E402
from tracker.demo import DEMO_PASSWORD  # noqa: E402
from tracker.generate import generate  # noqa: E402

def api_token(engine) -> str:
    """A token of the griffie for the API (as `tracker api-token griffie` makes it)."""
    from sqlmodel import select

    from tracker.models import User
    from tracker.services.tokens import create_token

    with db.transaction(engine) as session:
        return create_token(session, session.exec(select(User).where(User.username == "griffie")).one(), "bench")[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/load.db"
        fresh_database(url)  # migrated, with the demo
        engine = db.get_engine(url)
        generate(engine, args.items, seed=2024)
        token = api_token(engine)
        engine.dispose()
        port = 5900
        env = {**os.environ, "DATABASE_URL": url, "TRACKER_INSTANCE": tmp, "SECRET_KEY": "bench",
               "TRACKER_API_RATE": "100000000"}  # the limit is not what is measured
        command = [str(Path(sys.executable).parent / "tracker"), "serve", "--port", str(port)]
        if args.workers:
            command += ["--workers", str(args.workers)]
        server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(port)
            base = f"http://127.0.0.1:{port}"
            cookie = login_cookie(base, "griffie", DEMO_PASSWORD)
            deep = base64.urlsafe_b64encode(b"id:50000").decode().rstrip("=")
            targets = ["/te-laat", "/api/v1/overdue?ministerie=BZK",
                       "/kamervragen?stand=te_laat&ministerie=3&sorteer=termijn",
                       "/api/v1/items?soort=kamervragen&stand=te_laat&ministerie=BZK&limit=50",
                       f"/api/v1/items?stand=alle&limit=100&cursor={deep}", "/static/tracker.css"]
            print(f"{args.items} items, {args.connections} connections, {args.seconds} s per URL")
            print("| URL | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | requests | errors |")
            print("|---|---|---|---|---|---|---|")
            for target in targets:
                header = f"Authorization: Bearer {token}" if target.startswith("/api/") else f"Cookie: {cookie}"
                r = wrk(base + target, header, args.seconds, args.connections, tmp)
                print(f"| {target} | {r['rps']} | {r['p50']} | {r['p95']} | {r['p99']} | {r['requests']} | "
                      f"{r['errors']} |", flush=True)
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
