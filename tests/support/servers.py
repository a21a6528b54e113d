"""Real servers for tests, each on a free 127.0.0.1 port and stopped afterwards: the production
start (bin/start: gunicorn, production settings, SQLite in a folder of the test's own), Debian's
nginx with the shipped deploy/nginx.conf, and redis-server.

Not a test module. Every wait is bounded; every server runs in its own process group, which is
what is stopped at the end (nothing else).
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_binary(name, *candidates):
    """The path of a server binary, or None (then the test skips and says what to install)."""
    return shutil.which(name) or next((c for c in candidates if os.access(c, os.X_OK)), None)


def wait_until(check, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not come up within {seconds} s")


def http_ok(url, timeout=1):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status == 200


def stop(process, seconds=20):
    """Stop a server started with start_new_session: its own process group only."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)


def production_env(workdir, **env):
    """The environment of the production start: production settings (no DJANGO_* from the test
    run), SQLite and the static files in `workdir`, the file cache unless REDIS_URL is given."""
    workdir = Path(workdir)
    result = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result.pop("REDIS_URL", None)
    result.update(
        {
            "DJANGO_SECRET_KEY": "production-server-test-key-" + "p" * 40,
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "DJANGO_CACHE_DIR": str(workdir / "cache"),
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "PYTHON": sys.executable,
            "GUNICORN": str(Path(sys.executable).parent / "gunicorn"),
            **env,
        }
    )
    return result


@contextlib.contextmanager
def production_server(workdir, log_path, **env):
    """bin/start on a free port (2 sync workers unless WEB_CONCURRENCY says otherwise); yields
    (base URL, port). Its output (gunicorn's access log included) goes to `log_path`."""
    port = free_port()
    environment = production_env(workdir, PORT=str(port), WEB_CONCURRENCY="2", **env)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=120,
    )
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [str(ROOT / "bin" / "start")],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: process.poll() is None and http_ok(base + "/healthz"), 120, "bin/start")
        yield base, port
    finally:
        stop(process)


NGINX_CONFIG = ROOT / "deploy" / "nginx.conf"


def nginx_config_for(listen_port, upstream_port):
    """The shipped configuration, pointed at 127.0.0.1 ports instead of compose's names."""
    text = NGINX_CONFIG.read_text()
    text, listens = re.subn(
        r"^(\s*)listen 8000;", rf"\1listen 127.0.0.1:{listen_port};", text, flags=re.M
    )
    text, upstreams = re.subn(
        r"^(\s*)server web:8000;", rf"\1server 127.0.0.1:{upstream_port};", text, flags=re.M
    )
    assert (listens, upstreams) == (1, 1), "deploy/nginx.conf no longer has one listen/upstream"
    return text


@contextlib.contextmanager
def nginx(binary, prefix, upstream_port, log_path):
    """Debian's nginx with deploy/nginx.conf in front of 127.0.0.1:`upstream_port`, in the
    foreground, with `prefix` as its prefix (pid, temporary files); yields (base URL, port)."""
    prefix = Path(prefix)
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "temp").mkdir(exist_ok=True)
    # nginx started as root runs its workers as "nobody": they must reach the prefix.
    for folder in (prefix, prefix / "temp"):
        folder.chmod(0o755)
    port = free_port()
    config = prefix / "nginx.conf"
    config.write_text(nginx_config_for(port, upstream_port))
    command = [binary, "-p", f"{prefix}/", "-c", str(config), "-g", "daemon off;"]
    check = subprocess.run([*command[:-2], "-t", "-q"], capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: process.poll() is None and http_ok(base + "/healthz"), 30, "nginx")
        yield base, port
    finally:
        stop(process)


@contextlib.contextmanager
def redis_server(binary, workdir):
    """A redis-server of the test's own on a free port, nothing saved to disk; yields
    (process, port). The test may freeze it (SIGSTOP) and thaw it (SIGCONT)."""
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def answers():
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    try:
        wait_until(lambda: process.poll() is None and answers(), 30, "redis-server")
        yield process, port
    finally:
        # A frozen server ignores SIGTERM until it is thawed.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGCONT)
        stop(process)
