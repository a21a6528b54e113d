"""The public page cache: anonymous visitors' pages served from the shared cache."""

import hashlib
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag

from techniekpact.content_version import content_version


class PublicPageCacheMiddleware:
    """Cache anonymous visitors' public pages, per host, scheme and address (so per language).

    The key contains the content version, which changes on every save or delete of content and
    when a publication window opens or closes: an edit is visible at the next request and stale
    entries simply expire. Anyone with a session (editors, previews) bypasses the cache
    entirely. Only pages that set no cookie and are not marked private are stored, so nothing
    personal can leak into the cache. Only the query parameters a page's view declares, with
    values it accepts (`query_parameters`, see `accepted_query_parameters`), are cached; any
    other address bypasses the cache, so nobody can fill it with made-up ones.
    """

    PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    HEADERS_KEPT = ("Content-Type", "Content-Language", "Vary", "Last-Modified", "ETag")
    LOCAL_ENTRIES = 200
    # A worker's own copy is a shortcut, not the truth: kept briefly, so that even a version
    # change this worker missed (a Redis blip) cannot keep an old page alive for long.
    LOCAL_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = OrderedDict()
        self.lock = threading.Lock()
        self._query_rules = {}

    def view_rules(self, path):
        """What the view of `path` declares about query strings (remembered per path; only
        paths that resolve are remembered, so made-up paths cannot fill it)."""
        if path not in self._query_rules:
            rules = view_cache_rules(path)
            if rules is None:
                return NO_RULES
            if len(self._query_rules) > 1000:
                self._query_rules.clear()
            self._query_rules[path] = rules
        return self._query_rules[path]

    def has_cacheable_query(self, request):
        if not request.GET:
            return True
        rule = self.view_rules(request.path_info).parameters
        return all(
            name in rule and all(rule[name](value) for value in request.GET.getlist(name))
            for name in request.GET
        )

    def is_cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and self.has_cacheable_query(request)
        )

    def key(self, request, version):
        # get_host() also enforces ALLOWED_HOSTS (a 400), before anything is served from cache.
        query = sorted((name, request.GET.getlist(name)) for name in request.GET)
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"page:{version}:{digest}"

    def timeout(self, request):
        # A view whose addresses are many and each rarely asked for again (search results)
        # declares a shorter time for the ones with a query string (`query_cache_seconds`).
        if request.GET:
            seconds = self.view_rules(request.path_info).cache_seconds
            if seconds is not None:
                return seconds
        return settings.PUBLIC_CACHE_SECONDS

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        version = content_version()
        if version is None:  # no shared cache: nothing can be kept fresh
            return self.get_response(request)
        key = self.key(request, version)
        cached = self.recall(key)
        if cached is None:
            cached = cache.get(key)
            if cached is not None:
                self.remember(key, cached)
        if cached is not None:
            response = self._rebuild(*cached)
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            # The ETag goes into the cache too: a hit need not hash the page again.
            set_response_etag(response)
            headers = {h: response[h] for h in self.HEADERS_KEPT if h in response}
            entry = (response.status_code, headers, response.content)
            cache.set(key, entry, self.timeout(request))
            self.remember(key, entry)
            self.mark_public(response)
            response["X-Cache"] = "MISS"
        return response

    def recall(self, key):
        with self.lock:
            found = self.local.get(key)
            if found is None:
                return None
            stored_at, entry = found
            if time.monotonic() - stored_at > self.LOCAL_SECONDS:
                del self.local[key]
                return None
            self.local.move_to_end(key)
            return entry

    def remember(self, key, entry):
        """A small copy in this process: the key holds the content version, so an entry can
        never be stale, and a hit costs no trip to the shared cache."""
        with self.lock:  # the development server runs threads
            self.local[key] = (time.monotonic(), entry)
            self.local.move_to_end(key)
            while len(self.local) > self.LOCAL_ENTRIES:
                self.local.popitem(last=False)

    @staticmethod
    def is_cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def mark_public(response):
        """A CDN may keep the page briefly; a visitor with a session (an editor) gets their
        own copy, never the anonymous one."""
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_CDN_SECONDS)
        patch_vary_headers(response, ["Cookie"])

    def _rebuild(self, status, headers, content):
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        response["Content-Length"] = str(len(content))
        self.mark_public(response)
        return response


class ViewCacheRules(NamedTuple):
    parameters: dict  # {name: check(value) -> bool}
    cache_seconds: int | None  # for addresses with a query string; None: the default


NO_RULES = ViewCacheRules({}, None)


def view_cache_rules(path):
    """What the view at `path` declares for the page cache: `query_parameters`, a
    {name: check(value) -> bool} mapping of the parameters it accepts, and optionally
    `query_cache_seconds`. Class-based views declare them on the class. None when the path
    resolves to no view.

    The page cache runs before LocaleMiddleware, so the path's language is activated here to
    resolve the translated address."""
    language = translation.get_language_from_path(path)
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
    view = getattr(match.func, "view_class", match.func)
    return ViewCacheRules(
        dict(getattr(view, "query_parameters", {})), getattr(view, "query_cache_seconds", None)
    )
