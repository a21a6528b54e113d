"""The content version: one value in the shared cache that changes whenever what a visitor may
see changes. Everything derived from content (cached pages, the search index) is keyed on it, so
an edit shows at the next request in every worker, and nothing has to be deleted one by one.

It changes on every save or delete of content (signals), and also when a publication window
opens or closes: the moment of the next `publish_from`/`publish_until` is kept beside the
version, and the first request after it starts a new version.

A cache that is down (Redis gone) must not take the site down: errors are logged and, with no
version to go by, pages are rendered and searched afresh on every request (slower, never stale).
"""

import logging
import time

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from techniekpact.content import content_models, is_content
from techniekpact.publishing import Publishable

logger = logging.getLogger(__name__)

VERSION_KEY = "techniekpact:content-version"
BOUNDARY_KEY = "techniekpact:next-publication-change"
NO_BOUNDARY = "none"


def publishable_models():
    return [model for model in content_models() if issubclass(model, Publishable)]


def next_publication_change():
    """The next moment an item appears or disappears by its publication window (a timestamp),
    or None. One small aggregate per content model; computed once per content version."""
    now = timezone.now()
    moments = []
    for model in publishable_models():
        found = model.objects.aggregate(
            start=Min("publish_from", filter=Q(publish_from__gt=now)),
            end=Min("publish_until", filter=Q(publish_until__gt=now)),
        )
        moments += [moment for moment in found.values() if moment is not None]
    return min(moments).timestamp() if moments else None


# A version's next publication change never changes: remembered per process.
_boundaries = {}


def _boundary_for(version):
    """The next publication change (timestamp or NO_BOUNDARY) for this content version; None
    while it cannot be known (database away)."""
    if version in _boundaries:
        return _boundaries[version]
    key = f"{BOUNDARY_KEY}:{version}"
    boundary = cache.get(key)
    if boundary is None:
        try:
            found = next_publication_change()
        except DatabaseError:
            return None  # the database is away: keep serving what we have
        boundary = NO_BOUNDARY if found is None else found
        cache.set(key, boundary, timeout=7 * 24 * 3600)
    if len(_boundaries) > 64:
        _boundaries.clear()
    _boundaries[version] = boundary
    return boundary


# A bump this process could not store (the shared cache did not answer): retried at every
# request of this process until it is stored, so an edit made during a blip still shows.
_pending = {"bump": False}


def content_version():
    """The current content version (one shared-cache read per request), or None when the
    shared cache does not answer: then nothing may be cached, since no worker would hear of
    another's edits."""
    try:
        if _pending["bump"]:
            bump_content_version()
            if _pending["bump"]:
                return None
        version = cache.get(VERSION_KEY)
        if version is None:
            # A fresh value nobody has cached anything under (add: only if still absent).
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY)
            if version is None:
                return None
        boundary = _boundary_for(version)
        if boundary not in (None, NO_BOUNDARY) and time.time() >= boundary:
            version = bump_content_version()
        return version
    except Exception as error:  # a cache backend that raises when it is down
        logger.warning("Cache unavailable (%s): serving without it", error)
        return None


def bump_content_version(**kwargs):
    """Start a new content version (its publication boundary is looked up when first used).

    The Redis backend swallows errors, so the new value is read back to know it was stored."""
    version = time.time_ns()
    try:
        cache.set(VERSION_KEY, version, timeout=None)
        stored = cache.get(VERSION_KEY) == version
    except Exception as error:
        logger.warning("Cache unavailable (%s): content version not shared", error)
        stored = False
    _pending["bump"] = not stored
    return version


def _on_change(sender, **kwargs):
    if is_content(sender):
        bump_content_version()
        # Again once the edit is committed: a request that read the old data between the
        # save and the commit cached it under the version just set; this one leaves it behind.
        # (Outside a transaction on_commit runs at once.)
        transaction.on_commit(bump_content_version)


def connect_signals():
    post_save.connect(_on_change, dispatch_uid="techniekpact-content-saved")
    post_delete.connect(_on_change, dispatch_uid="techniekpact-content-deleted")
    m2m_changed.connect(_on_change, dispatch_uid="techniekpact-content-m2m")
