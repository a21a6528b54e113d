"""HTTP-level middleware: security headers Django has no setting for, and the public page cache."""

import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag

from techniekpact.cache import content_version


class SecurityHeadersMiddleware:
    """Permissions-Policy: switch off browser features the site never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PublicPageCacheMiddleware:
    """Cache anonymous visitors' public pages, per host, scheme and address (so per language).

    The key contains the content version, which changes on every save or delete of content and
    when a publication window opens or closes: an edit is visible at the next request and stale
    entries simply expire. Anyone with a session (editors, previews) bypasses the cache
    entirely. Only pages that set no cookie and are not marked private are stored, so nothing
    personal can leak into the cache. Only the query parameters the site uses count; any other
    one bypasses the cache, so nobody can fill it with made-up addresses.
    """

    PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    HEADERS_KEPT = ("Content-Type", "Content-Language", "Vary", "Last-Modified", "ETag")
    LOCAL_ENTRIES = 200
    QUERY_PARAMETERS = {"q", "page", "stage"}

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = OrderedDict()
        self.lock = threading.Lock()

    def is_cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and set(request.GET) <= self.QUERY_PARAMETERS
        )

    def key(self, request, version):
        # get_host() also enforces ALLOWED_HOSTS (a 400), before anything is served from cache.
        query = sorted((name, request.GET.getlist(name)) for name in request.GET)
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"page:{version}:{digest}"

    def timeout(self, request):
        # Search results: many different addresses, each rarely asked for again.
        if "q" in request.GET:
            return settings.PUBLIC_CACHE_SEARCH_SECONDS
        return settings.PUBLIC_CACHE_SECONDS

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        version = content_version()
        if version is None:  # no shared cache: nothing can be kept fresh
            return self.get_response(request)
        key = self.key(request, version)
        cached = self.local.get(key)
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
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_CDN_SECONDS)
            response["X-Cache"] = "MISS"
        return response

    def remember(self, key, entry):
        """A small copy in this process: the key holds the content version, so an entry can
        never be stale, and a hit costs no trip to the shared cache."""
        with self.lock:  # the development server runs threads
            self.local[key] = entry
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
    def _rebuild(status, headers, content):
        response = HttpResponse(content, status=status)
        for name, value in headers.items():
            response[name] = value
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_CDN_SECONDS)
        return response
