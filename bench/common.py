"""What the benchmarks share: a fresh database, peak memory measured honestly, a command run as a user runs it.

Peak memory: ru_maxrss is the wrong number here. Linux carries it across exec, so a child started by a
parent that holds 200 MB (the generated test data) reports at least 200 MB whatever it does itself.
VmHWM belongs to the process's own address space and starts afresh at exec; for a command, GNU time
reports its child (which it forks itself, so nothing is carried into it).
"""
from __future__ import annotations

import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODES = ("floor", "import", "command")


def peak_rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # elsewhere: an upper bound


class Stopwatch:
    """Wall time, and CPU time (user + system) of this process and of the commands it ran and waited for.
    The CPU time of a run varies less than its wall time on this shared machine; on PostgreSQL it leaves
    out the server's work, so there only the wall time compares."""

    def __init__(self):
        self.wall, self.cpu = time.perf_counter(), _cpu()

    def read(self) -> dict:
        return {"wall": time.perf_counter() - self.wall, "cpu": _cpu() - self.cpu}


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_command(arguments: list[str], url: str) -> float:
    """Run `tracker ARGUMENTS` on this database as a user would (start-up, progress bars to /dev/null);
    returns its peak memory in MB."""
    with tempfile.NamedTemporaryFile(suffix=".txt") as report:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name,
                        str(Path(sys.executable).parent / "tracker"), *arguments], check=True,
                       env={**os.environ, "DATABASE_URL": url}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(Path(report.name).read_text().split()[-1]) / 1024


def fresh_database(url: str) -> None:
    """Migrated, with the demo reference data (ministries, committees, recesses)."""
    from tracker import db, migrate
    from tracker.demo import default_demo_file, load_demo
    engine = db.get_engine(url)
    migrate.upgrade(engine)
    with db.transaction(engine) as session:
        load_demo(session, default_demo_file())
    engine.dispose()


def reset_postgres(url: str) -> None:
    """An empty schema, and the server's dirty pages written out first (CHECKPOINT), so that no run pays
    for the writes of the one before it."""
    from sqlalchemy import create_engine, text
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("CHECKPOINT"))
    engine.dispose()


def measure(script: str, child_arguments: list[str], folder: str, database_url: str | None, rounds: int) -> dict:
    """Run `script --child MODE` for every mode, in rounds (floor, import, command, floor, ...), each run in a
    fresh process on a fresh database. Interleaved, a slow spell of this shared 2-core machine (runs vary by
    10-30 %) falls on the modes alike. Returns {mode: [{"wall": s, "rss_mb": MB}, ...]}."""
    results = {mode: [] for mode in MODES}
    for number in range(rounds):
        for mode in MODES:
            if database_url:
                url = database_url
                reset_postgres(url)
            else:
                url = f"sqlite:///{folder}/{mode}-{number}.db"
            out = subprocess.run([sys.executable, script, "--child", mode, "--url", url, *child_arguments],
                                 capture_output=True, text=True, check=True).stdout
            results[mode].append(json.loads(out.strip().splitlines()[-1]))
            if not database_url:
                Path(folder, f"{mode}-{number}.db").unlink()
    return results


def report(results: dict) -> None:
    """Per mode the fastest wall time and the highest peak memory; the import against the floor as the median
    of the rounds' own ratios (and their range), in wall time and in CPU time."""
    for mode, runs in results.items():
        walls = ", ".join(f"{r['wall']:.2f}" for r in runs)
        print(f"{mode:<7} wall {min(r['wall'] for r in runs):.1f} s  cpu {min(r['cpu'] for r in runs):.1f} s  "
              f"peak RSS {max(r['rss_mb'] for r in runs):.0f} MB  (wall of each run: {walls})")
    for clock in ("wall", "cpu"):
        ratios = sorted(i[clock] / f[clock] for i, f in zip(results["import"], results["floor"]))
        print(f"import / floor, {clock}: {statistics.median(ratios):.2f}x (median of {len(ratios)} rounds, "
              f"{ratios[0]:.2f}-{ratios[-1]:.2f})")


def wait_for(port: int, seconds: float = 30) -> None:
    """Until a server listens on 127.0.0.1:port (gunicorn starting its workers)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no server on port {port} after {seconds:.0f} s")


WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def login_cookie(base: str, username: str, password: str) -> str:
    """The session cookie of a user signed in through the login form (CSRF token and all), as a Cookie header value."""
    import re
    import urllib.parse
    import urllib.request
    from http.cookiejar import CookieJar
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/inloggen").read().decode()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrf_token": token}).encode()
    opener.open(base + "/inloggen", data=data)
    return "; ".join(f"{c.name}={c.value}" for c in jar)


ROTATE = """
counter = 0
setup = function(thread)
  thread:set("id", counter)
  counter = counter + 1
end
init = function(args)
  i = id
end
request = function()
  i = i + THREADS
  return wrk.format(nil, paths[(i % #paths) + 1])
end
"""


def wrk(url: str, header: str | None, seconds: int, connections: int, folder: str,
        paths: list[str] | None = None, threads: int = 2) -> dict:
    """wrk at `connections` connections for `seconds` on one URL (after one warm-up request that must answer
    200): requests/s, p50/p95/p99 in ms, requests and errors (non-2xx/3xx answers included). paths: every request
    the next of these instead (the threads take turns, so no path is asked twice before all were asked once): pages
    that no cache has seen."""
    import re
    import urllib.request
    script = Path(folder) / "wrk-report.lua"
    lua = WRK_REPORT
    if paths:
        listed = ",\n".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
        lua = f"paths = {{\n{listed}\n}}\n" + ROTATE.replace("THREADS", str(threads)) + lua
    script.write_text(lua)
    headers = dict([header.split(": ", 1)]) if header else {}
    if not paths:
        urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60).read()
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script)]
    command += ["-H", header] if header else []
    out = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    rps, p50, p95, p99, total, errors = re.search(r"RESULT (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)", out).groups()
    return {"rps": float(rps), "p50": float(p50), "p95": float(p95), "p99": float(p99), "requests": int(total),
            "errors": int(errors)}
