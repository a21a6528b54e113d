"""The content version: one value in the shared cache that changes whenever what a visitor may
see changes. Everything derived from content (cached pages, the search index) is keyed on it, so
an edit shows at the next request in every worker, and nothing has to be deleted one by one.

It changes on every save or delete of content (signals), and also when a publication window
opens or closes: the moment of the next `publish_from`/`publish_until` is kept beside the
version, and the first request after it starts a new version.

Each process keeps the version it last read and asks the shared cache again at most every
`CONTENT_VERSION_CHECK_SECONDS` (0.25 s by default): a cached page then costs no round trip to
Redis at all. The bound on staleness is that interval (plus the time of the request being
served): an edit made in one worker shows in every other worker at the latest that long after
it is saved (in the worker that saved it, at once). Publication windows are checked against
the clock at every request, not only then.

A cache that is down (Redis gone) must not take the site down: errors are logged and, with no
version to go by, pages are rendered and searched afresh on every request (slower, never stale).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
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


# The version this process last read from the shared cache, and when (time.monotonic()).
_local = {"version": None, "read_at": 0.0}


def forget_local_version(**kwargs):
    """Ask the shared cache at the next request (when the cache settings change, in tests)."""
    _local["version"] = None
    _boundaries.clear()


def _cache_failing():
    """Whether the shared cache failed moments ago (its circuit breaker is open): then the
    version this process knows is not trusted either (techniekpact.cache_backends)."""
    breaker = getattr(cache, "breaker", None)
    return breaker is not None and breaker.is_open


def _remember(version):
    _local["version"] = version
    _local["read_at"] = time.monotonic()
    return version


def content_version():
    """The current content version, or None when the shared cache does not answer: then
    nothing may be cached, since no worker would hear of another's edits.

    Read from the shared cache at most every CONTENT_VERSION_CHECK_SECONDS per process;
    in between, the version this process knows (unless a publication window has passed)."""
    version = _local["version"]
    if (
        version is not None
        and not _pending["bump"]
        and time.monotonic() - _local["read_at"] < settings.CONTENT_VERSION_CHECK_SECONDS
        and not _cache_failing()
    ):
        boundary = _boundaries.get(version)  # None: not looked up yet for this version
        if boundary == NO_BOUNDARY or (boundary is not None and time.time() < boundary):
            return version
    _local["version"] = None
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
            if _pending["bump"]:
                return None
        return _remember(version)
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
    if stored:
        _remember(version)  # this process sees its own edit at once
    else:
        _local["version"] = None
    return version


def _on_setting_changed(setting, **kwargs):
    if setting in ("CACHES", "CONTENT_VERSION_CHECK_SECONDS"):
        forget_local_version()


def _on_change(sender, **kwargs):
    if is_content(sender):
        bump_content_version()
        # Again once the edit is committed: a request that read the old data between the
        # save and the commit cached it under the version just set; this one leaves it behind.
        # (Outside a transaction on_commit runs at once.)
        transaction.on_commit(bump_content_version)


def connect_signals():
    setting_changed.connect(
        _on_setting_changed, dispatch_uid="techniekpact-content-version-settings"
    )
    post_save.connect(_on_change, dispatch_uid="techniekpact-content-saved")
    post_delete.connect(_on_change, dispatch_uid="techniekpact-content-deleted")
    m2m_changed.connect(_on_change, dispatch_uid="techniekpact-content-m2m")
