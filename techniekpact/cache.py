"""The content version: one number in the shared cache that changes on every content save or
delete. Everything derived from content (cached pages, the search index) is keyed on it, so an
edit shows at the next request in every worker, and nothing has to be deleted one by one.

A cache that is down (Redis gone) must not take the site down: errors are logged and the
version falls back to a per-process counter, which only costs speed.
"""

import logging
import time

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)

VERSION_KEY = "techniekpact:content-version"
CONTENT_APPS = {"pages", "faq", "regions"}

_local_version = {"value": time.time_ns()}


def content_version():
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = _local_version["value"]
            cache.add(VERSION_KEY, version, timeout=None)
            version = cache.get(VERSION_KEY, version)
        return version
    except Exception:  # the cache backend is down: serve without it
        logger.warning("Cache unavailable: using the process's own content version", exc_info=True)
        return _local_version["value"]


def bump_content_version(**kwargs):
    _local_version["value"] = time.time_ns()
    try:
        cache.set(VERSION_KEY, _local_version["value"], timeout=None)
    except Exception:
        logger.warning("Cache unavailable: content version not shared", exc_info=True)


def _is_content(sender):
    return sender._meta.app_label in CONTENT_APPS


def _on_change(sender, **kwargs):
    if _is_content(sender):
        bump_content_version()


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="techniekpact-content-saved")
    post_delete.connect(_on_change, dispatch_uid="techniekpact-content-deleted")
    m2m_changed.connect(_on_change, dispatch_uid="techniekpact-content-m2m")
