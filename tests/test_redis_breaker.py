"""A Redis that hangs costs one timeout, not one per cache call: the circuit breaker.

The test starts a redis-server of its own, points the site's cache at it (the production
backend, ResilientRedisCache, with its production timeouts), and freezes it with SIGSTOP: the
server still accepts connections but never answers, the worst kind of outage. Pages must stay
fast and the site must use Redis again by itself after SIGCONT.
"""

import os
import signal
import statistics
import time

import pytest
from django.test import Client

from techniekpact.cache_backends import CircuitBreaker, PersistentRedisCacheClient
from tests.support.servers import find_binary, redis_server

REDIS = find_binary("redis-server", "/usr/bin/redis-server")
needs_redis = pytest.mark.skipif(
    REDIS is None,
    reason="redis-server is not installed (apt-get install redis-server; .ci/run does)",
)
PAGES = ["/nl/", "/en/", "/nl/doelen/", "/en/faq/", "/nl/landsdelen/noord/"]
COOLDOWN = 3  # seconds; production: 5 (DJANGO_REDIS_BREAKER_SECONDS)


@pytest.fixture
def redis(tmp_path):
    if REDIS is None:
        pytest.skip("redis-server is not installed")
    with redis_server(REDIS, tmp_path) as (process, port):
        yield process, port


def use_redis(settings, port, cooldown):
    settings.CACHES = {
        "default": {
            "BACKEND": "techniekpact.cache_backends.ResilientRedisCache",
            # A location of this test's own, so the breaker is this test's too.
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": f"breaker-test-{cooldown}",
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "CIRCUIT_BREAKER_SECONDS": cooldown,
            },
        }
    }


def timed(client, url):
    started = time.monotonic()
    response = client.get(url)
    assert response.status_code == 200, url
    return time.monotonic() - started, response


def freeze(process):
    os.killpg(process.pid, signal.SIGSTOP)


def thaw(process):
    os.killpg(process.pid, signal.SIGCONT)


@needs_redis
@pytest.mark.django_db
def test_pages_stay_fast_while_redis_hangs_and_the_cache_comes_back_by_itself(
    redis, settings, monkeypatch
):
    process, port = redis
    use_redis(settings, port, COOLDOWN)
    # Every time the cache asks the real Redis for a connection, counted.
    asked = []
    get_client = PersistentRedisCacheClient.get_client

    def counted(self, *args, **kwargs):
        asked.append(1)
        return get_client(self, *args, **kwargs)

    monkeypatch.setattr(PersistentRedisCacheClient, "get_client", counted)
    client = Client()
    assert timed(client, "/nl/")[1]["X-Cache"] == "MISS"
    assert timed(client, "/nl/")[1]["X-Cache"] == "HIT"  # Redis in use
    assert asked

    freeze(process)
    try:
        first, response = timed(client, "/en/")
        assert first >= 0.5  # the one timeout it costs
        assert "X-Cache" not in response  # served uncached
        asked.clear()
        times = []
        for index in range(20):
            seconds, response = timed(client, PAGES[index % len(PAGES)])
            assert "X-Cache" not in response
            times.append(seconds)
        # The proof: no page asked the hanging Redis again. The timing says what a visitor
        # notices (no page waits out the 0.5 s socket timeout), with room for a busy machine.
        assert asked == []
        median = statistics.median(times)
        assert median < 0.5, f"median {median * 1000:.0f} ms with Redis frozen: {times}"
        assert client.get("/readyz").status_code == 503  # not ready, and says so at once
    finally:
        thaw(process)

    # Redis answers again: after the cooldown the site finds out by itself and caches again.
    deadline = time.monotonic() + COOLDOWN + 10
    while True:
        assert time.monotonic() < deadline, "the site did not use Redis again"
        if timed(client, "/nl/doelen/")[1].get("X-Cache") == "HIT":
            break
        time.sleep(0.2)
    assert client.get("/readyz").status_code == 200


@needs_redis
@pytest.mark.django_db
def test_without_the_breaker_a_hanging_redis_makes_every_page_slow(redis, settings):
    """The contrast: the same frozen Redis with the breaker switched off (cooldown 0)."""
    process, port = redis
    use_redis(settings, port, 0)
    client = Client()
    timed(client, "/nl/")
    freeze(process)
    try:
        times = [timed(client, url)[0] for url in PAGES[:3]]
    finally:
        thaw(process)
    assert statistics.median(times) >= 0.5, times


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_the_breaker_opens_on_a_failure_lets_one_caller_try_later_and_closes_on_success():
    clock = Clock()
    breaker = CircuitBreaker(5, clock=clock)
    assert breaker.allow() and breaker.allow()
    assert breaker.record_failure() is True  # newly opened
    assert not breaker.allow()
    clock.now += 4.9
    assert not breaker.allow()
    clock.now += 0.2
    assert breaker.allow()  # one caller tries ...
    assert not breaker.allow()  # ... the others still wait
    breaker.record_failure()  # the try failed: another cooldown
    clock.now += 4
    assert not breaker.allow()
    clock.now += 1.1
    assert breaker.allow()
    breaker.record_success()
    assert breaker.allow() and breaker.allow() and not breaker.is_open


def test_a_breaker_with_no_cooldown_never_opens():
    breaker = CircuitBreaker(0, clock=Clock())
    assert breaker.record_failure() is False
    assert breaker.allow()
