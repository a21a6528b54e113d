"""A Redis cache that degrades instead of failing, and stops waiting for a Redis that hangs.

Django's RedisCache raises when Redis is unreachable, which would turn every page view into an
error. Here a failed read is a miss and a failed write is skipped; both are logged (one line,
no traceback: during an outage every request would log one), and the site keeps serving from
the database.

A Redis that hangs (frozen, overloaded, a network that drops packets) is worse than one that
refuses: every call waits for the socket timeout, and a page makes several. So a small circuit
breaker stands in front: after one failure this process does not ask Redis at all for
`CIRCUIT_BREAKER_SECONDS` (an OPTIONS entry, default 5) and serves uncached; then one call
tries again, and if Redis answers, everything uses it again by itself.

Cheap calls, since the page cache and the content version are on the hot path: one redis-py
client per connection pool and cache object (Django keeps one per thread) instead of Django's
new client per call, and RESP2, whose parser is the lighter one (redis-py 8 speaks RESP3 by
default). redis-py's pooled connections do not retry (its default), so the circuit breaker alone
decides when to try again.
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("techniekpact.cache")

# Redis problems, and the socket errors underneath them.
UNAVAILABLE = (RedisError, OSError)


class CircuitBreaker:
    """Stop calling a service for `cooldown` seconds after it failed.

    Closed (the normal state): every call is allowed. `record_failure()` opens it: `allow()` says
    no until the cooldown has passed. Then `allow()` lets one caller through to try (and keeps
    the others out for another cooldown meanwhile); `record_success()` closes it again,
    `record_failure()` opens it for another cooldown. Thread-safe; knows nothing of Redis, so
    it can guard any client. A cooldown of 0 switches it off.
    """

    def __init__(self, cooldown, clock=time.monotonic):
        self.cooldown = cooldown
        self.clock = clock
        self._open_until = None  # None: closed
        self._lock = threading.Lock()

    @property
    def is_open(self):
        return self._open_until is not None

    def allow(self):
        with self._lock:
            if self._open_until is None:
                return True
            now = self.clock()
            if now < self._open_until:
                return False
            self._open_until = now + self.cooldown  # this caller tries; the others wait
            return True

    def record_failure(self):
        """Open (again); True if it was closed until now."""
        if not self.cooldown:
            return False
        with self._lock:
            was_closed = self._open_until is None
            self._open_until = self.clock() + self.cooldown
            return was_closed

    def record_success(self):
        if self._open_until is not None:
            with self._lock:
                self._open_until = None


# One breaker per Redis location and process: Django makes a cache object per thread, but a
# hanging server hangs for all of them.
_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(location, cooldown):
    with _breakers_lock:
        key = (str(location), cooldown)
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(cooldown)
        return _breakers[key]


def _degrade(method, fallback):
    """Wrap a cache method: while the breaker is open, or when Redis is unavailable, return
    `fallback(*args)` (and log the failure)."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if not self.breaker.allow():
            return fallback(*args, **kwargs)
        try:
            result = method(self, *args, **kwargs)
        except UNAVAILABLE as error:
            opened = self.breaker.record_failure()
            logger.warning(
                "Redis unavailable during %s (%s); continuing without it%s",
                method.__name__,
                error,
                f" and not asking it for {self.breaker.cooldown:g} s" if opened else "",
            )
            return fallback(*args, **kwargs)
        self.breaker.record_success()
        return result

    return wrapper


def _miss(key, default=None, version=None):
    return default


class PersistentRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one redis.Redis per connection pool: Django builds a new one
    (with its table of response callbacks) at every call. redis.Redis is safe to share
    between threads: each command takes a connection from the pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        cooldown = float(options.pop("CIRCUIT_BREAKER_SECONDS", 5))
        options.setdefault("protocol", 2)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = PersistentRedisCacheClient
        self.breaker = breaker_for(server, cooldown)

    get = _degrade(RedisCache.get, _miss)
    get_many = _degrade(RedisCache.get_many, lambda *args, **kwargs: {})
    add = _degrade(RedisCache.add, lambda *args, **kwargs: False)
    set = _degrade(RedisCache.set, lambda *args, **kwargs: None)
    set_many = _degrade(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    touch = _degrade(RedisCache.touch, lambda *args, **kwargs: False)
    delete = _degrade(RedisCache.delete, lambda *args, **kwargs: False)
    delete_many = _degrade(RedisCache.delete_many, lambda *args, **kwargs: None)
    has_key = _degrade(RedisCache.has_key, lambda *args, **kwargs: False)
    clear = _degrade(RedisCache.clear, lambda *args, **kwargs: False)

    def ping(self):
        """For /readyz: raise if Redis cannot be reached (unlike every other method here).
        While the breaker is open, say so at once rather than wait for a timeout."""
        if not self.breaker.allow():
            raise RedisError("not asked: Redis failed moments ago (circuit breaker open)")
        try:
            result = self._cache.get_client(write=True).ping()
        except UNAVAILABLE:
            self.breaker.record_failure()
            raise
        self.breaker.record_success()
        return result
