"""The reverse proxy we ship (deploy/nginx.conf, Debian's nginx) in front of the production start.

gunicorn's sync workers each serve one connection from its first byte to its last: a handful of
clients that send their request headers slowly hold every worker, and then even /healthz waits.
These tests start bin/start (production settings, SQLite in a temporary folder) and nginx on
free 127.0.0.1 ports, open a bounded number of slow connections for a bounded time, and time
ordinary requests: through nginx they are answered at once; straight at gunicorn they are not.
"""

import http.client
import socket
import threading
import time
from contextlib import ExitStack, contextmanager

import pytest

from tests.support.servers import find_binary, nginx, production_server

NGINX = find_binary("nginx", "/usr/sbin/nginx")
pytestmark = pytest.mark.skipif(
    NGINX is None, reason="nginx is not installed (apt-get install nginx; .ci/run does)"
)

SLOW_CLIENTS = 10
CLIENT_HEADER_TIMEOUT = 10  # deploy/nginx.conf


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    """The production server and nginx in front of it: {"app": (base, port), "proxy": ...}."""
    workdir = tmp_path_factory.mktemp("proxy")
    with ExitStack() as stack:
        app = stack.enter_context(
            production_server(
                workdir,
                workdir / "gunicorn.log",
                # The access log also shows what nginx passed on.
                GUNICORN_CMD_ARGS='--access-logformat "%(r)s %(s)s xff=%({x-forwarded-for}i)s"',
            )
        )
        proxy = stack.enter_context(nginx(NGINX, workdir / "nginx", app[1], workdir / "nginx.log"))
        yield {"app": app, "proxy": proxy, "log": workdir / "gunicorn.log"}


@contextmanager
def slow_clients(port, count=SLOW_CLIENTS, seconds=30):
    """`count` connections that send a request header a few bytes a second and never finish
    it (for at most `seconds`). Yields the sockets; closes them all afterwards."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"GET /nl/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        sockets.append(sock)
    done = threading.Event()

    def trickle():
        deadline = time.monotonic() + seconds
        while not done.wait(0.5) and time.monotonic() < deadline:
            for sock in sockets:
                try:
                    sock.sendall(b"X")
                except OSError:
                    pass  # closed by the other side: that is allowed

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    time.sleep(0.5)  # let the server take them
    try:
        yield sockets
    finally:
        done.set()
        thread.join(5)
        for sock in sockets:
            sock.close()


def timed_get(port, path, timeout=3, headers=None):
    """(status, seconds, body) of one GET; status None if nothing came within `timeout`."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read().decode()
        return response.status, time.monotonic() - started, body
    except TimeoutError:
        return None, time.monotonic() - started, ""
    finally:
        connection.close()


def test_slow_clients_do_not_block_the_site_behind_nginx(stack):
    _base, port = stack["proxy"]
    with slow_clients(port):
        for _ in range(3):
            for path in ("/healthz", "/nl/", "/en/faq/"):
                status, seconds, body = timed_get(port, path)
                assert status == 200, (path, status)
                # Generous for a loaded CI machine; held workers would mean no answer at all
                # until the slow clients give up (30 s), see the contrast below.
                assert seconds < 5, (path, seconds)
        assert "<h1" in body  # a real page, not nginx's


def test_the_same_slow_clients_straight_at_gunicorn_block_it(stack):
    """The contrast (and the reason for nginx): what the test above would see without it."""
    _base, port = stack["app"]
    with slow_clients(port):
        status, seconds, _body = timed_get(port, "/healthz", timeout=5)
        assert status is None and seconds >= 5, "gunicorn answered while its workers were held"
    # Once the slow clients go, gunicorn serves again by itself.
    deadline = time.monotonic() + 10
    while timed_get(port, "/healthz", timeout=2)[0] != 200:
        assert time.monotonic() < deadline, "gunicorn did not recover"


def test_nginx_drops_a_client_that_does_not_finish_its_headers_in_time(stack):
    _base, port = stack["proxy"]
    opened = time.monotonic()
    with slow_clients(port, count=2, seconds=CLIENT_HEADER_TIMEOUT + 5) as sockets:
        for sock in sockets:
            # Not dropped by then: recv raises TimeoutError, and the test fails.
            sock.settimeout(max(0.1, opened + CLIENT_HEADER_TIMEOUT + 4 - time.monotonic()))
            try:
                leftover = sock.recv(1024)
            except ConnectionResetError:
                leftover = b""
            assert leftover == b""
        dropped_after = time.monotonic() - opened
    # On the header timeout: not at once (it was still trickling), not much later.
    assert CLIENT_HEADER_TIMEOUT - 1 < dropped_after < CLIENT_HEADER_TIMEOUT + 4


def test_nginx_refuses_a_body_over_ten_megabytes_before_gunicorn_sees_it(stack):
    _base, port = stack["proxy"]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.putrequest("POST", "/admin/login/")
    connection.putheader("Content-Length", str(11 * 1024 * 1024))
    connection.endheaders()
    response = connection.getresponse()
    assert response.status == 413
    connection.close()
    assert "POST /admin/login/" not in stack["log"].read_text()


def test_nginx_tells_gunicorn_the_visitors_address_and_its_own_scheme(stack):
    """A client's own X-Forwarded-For is kept in front, with the address nginx saw appended
    (the site trusts only that last entry); a client's claim of HTTPS is replaced."""
    _base, port = stack["proxy"]
    spoofed = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}
    status, _seconds, body = timed_get(port, "/en/?via=proxy", headers=spoofed)
    assert status == 200
    assert f'rel="canonical" href="http://127.0.0.1:{port}/en/"' in body
    expected = "GET /en/?via=proxy HTTP/1.0 200 xff=203.0.113.9, 127.0.0.1"
    deadline = time.monotonic() + 10  # gunicorn writes its access log after the answer
    while expected not in stack["log"].read_text():
        assert time.monotonic() < deadline, stack["log"].read_text()[-2000:]
        time.sleep(0.1)
    # Straight at gunicorn the same claim would be believed: nginx is what stops it.
    app_port = stack["app"][1]
    _status, _seconds, direct = timed_get(app_port, "/en/", headers=spoofed)
    assert f'rel="canonical" href="https://127.0.0.1:{app_port}/en/"' in direct
