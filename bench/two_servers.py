"""Two app servers behind nginx on one database, on this machine (issue 28).

By hand:
  .venv/bin/python bench/two_servers.py --database-url postgresql://postgres@127.0.0.1:5432/bench [--clients 6]
      [--seconds 10]
The DATABASE IS EMPTIED (schema public dropped), migrated and loaded with the demo data. Then: two
`tracker serve` on two free ports (no SECRET_KEY: they share the key through the database), Debian's nginx
balancing between them on a third port (its config, pid, logs and temp files in a folder of its own; run as
nobody when started as root), N users logged in through nginx saving the stand van zaken of an item of their
own; halfway one server is stopped (SIGTERM, as `systemctl stop` does). Reported: which server answered, the
answers per status, and the check that every answered save (302) is stored and no unanswered one is (each
item's version is 1 + its answered saves, its text the last answered one).

The test tests/test_two_servers.py runs the same rig (CI: skipped only where nginx cannot be installed).
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER_HEADER = "X-Kamertracker-Server"  # nginx adds the address of the server that answered

NGINX_CONF = """\
worker_processes 1;
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    upstream kamertracker {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 20m;
        location / {{
            proxy_pass http://kamertracker;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $http_host;
            # a server that refuses the connection: the request goes to the other one (it never reached the
            # first). A POST that reached a server that then died is NOT sent again (nginx's default for
            # non-idempotent requests): the user sees 502 and nothing was saved twice.
            proxy_next_upstream error timeout http_502 http_503;
            proxy_read_timeout 120s;
            add_header {header} $upstream_addr always;
        }}
        location = /gezond {{
            proxy_pass http://kamertracker;
            access_log off;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


def wait_healthy(port: int, seconds: float = 60) -> None:
    """Until GET /gezond on 127.0.0.1:port answers 200."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/gezond", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"geen gezonde server op poort {port} na {seconds:.0f} s")


@dataclass
class Rig:
    """Two `tracker serve` and nginx before them. Use as a context manager; everything stops on exit."""

    database_url: str
    workers: int = 1
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="kt-rig-")))
    ports: list[int] = field(default_factory=list)
    nginx_port: int = 0
    servers: list[subprocess.Popen] = field(default_factory=list)
    nginx: subprocess.Popen | None = None

    def __enter__(self) -> "Rig":
        try:
            self._start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _start(self) -> None:
        tracker = str(Path(sys.executable).parent / "tracker")
        self.ports = [free_port(), free_port()]
        for number, port in enumerate(self.ports):
            instance = self.folder / f"server-{number + 1}"
            instance.mkdir()
            env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}  # shared via the database
            env.update(DATABASE_URL=self.database_url, TRACKER_INSTANCE=str(instance), TRACKER_PROXY_HOPS="1")
            log = open(instance / "server.log", "wb")
            self.servers.append(subprocess.Popen([tracker, "serve", "--port", str(port), "--workers", str(self.workers)],
                                                 env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
            log.close()
        for port in self.ports:
            wait_healthy(port)
        self._start_nginx()

    def _start_nginx(self) -> None:
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is niet geïnstalleerd")
        folder = Path(tempfile.mkdtemp(prefix="kt-nginx-"))  # under /tmp itself: nobody can reach it
        self.nginx_folder = folder
        self.nginx_port = free_port()
        servers = "\n".join(f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=2s;" for port in self.ports)
        (folder / "nginx.conf").write_text(NGINX_CONF.format(dir=folder, servers=servers, port=self.nginx_port,
                                                             header=SERVER_HEADER))
        command = [binary, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
        if os.geteuid() == 0:  # never a web server as root: the whole nginx (master too) runs as nobody
            os.chown(folder, 65534, 65534)
            for path in folder.iterdir():
                os.chown(path, 65534, 65534)
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        self.nginx = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      start_new_session=True)
        try:
            wait_healthy(self.nginx_port, 20)
        except RuntimeError:
            raise RuntimeError("nginx start niet: " + (folder / "error.log").read_text(errors="replace")[-800:])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.nginx_port}"

    def server_base(self, number: int) -> str:
        return f"http://127.0.0.1:{self.ports[number]}"

    def stop_server(self, number: int, timeout: float = 60) -> None:
        """Stop one app server as systemd does (SIGTERM: gunicorn finishes the requests it has, then ends)."""
        process = self.servers[number]
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)

    def __exit__(self, *_exc) -> None:
        for number in range(len(self.servers)):
            self.stop_server(number, 20)
        if self.nginx is not None and self.nginx.poll() is None:
            os.killpg(self.nginx.pid, signal.SIGQUIT)
            try:
                self.nginx.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.nginx.pid, signal.SIGKILL)
                self.nginx.wait(10)
        shutil.rmtree(self.folder, ignore_errors=True)
        if getattr(self, "nginx_folder", None):
            shutil.rmtree(self.nginx_folder, ignore_errors=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """One user: a cookie jar, CSRF token from the last form, no redirects followed (a 302 is an answer)."""

    def __init__(self, base: str):
        self.base, self.jar = base, CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.token = ""

    def request(self, path: str, data: dict | None = None, base: str | None = None) -> tuple[int, str, str]:
        """(status, body, server that answered) for a GET, or a POST of data with the CSRF token."""
        body = None if data is None else urllib.parse.urlencode({**data, "csrf_token": self.token}).encode()
        try:
            with self.opener.open((base or self.base) + path, data=body, timeout=120) as answer:
                status, text, server = answer.status, answer.read().decode(), answer.headers.get(SERVER_HEADER, "")
        except urllib.error.HTTPError as error:
            status, text, server = error.code, error.read().decode(errors="replace"), error.headers.get(SERVER_HEADER, "")
        except (urllib.error.URLError, OSError):
            return 0, "", ""  # no answer at all
        found = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', text)
        if found:
            self.token = found.group(1)
        return status, text, server

    def log_in(self, username: str, password: str) -> int:
        self.request("/inloggen")
        return self.request("/inloggen", {"username": username, "password": password})[0]


def version_on_page(page: str) -> int:
    return int(re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1))


def saves_while_one_server_stops(rig: Rig, item_ids: list[int], seconds: float, username: str,
                                 password: str) -> dict:
    """Every user saves its own item's stand van zaken in a loop; at half time server 1 stops. Returns the
    answers per status, per server, and per item: answered saves and the last answered text."""
    browsers = []
    for _ in item_ids:
        browser = Browser(rig.base)
        assert browser.log_in(username, password) == 302, "inloggen via nginx mislukt"
        browsers.append(browser)
    codes, servers, answered, last_text = Counter(), Counter(), Counter(), {}
    lock, stop = threading.Lock(), threading.Event()

    def work(browser: Browser, item_id: int) -> None:
        status, page, _ = browser.request(f"/items/{item_id}")
        version, n = version_on_page(page), 0
        while not stop.is_set():
            n += 1
            text = f"opslag {n} van item {item_id}"
            status, _, server = browser.request(f"/items/{item_id}/stand",
                                                {"stand_van_zaken": text, "version": version})
            with lock:
                codes[status] += 1
                servers[server or "-"] += 1
                if status == 302:
                    answered[item_id] += 1
                    last_text[item_id] = text
            if status == 302:
                version += 1
            elif status != 0:  # an error page: read the version again before the next try
                status, page, _ = browser.request(f"/items/{item_id}")
                if status == 200:
                    version = version_on_page(page)

    threads = [threading.Thread(target=work, args=pair) for pair in zip(browsers, item_ids)]
    for thread in threads:
        thread.start()
    time.sleep(seconds / 2)
    stopped_at = time.monotonic()
    rig.stop_server(0)
    stop_seconds = time.monotonic() - stopped_at
    time.sleep(seconds / 2)
    stop.set()
    for thread in threads:
        thread.join(180)
    return {"codes": codes, "servers": servers, "answered": answered, "last_text": last_text,
            "stop_seconds": stop_seconds}


def lost_writes(engine, result: dict, item_ids: list[int]) -> list[str]:
    """Every answered save stored, no unanswered one: each item's version is 1 + its answered saves."""
    from sqlalchemy import text
    problems = []
    with engine.connect() as connection:
        for item_id in item_ids:
            version, stand = connection.execute(text("SELECT version, stand_van_zaken FROM tracked_item WHERE id = :i"),
                                                {"i": item_id}).one()
            if version != 1 + result["answered"][item_id]:
                problems.append(f"item {item_id}: versie {version}, beantwoorde opslagen {result['answered'][item_id]}")
            if item_id in result["last_text"] and stand != result["last_text"][item_id]:
                problems.append(f"item {item_id}: '{stand}', laatst beantwoord '{result['last_text'][item_id]}'")
    return problems


def prepare(database_url: str, clients: int) -> list[int]:
    """Migrated, the demo data, and one new item per client (version 1). Returns their ids."""
    sys.path.insert(0, str(ROOT))
    from tracker import db, migrate
    from tracker.demo import default_demo_file, load_demo

    engine = db.get_engine(database_url)
    migrate.upgrade(engine)
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
    return make_items(engine, clients)


def make_items(engine, count: int) -> list[int]:
    from datetime import date
    from tracker import db
    from tracker.authz import system
    from tracker.services import items
    with db.transaction(engine) as session:
        return [items.create_item(session, items.ItemInput(
            kind="kamervragen", chamber="TK", nummer=f"2026Z8{n:04d}", title=f"Vragen {n} (twee servers)",
            ministry_code="BZK", start_date=date(2026, 11, 2)), system("rig")).id for n in range(count)]


LOAD_URLS = ["/te-laat", "/kamervragen?stand=te_laat&ministerie={bzk}&sorteer=termijn", "/items/{item}", "/",
             "/api/v1/overdue?ministerie=BZK", "/api/v1/items?soort=kamervragen&stand=te_laat&ministerie=BZK&limit=50",
             "/api/v1/items?stand=alle&limit=100&cursor={deep}", "/kamervragen?stand=alle&q=verslag"]


def load(url: str, items: int, seconds: int, connections: int, workers: int) -> None:
    """--items N: N generated items, then wrk through nginx at `connections` clients, each URL for `seconds`;
    Overzicht (/) while one user saves once a second (its cache starts again after every write)."""
    import base64
    from web_load import LUA, api_token, session_cookie
    from tracker import db
    from tracker.demo import DEMO_PASSWORD
    from tracker.generate import generate

    engine = db.get_engine(url)
    started = time.monotonic()
    generate(engine, items, seed=2024)
    print(f"{items:,} items generated in {time.monotonic() - started:.0f} s")
    writer_item, = make_items(engine, 1)
    token = api_token(engine)
    from sqlalchemy import text
    with engine.connect() as connection:
        bzk = connection.execute(text("SELECT id FROM ministry WHERE code = 'BZK'")).scalar()
        some_item = connection.execute(text("SELECT min(id) + (max(id) - min(id)) / 2 FROM tracked_item")).scalar()
    deep = base64.urlsafe_b64encode(f"id:{some_item}".encode()).decode().rstrip("=")
    env_rate = os.environ.get("TRACKER_API_RATE")
    os.environ["TRACKER_API_RATE"] = "100000000"  # the limit is not what is measured
    try:
        with Rig(url, workers=workers) as rig:
            cookie = session_cookie(rig.base)
            script = rig.folder / "report.lua"
            script.write_text(LUA)
            print(f"two servers ({workers} worker(s) each) behind nginx, {connections} connections, {seconds} s per URL")
            print("| URL | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | requests | errors |")
            print("|---|---|---|---|---|---|---|")
            for target in LOAD_URLS:
                target = target.format(bzk=bzk, item=some_item, deep=deep)
                header = f"Authorization: Bearer {token}" if target.startswith("/api/") else f"Cookie: {cookie}"
                stop = threading.Event()
                writer = None
                if target == "/":
                    writer = threading.Thread(target=_save_every_second, args=(rig, writer_item, stop, DEMO_PASSWORD))
                    writer.start()
                out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
                                      "-H", header, rig.base + target],
                                     capture_output=True, text=True, timeout=seconds + 120).stdout
                stop.set()
                if writer:
                    writer.join(60)
                found = re.search(r"RESULT (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)", out)
                name = target + (" (a save every second)" if writer else "")
                print(f"| {name} | " + (" | ".join(found.groups()) if found else "wrk: " + out[-200:]) + " |", flush=True)
    finally:
        if env_rate is None:
            os.environ.pop("TRACKER_API_RATE", None)
        else:
            os.environ["TRACKER_API_RATE"] = env_rate


def _save_every_second(rig: Rig, item_id: int, stop: threading.Event, password: str) -> None:
    browser = Browser(rig.base)
    browser.log_in("bzk", password)
    n = 0
    while not stop.wait(1.0):
        n += 1
        _, page, _ = browser.request(f"/items/{item_id}")
        browser.request(f"/items/{item_id}/stand", {"stand_van_zaken": f"schrijven onder load {n}",
                                                    "version": version_on_page(page)})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per server")
    parser.add_argument("--items", type=int, default=0, help="instead: generate this many items and measure pages "
                                                            "through nginx with wrk")
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if args.items:
        sys.path.insert(0, str(ROOT))
        sys.path.insert(0, str(ROOT / "bench"))
        from common import reset_postgres
        from tracker.config import normalise_database_url
        url = normalise_database_url(args.database_url)
        reset_postgres(url)
        prepare(url, 0)
        load(url, args.items, int(args.seconds), args.connections, args.workers)
        return
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from common import reset_postgres
    from tracker import db
    from tracker.config import normalise_database_url
    from tracker.demo import DEMO_PASSWORD

    url = normalise_database_url(args.database_url)
    reset_postgres(url)
    item_ids = prepare(url, args.clients)
    with Rig(url, workers=args.workers) as rig:
        print(f"nginx {rig.base} → servers {rig.ports}, {args.workers} worker(s) each")
        browser = Browser(rig.base)
        browser.log_in("bzk", DEMO_PASSWORD)
        seen = Counter(browser.request("/")[2] for _ in range(10))
        print(f"10 pages after one login through nginx, answered by: {dict(seen)}")
        result = saves_while_one_server_stops(rig, item_ids, args.seconds, "bzk", DEMO_PASSWORD)
    lost = lost_writes(db.get_engine(url), result, item_ids)
    print(f"{args.clients} users, {args.seconds:g} s; server 1 stopped halfway (SIGTERM, {result['stop_seconds']:.1f} s)")
    print(f"answers by status: {dict(sorted(result['codes'].items()))}; by server: {dict(result['servers'])}")
    print(f"answered saves: {sum(result['answered'].values())}; lost or extra writes: {len(lost)}")
    for line in lost[:10]:
        print("  ", line)


if __name__ == "__main__":
    main()
