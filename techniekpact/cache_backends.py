"""A Redis cache that degrades instead of failing.

Django's RedisCache raises when Redis is unreachable, which would turn every page view into an
error. Here a failed read is a miss and a failed write is skipped; both are logged (one line,
no traceback: during an outage every request would log one), and the site keeps serving from
the database.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("techniekpact.cache")

# Redis problems, and the socket errors underneath them.
UNAVAILABLE = (RedisError, OSError)


def _degrade(method, fallback):
    """Wrap a cache method: when Redis is unavailable, log it and return `fallback(*args)`."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE as error:
            logger.warning(
                "Redis unavailable during %s (%s); continuing without it", method.__name__, error
            )
            return fallback(*args, **kwargs)

    return wrapper


def _miss(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
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
        """For /readyz: raise if Redis cannot be reached (unlike every other method here)."""
        return self._cache.get_client(write=True).ping()
