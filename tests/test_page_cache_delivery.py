"""How the page cache delivers a hit: compressed as the client accepts, without the database,
without a new Redis client or a Redis round trip per request, and an edit in another worker
still showing within the documented bound (CONTENT_VERSION_CHECK_SECONDS).

The Redis tests start a redis-server of their own (so that counting its commands counts only
theirs) with the production backend in front of it. None of them is a timing: the clock of the
version check is moved by the test.
"""

import gzip
import time

import brotli
import pytest
import redis
from django.test import Client
from django.utils import translation

from pages.models import Goal
from techniekpact import content_version
from techniekpact.page_cache import Entry, PublicPageCacheMiddleware, choose_coding
from techniekpact.release import release_fingerprint
from tests.support.processes import ROOT, run_python
from tests.support.servers import find_binary, redis_server

pytestmark = pytest.mark.django_db

REDIS = find_binary("redis-server", "/usr/bin/redis-server")
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
    assert choose_coding("gzip;q=1, br;q=0.1", available) == "gzip"
    assert choose_coding("x-gzip", available) == "gzip"


def test_a_weak_etag_from_a_cdn_still_answers_304():
    client = Client()
    etag = get(client, "/en/goals/")["ETag"]
    assert get(client, "/en/goals/", **{"if-none-match": f"W/{etag}"}).status_code == 304
    assert get(client, "/en/goals/", **{"if-none-match": "*"}).status_code == 304


def test_a_conditional_first_request_is_stored_and_answered_with_full_headers():
    client = Client()
    etag = get(client, "/en/faq/")["ETag"]
    client.get("/en/faq/")  # the plain page too
    content_version.bump_content_version()  # a new version: the next request is a miss
    response = get(client, "/en/faq/", **{"if-none-match": etag})
    assert response["X-Cache"] == "MISS" and response.status_code == 304
    assert "public" in response["Cache-Control"] and "Accept-Encoding" in response["Vary"]
    assert get(client, "/en/faq/")["X-Cache"] == "HIT"


def test_a_bad_query_string_still_gets_the_security_headers():
    """The page cache comes first: what it cannot handle goes through the whole stack."""
    many = "&".join(f"a{number}=1" for number in range(1200))
    response = Client().get(f"/en/goals/?{many}", secure=True)
    assert response.status_code == 400
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_release_fingerprint_is_the_same_in_every_process_and_follows_the_settings(settings):
    code = (
        "import sys; sys.path.insert(0, 'tests/support');"
        "from production_process import setup; setup(sys.argv[1]);"
        "from techniekpact.release import release_fingerprint; print(release_fingerprint())"
    )

    def fingerprint(**env):
        run = run_python(["-c", code, str(ROOT / "test-results")], env)
        assert run.returncode == 0, run.stderr[-2000:]
        return run.stdout.strip()

    assert fingerprint() == fingerprint()
    assert fingerprint(DJANGO_RELEASE="v1") != fingerprint(DJANGO_RELEASE="v2")
    # A restart with other header settings does not replay the old headers.
    assert fingerprint(DJANGO_RELEASE="v1") != fingerprint(
        DJANGO_RELEASE="v1", DJANGO_PUBLIC_CACHE_CDN_SECONDS="5"
    )
    release_fingerprint.cache_clear()
    try:
        before = release_fingerprint()
        settings.X_FRAME_OPTIONS = "SAMEORIGIN"
        release_fingerprint.cache_clear()
        assert release_fingerprint() != before
    finally:
        release_fingerprint.cache_clear()


