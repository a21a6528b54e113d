"""How the page cache delivers a hit: compressed as the client accepts, without the database,
without a new Redis client or a Redis round trip per request, and an edit in another worker
still showing within the documented bound (CONTENT_VERSION_CHECK_SECONDS).

The Redis tests use the real server on 127.0.0.1:6379 (as CI has), a database number of their
own, and a key prefix per test.
"""

import gzip
import json
import os
import subprocess
import sys
import uuid

import brotli
import pytest
import redis
from django.test import Client

from techniekpact.page_cache import choose_coding
from tests.support.processes import ROOT, run_python

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("TEST_PAGE_CACHE_REDIS_URL", "redis://127.0.0.1:6379/13")
BROWSER = "gzip, deflate, br, zstd"


def get(client, url, accept_encoding=BROWSER, **headers):
    return client.get(url, headers={"accept-encoding": accept_encoding, **headers})


def test_a_cached_page_comes_in_the_compression_the_client_accepts():
    client = Client()
    plain = get(client, "/en/faq/", accept_encoding="").content
    for accept, coding, decompress in (
        (BROWSER, "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip;q=0.5", "gzip", gzip.decompress),
    ):
        for outcome in ("HIT", "HIT"):
            response = get(client, "/en/faq/", accept)
            assert response["X-Cache"] == outcome
            assert response["Content-Encoding"] == coding, accept
            assert "Accept-Encoding" in response["Vary"] and "Cookie" in response["Vary"]
            assert int(response["Content-Length"]) == len(response.content)
            assert len(response.content) < len(plain) / 3
            assert decompress(response.content) == plain
    identity = get(client, "/en/faq/", accept_encoding="identity;q=1, *;q=0")
    assert "Content-Encoding" not in identity and identity.content == plain
    assert "Accept-Encoding" in identity["Vary"]


def test_the_first_visitor_already_gets_the_compressed_page():
    response = get(Client(), "/nl/doelen/")
    assert response["X-Cache"] == "MISS" and response["Content-Encoding"] == "br"
    assert b"<html" in brotli.decompress(response.content)


def test_each_coding_has_its_own_etag_and_answers_304():
    client = Client()
    etags = {}
    for accept in (BROWSER, "gzip", ""):
        etags[accept] = get(client, "/en/goals/", accept)["ETag"]
        not_modified = get(client, "/en/goals/", accept, **{"if-none-match": etags[accept]})
        assert not_modified.status_code == 304 and not not_modified.content
        assert not_modified["ETag"] == etags[accept]
        assert "default-src 'self'" in not_modified["Content-Security-Policy"]
    assert len(set(etags.values())) == 3
    # A compressed body's ETag does not validate the plain one.
    assert get(client, "/en/goals/", "", **{"if-none-match": etags[BROWSER]}).status_code == 200


def test_pages_with_a_session_are_never_compressed_by_the_cache(admin_user):
    """BREACH: a page with a session can hold a CSRF token; the cache leaves it alone."""
    client = Client()
    client.force_login(admin_user)
    for url in ("/nl/", "/en/faq/"):
        response = get(client, url)
        assert response.status_code == 200
        assert "Content-Encoding" not in response and "X-Cache" not in response


def test_the_coding_follows_the_quality_values():
    available = {"identity": b"", "br": b"", "gzip": b""}
    assert choose_coding("br, gzip", available) == "br"
    assert choose_coding("gzip;q=1.0, br;q=0", available) == "gzip"
    assert choose_coding("*", available) == "br"
    assert choose_coding("*;q=0, gzip", available) == "gzip"
    assert choose_coding("deflate, compress", available) == "identity"
    assert choose_coding("br;q=abc, gzip", available) == "gzip"
    assert choose_coding("br", {"identity": b""}) == "identity"  # a small page: never stored


@pytest.fixture
def redis_cache(settings):
    """The production backend on the real Redis, with a key prefix of this test's own."""
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL} (CI has one at 127.0.0.1:6379)")
    settings.CACHES = {
        "default": {
            "BACKEND": "techniekpact.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"delivery-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    yield server
    for key in server.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}:*"):
        server.delete(key)


def commands_served(server):
    return server.info("stats")["total_commands_processed"]


@pytest.fixture
def redis_clients_built(monkeypatch):
    """How many redis.Redis clients this process builds (the real class, counted)."""
    built = []
    original = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    return built


def test_a_hit_on_redis_builds_no_client_and_touches_neither_redis_nor_the_database(
    redis_cache, redis_clients_built, settings, django_assert_num_queries
):
    settings.CONTENT_VERSION_CHECK_SECONDS = 60  # within the bound: no version check at all
    client = Client()
    assert get(client, "/en/faq/")["X-Cache"] == "MISS"
    assert get(client, "/en/faq/")["X-Cache"] == "HIT"
    built, before = len(redis_clients_built), commands_served(redis_cache)
    with django_assert_num_queries(0):
        for _ in range(50):
            assert get(client, "/en/faq/")["X-Cache"] == "HIT"
    assert len(redis_clients_built) == built
    # Only the monitoring INFO call of this test itself, never one per request.
    assert commands_served(redis_cache) - before <= 2


def test_checking_the_version_at_every_request_reuses_one_redis_client(
    redis_cache, redis_clients_built, settings, django_assert_num_queries
):
    settings.CONTENT_VERSION_CHECK_SECONDS = 0  # ask Redis every time
    client = Client()
    get(client, "/en/goals/")
    get(client, "/en/goals/")
    built, before = len(redis_clients_built), commands_served(redis_cache)
    with django_assert_num_queries(0):
        for _ in range(20):
            assert get(client, "/en/goals/")["X-Cache"] == "HIT"
    asked = commands_served(redis_cache) - before
    assert 20 <= asked <= 22  # one GET of the version per request (and this test's INFO)
    assert len(redis_clients_built) == built


def test_an_edit_shows_in_another_worker_within_the_bound(tmp_path, redis_cache, settings):
    """Two production processes on one database and one Redis: one keeps serving the page from
    its own copy every 10 ms, the other saves an edit. The first shows it at the latest
    CONTENT_VERSION_CHECK_SECONDS (0.25 s) after the save, with some slack for the machine."""
    database = redis_cache.connection_pool.connection_kwargs["db"]
    url = f"redis://127.0.0.1:6379/{database}"
    script = str(ROOT / "tests" / "support" / "worker_script.py")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    # Both processes use the production KEY_PREFIX on this Redis database: empty it of
    # that prefix first and afterwards.
    for key in redis_cache.scan_iter("techniekpact:*"):
        redis_cache.delete(key)
    worker = subprocess.Popen(
        [sys.executable, script, str(tmp_path), "poll", url],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )

    def next_line():
        line = ""
        while not line.startswith("{"):
            line = worker.stdout.readline()
            assert line, "the worker stopped"
        return json.loads(line)

    try:
        first = next_line()
        assert "Edited in another process" not in first["body"]
        edit = run_python([script, str(tmp_path), "edit", url], {})
        assert edit.returncode == 0, edit.stderr[-2000:]
        saved_at = json.loads(edit.stdout.strip().splitlines()[-1])["saved_at"]
        seen = next_line()
        assert seen["hits_before"] > 10  # it was serving from its cache meanwhile
        delay = seen["seen_at"] - saved_at
        bound = 0.25  # CONTENT_VERSION_CHECK_SECONDS in production
        assert delay <= bound + 0.15, f"the edit showed {delay:.3f} s after it was saved"
    finally:
        worker.kill()
        worker.wait()
        for key in redis_cache.scan_iter("techniekpact:*"):
            redis_cache.delete(key)
