"""make bench: throughput and latency of cached pages in the production configuration.

What it measures: the configuration the README recommends for production, on this machine.
`bin/start` (migrations, then gunicorn with 2 workers) with production settings (DEBUG off),
PostgreSQL and Redis: a scratch database it creates on the PostgreSQL server and drops at the
end, and a Redis database of its own that it empties before and after. The servers are those of
CI: PostgreSQL on 127.0.0.1:5432 (user postgres) and Redis on 127.0.0.1:6379; BENCH_DATABASE_URL
(a server URL without database name) and BENCH_REDIS_URL change them.

Each page is warmed in both workers, then loaded with wrk at 32 and at 128 connections, and in
the same run the site's own stylesheet (whitenoise, the same server) as the yardstick. Every
request asks for compressed responses, as browsers do. It prints requests/s, p50/p99 latency,
errors and the page/static ratio per page, and the worst ratio per connection count. The target:
every cached page at >= 1.0 of the static rate, with no errors. It exits 1 when the target is not
met. Then the home page's weight over the wire with everything it loads, and queries per page
and search timings inside one process (bench/inprocess.py).

BENCH_SQLITE=1 adds a second table for the embedded set-up (SQLite and the file cache), for
comparison only; BENCH_DURATION (default 5s) and BENCH_CONNECTIONS ("32,128") tune the run.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "/nl/",
    "faq": "/en/faq/",
    "goals": "/nl/doelen/",
    "goal": "/nl/doelen/wetenschap-en-techniek-op-de-basisschool/",
    "region": "/en/regions/north/",
    "search": "/nl/zoeken/?q=stage",
}
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = [int(n) for n in os.environ.get("BENCH_CONNECTIONS", "32,128").split(",")]
DATABASE_SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
ACCEPT_ENCODING = "gzip, deflate, br"
TARGET = 1.0
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("wrk not found: installing it (apt-get install wrk)")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)


def wrk(url, connections):
    script = ROOT / "bench" / "report.lua"
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{DURATION}",
            "--latency",
            "-s",
            str(script),
            "-H",
            "X-Forwarded-Proto: https",
            "-H",
            f"Accept-Encoding: {ACCEPT_ENCODING}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1))


def get(url, accept_encoding=ACCEPT_ENCODING):
    request = urllib.request.Request(
        url, headers={"X-Forwarded-Proto": "https", "Accept-Encoding": accept_encoding}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers, response.read()


class Resources(HTMLParser):
    """What a browser loads for a page: stylesheets, scripts, images, icons."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and {"stylesheet", "icon", "preload"} & set(
            (attrs.get("rel") or "").split()
        ):
            self.urls.append(attrs.get("href"))
        elif tag in ("script", "img", "source") and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_weight(base, path):
    """Bytes over the wire (compressed as a browser asks) for a page and what it loads."""
    headers, body = get(base + path)
    _, html = get(base + path, accept_encoding="identity")
    parser = Resources()
    parser.feed(html.decode())
    sizes = {path: (len(body), headers.get("Content-Encoding", "none"))}
    for url in dict.fromkeys(filter(None, parser.urls)):
        absolute = urljoin(base + path, url)
        if urlsplit(absolute).netloc != urlsplit(base).netloc:
            continue
        resource_headers, resource = get(absolute)
        sizes[urlsplit(absolute).path] = (
            len(resource),
            resource_headers.get("Content-Encoding", "none"),
        )
    return sizes


def create_database():
    import psycopg

    name = f"techniekpact_bench_{os.getpid()}"
    with psycopg.connect(f"{DATABASE_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name):
    import psycopg

    with psycopg.connect(f"{DATABASE_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flush_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def serve(env):
    """bin/start on a free port; (process, base URL) once /healthz answers."""
    port = free_port()
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(
        [str(ROOT / "bin" / "start")],
        cwd=ROOT,
        env={**env, "PORT": str(port), "WEB_CONCURRENCY": "2"},
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return server, base
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit(f"the server did not start: {log.read().decode()}") from None
            time.sleep(0.2)


def stop(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def measure(title, env):
    """One table: static and every page at each connection count. True if the target holds."""
    server, base = serve(env)
    try:
        manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
        css = "/static/" + manifest["paths"]["css/site.css"]
        for path in PAGES.values():  # warm the page cache (and each worker's own copy)
            for _ in range(8):
                headers, _ = get(base + path)
                assert headers.get("X-Cache") in ("HIT", "MISS"), (path, dict(headers))
        print(f"\n{title}")
        met = True
        for connections in CONNECTIONS:
            static = wrk(base + css, connections)
            print(f"\n{connections} connections")
            print(
                f"{'what':<8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'ratio':>6}"
            )
            print(
                f"{'static':<8} {static['rps']:>9.0f} {static['p50']:>8.2f} "
                f"{static['p99']:>8.2f} {static['errors']:>7} {1:>6.2f}"
            )
            ratios = {}
            for name, path in PAGES.items():
                result = wrk(base + path, connections)
                ratios[name] = result["rps"] / static["rps"]
                met &= result["errors"] == 0
                print(
                    f"{name:<8} {result['rps']:>9.0f} {result['p50']:>8.2f} "
                    f"{result['p99']:>8.2f} {result['errors']:>7} {ratios[name]:>6.2f}"
                )
            worst = min(ratios, key=ratios.get)
            met &= static["errors"] == 0 and ratios[worst] >= TARGET
            print(f"worst page/static ratio: {ratios[worst]:.2f} ({worst})")
        return met, base, server
    except BaseException:
        stop(server)
        raise


def production_env(workdir):
    """Production settings for a server under `workdir` (static files collected first)."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "k" * 40,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
    }
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return env


def main():
    ensure_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="techniekpact-bench-"))
    base_env = production_env(workdir)
    database = create_database()
    flush_redis()
    production = {
        **base_env,
        "DATABASE_URL": f"{DATABASE_SERVER}/{database}",
        "REDIS_URL": REDIS_URL,
    }
    server = None
    try:
        met, base, server = measure(
            "PostgreSQL + Redis, bin/start with 2 workers (the production configuration)",
            production,
        )
        print(f"target: every page >= {TARGET:.2f} of the static rate, no errors:", end=" ")
        print("met" if met else "NOT MET")

        sizes = page_weight(base, PAGES["home"])
        total = sum(size for size, _coding in sizes.values())
        print("\nhome page over the wire, with everything it loads:")
        for url, (size, coding) in sizes.items():
            print(f"  {size:>7,} B  {coding:<5} {url}")
        print(f"  {total:>7,} B  in all (target: under 100 KB)")
        met &= total < 100_000
        stop(server)
        server = None

        if os.environ.get("BENCH_SQLITE") == "1":
            embedded = {
                **base_env,
                "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
                "DJANGO_CACHE_DIR": str(workdir / "cache"),
            }
            embedded.pop("REDIS_URL", None)
            _, _, sqlite_server = measure("SQLite + file cache (comparison only)", embedded)
            stop(sqlite_server)

        # Queries per page and search against page rendering, on the production database.
        subprocess.run(
            [PYTHON, str(ROOT / "bench" / "inprocess.py"), *PAGES.values()],
            cwd=ROOT,
            env=production,
            check=True,
        )
        return 0 if met else 1
    finally:
        if server is not None:
            stop(server)
        flush_redis()
        drop_database(database)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
