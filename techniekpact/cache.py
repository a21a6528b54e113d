"""The content version: one value in the shared cache that changes whenever what a visitor may
see changes. Everything derived from content (cached pages, the search index) is keyed on it, so
an edit shows at the next request in every worker, and nothing has to be deleted one by one.

It changes on every save or delete of content (signals), and also when a publication window
opens or closes: the moment of the next `publish_from`/`publish_until` is kept beside the
version, and the first request after it starts a new version.

A cache that is down (Redis gone) must not take the site down: errors are logged and the
version falls back to a per-process value, which only costs speed.
"""

import logging
import time

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from techniekpact.publishing import CONTENT_APPS, Publishable

logger = logging.getLogger(__name__)

VERSION_KEY = "techniekpact:content-version"
BOUNDARY_KEY = "techniekpact:next-publication-change"
NO_BOUNDARY = "none"

_local_version = {"value": time.time_ns()}


def _publishable_models():
    return [
        model
        for app_label in CONTENT_APPS
        for model in apps.get_app_config(app_label).get_models()
        if issubclass(model, Publishable)
    ]


def next_publication_change():
    """The next moment an item appears or disappears by its publication window (a timestamp),
    or None. One small aggregate per content model; computed once per content version."""
    now = timezone.now()
    moments = []
    for model in _publishable_models():
        found = model.objects.aggregate(
            start=Min("publish_from", filter=Q(publish_from__gt=now)),
            end=Min("publish_until", filter=Q(publish_until__gt=now)),
        )
        moments += [moment for moment in found.values() if moment is not None]
    return min(moments).timestamp() if moments else None


def _boundary_passed():
    boundary = cache.get(BOUNDARY_KEY)
    if boundary is None:
        try:
            boundary = next_publication_change()
        except DatabaseError:
            return False  # the database is away: keep serving what we have
        cache.set(BOUNDARY_KEY, NO_BOUNDARY if boundary is None else boundary, timeout=None)
        return False
    return boundary != NO_BOUNDARY and time.time() >= boundary


def content_version():
    try:
        if _boundary_passed():
            bump_content_version()
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, _local_version["value"], timeout=None)
            version = cache.get(VERSION_KEY, _local_version["value"])
        return version
    except Exception as error:  # the cache backend is down: serve without it
        logger.warning("Cache unavailable (%s): using the process's own content version", error)
        return _local_version["value"]


def bump_content_version(**kwargs):
    _local_version["value"] = time.time_ns()
    try:
        cache.set(VERSION_KEY, _local_version["value"], timeout=None)
        # Publication dates may have changed with the content: find the next one again.
        cache.delete(BOUNDARY_KEY)
    except Exception as error:
        logger.warning("Cache unavailable (%s): content version not shared", error)


def _on_change(sender, **kwargs):
    if sender._meta.app_label in CONTENT_APPS:
        bump_content_version()


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="techniekpact-content-saved")
    post_delete.connect(_on_change, dispatch_uid="techniekpact-content-deleted")
    m2m_changed.connect(_on_change, dispatch_uid="techniekpact-content-m2m")
