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
import re
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import fresh_database, wait_for  # noqa: E402
from tracker import db  # noqa: E402
from tracker.demo import DEMO_PASSWORD  # noqa: E402
from tracker.generate import generate  # noqa: E402

LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def session_cookie(base: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/inloggen").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": "griffie", "password": DEMO_PASSWORD, "csrf_token": token}).encode()
    opener.open(base + "/inloggen", data=data)
    return "; ".join(f"{c.name}={c.value}" for c in jar)


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
            cookie = session_cookie(base)
            script = Path(tmp) / "report.lua"
            script.write_text(LUA)
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
                name, _, value = header.partition(": ")
                urllib.request.urlopen(urllib.request.Request(base + target, headers={name: value})).read()
                out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.seconds}s", "--latency",
                                      "-s", str(script), "-H", header, base + target],
                                     capture_output=True, text=True, timeout=args.seconds + 60).stdout
                rps, p50, p95, p99, total, errors = re.search(r"RESULT (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)", out).groups()
                print(f"| {target} | {rps} | {p50} | {p95} | {p99} | {total} | {errors} |", flush=True)
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
