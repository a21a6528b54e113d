"""make bench: throughput and latency of the production server on this machine.

Starts bin/start (gunicorn, 2 workers) on a free local port with production settings and
SQLite, warms the page cache, then loads each page with wrk (128 connections) and, in the same
run, the site's own stylesheet as the yardstick. Prints requests/s, p50/p99 latency, errors and
the page/static ratio (target: every cached page >= 0.7 of the static file's rate).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "/nl/",
    "faq": "/en/faq/",
    "goal": "/nl/doelen/wetenschap-en-techniek-op-de-basisschool/",
    "region": "/en/regions/north/",
    "search": "/nl/zoeken/?q=stage",
}
DURATION = os.environ.get("BENCH_DURATION", "5s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "128")


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


def wrk(url):
    script = ROOT / "bench" / "report.lua"
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}",
            "--latency",
            "-s",
            str(script),
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(re.search(r"^JSON (.*)$", out, re.M).group(1))


def main():
    ensure_wrk()
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="techniekpact-bench-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-" + "k" * 40,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "DJANGO_CACHE_DIR": str(workdir / "cache"),
    }
    env.pop("REDIS_URL", None)
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [str(ROOT / "bin" / "start")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
        css = "/static/" + manifest["paths"]["css/site.css"]
        for path in PAGES.values():  # warm the page cache of both workers
            for _ in range(4):
                urllib.request.urlopen(base + path, timeout=5).read()
        static = wrk(base + css)
        print(f"{'what':<8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'ratio':>6}")
        print(
            f"{'static':<8} {static['rps']:>9.0f} {static['p50']:>8.1f} {static['p99']:>8.1f} "
            f"{static['errors']:>7} {1:>6.2f}"
        )
        failed = False
        for name, path in PAGES.items():
            result = wrk(base + path)
            ratio = result["rps"] / static["rps"]
            failed |= ratio < 0.7 or result["errors"] > 0
            print(
                f"{name:<8} {result['rps']:>9.0f} {result['p50']:>8.1f} {result['p99']:>8.1f} "
                f"{result['errors']:>7} {ratio:>6.2f}"
            )
        print(
            "target: every page >= 0.70 of the static rate, no errors:",
            "NOT MET" if failed else "met",
        )
        # Queries per page and search against page rendering, on the same database.
        subprocess.run(
            [python, str(ROOT / "bench" / "inprocess.py"), *PAGES.values()],
            cwd=ROOT,
            env=env,
            check=True,
        )
        return 1 if failed else 0
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
