"""A Redis cache that degrades instead of failing.

Django's RedisCache raises when Redis is unreachable, which would turn every page view into an
error. Here a failed read is a miss and a failed write is skipped; both are logged, and the site
keeps serving from the database.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("techniekpact.cache")


def _log(operation):
    logger.warning(
        "Redis cache unavailable during %s; continuing without it", operation, exc_info=True
    )


class ResilientRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except Exception:
            _log("get")
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except Exception:
            _log("get_many")
            return {}

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except Exception:
            _log("add")
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except Exception:
            _log("set")

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except Exception:
            _log("set_many")
            return list(data)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except Exception:
            _log("delete")
            return False

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except Exception:
            _log("has_key")
            return False

    def ping(self):
        """For /readyz: raise if Redis cannot be reached (unlike every other method here)."""
        client = self._cache.get_client(write=True)
        return client.ping()