@pytest.fixture
def redis_cache(tmp_path, settings):
    """The production backend in front of a redis-server of this test's own; the server."""
    if REDIS is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run does)")
    with redis_server(REDIS, tmp_path) as (_process, port):
        url = f"redis://127.0.0.1:{port}/0"
        settings.CACHES = {
            "default": {
                "BACKEND": "techniekpact.cache_backends.ResilientRedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "techniekpact",  # as in production: another process shares it
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
        server = redis.Redis.from_url(url)
        yield server
        server.close()


def commands_served(server):
    """Commands the server has handled, not counting this INFO itself."""
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


def test_a_hit_within_the_check_interval_asks_neither_redis_nor_the_database(
    redis_cache, settings, django_assert_num_queries
):
    settings.CONTENT_VERSION_CHECK_SECONDS = 60
    client = Client()
    assert get(client, "/en/faq/")["X-Cache"] == "MISS"
    before = commands_served(redis_cache)
    with django_assert_num_queries(0):
        for _ in range(50):
            assert get(client, "/en/faq/")["X-Cache"] == "HIT"
    assert commands_served(redis_cache) - before == 1  # the INFO above only


def test_a_version_check_at_every_request_reuses_one_redis_client(
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
    assert commands_served(redis_cache) - before == 20 + 1  # a GET per request, and the INFO
    assert len(redis_clients_built) == built


@pytest.fixture
def clock(monkeypatch):
    """Stops the clock of the version check (time.monotonic); the test moves it forward."""
    offset = [0.0]
    stopped_at = time.monotonic()
    monkeypatch.setattr(content_version.time, "monotonic", lambda: stopped_at + offset[0])
    return offset


def test_an_edit_in_another_worker_shows_once_the_check_interval_has_passed(
    redis_cache, clock, tmp_path
):
    """Another process saves an edit (here: the row changes, and that process starts a new
    content version in the shared Redis, as its save signal does). This worker keeps serving
    its cached page until CONTENT_VERSION_CHECK_SECONDS (0.25 s) have passed since it last
    asked Redis, and shows the edit at the first request after that."""
    goal = Goal.objects.get(number=2)
    with translation.override("en"):
        url = goal.get_absolute_url()
    client = Client()
    get(client, url)
    assert get(client, url)["X-Cache"] == "HIT"
    Goal.objects.filter(pk=goal.pk).update(title_en="Edited by another worker")
    code = (
        "import sys; sys.path.insert(0, 'tests/support');"
        "from production_process import setup; setup(sys.argv[1], redis_url=sys.argv[2]);"
        "from techniekpact.content_version import bump_content_version; bump_content_version()"
    )
    location = redis_cache.connection_pool.connection_kwargs
    bump = run_python(["-c", code, str(tmp_path), f"redis://127.0.0.1:{location['port']}/0"], {})
    assert bump.returncode == 0, bump.stderr[-2000:]
    clock[0] += 0.2  # 0.2 s after this worker last asked Redis (the clock stood still)
    stale = get(client, url, accept_encoding="")
    assert stale["X-Cache"] == "HIT" and b"Edited by another worker" not in stale.content
    clock[0] += 0.06  # 0.26 s after the last check
    fresh = get(client, url, accept_encoding="")
    assert b"Edited by another worker" in fresh.content


def test_the_saving_worker_shows_its_own_edit_at_once(redis_cache, settings):
    settings.CONTENT_VERSION_CHECK_SECONDS = 60
    goal = Goal.objects.get(number=3)
    with translation.override("en"):
        url = goal.get_absolute_url()
    client = Client()
    get(client, url)
    goal.title_en = "Saved in this worker"
    goal.save()
    assert b"Saved in this worker" in get(client, url, accept_encoding="").content


def test_a_workers_own_copies_stay_within_their_byte_budget(monkeypatch):
    """Many distinct cacheable addresses (searches, say) cannot grow a worker's memory past
    LOCAL_BYTES: the copies used longest ago go first, and a page bigger than the budget is
    left to the shared cache alone."""
    monkeypatch.setattr(PublicPageCacheMiddleware, "LOCAL_BYTES", 10_000)
    middleware = PublicPageCacheMiddleware(lambda request: None)

    def page(size):
        return Entry(200, (), {"identity": b"x" * size}, {"identity": '"e"'})

    for number in range(4):
        middleware.remember(f"page-{number}", page(3_000))
    assert set(middleware.local) == {"page-1", "page-2", "page-3"}
    assert middleware.recall("page-1") is not None  # used: now the newest
    middleware.remember("page-4", page(3_000))
    assert set(middleware.local) == {"page-1", "page-3", "page-4"}
    middleware.remember("page-4", page(3_000))  # stored again: counted once
    assert middleware.local_bytes == 9_000
    middleware.remember("huge", page(20_000))
    assert "huge" not in middleware.local and middleware.local_bytes == 9_000
    assert middleware.local_bytes == sum(
        len(e.bodies["identity"]) for _t, e in middleware.local.values()
    )
