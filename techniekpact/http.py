"""HTTP-level middleware: security headers Django has no setting for, and the public page cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

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
    HEADERS_KEPT = ("Content-Type", "Content-Language", "Vary", "Last-Modified")
    QUERY_PARAMETERS = {"q", "page", "stage"}

    def __init__(self, get_response):
        self.get_response = get_response

    def is_cacheable_request(self, request):
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith(self.PREFIXES)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and set(request.GET) <= self.QUERY_PARAMETERS
        )

    def key(self, request):
        # get_host() also enforces ALLOWED_HOSTS (a 400), before anything is served from cache.
        query = sorted((name, request.GET.getlist(name)) for name in request.GET)
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        return f"page:{content_version()}:{digest}"

    def timeout(self, request):
        # Search results: many different addresses, each rarely asked for again.
        if "q" in request.GET:
            return settings.PUBLIC_CACHE_SEARCH_SECONDS
        return settings.PUBLIC_CACHE_SECONDS

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        key = self.key(request)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = self._rebuild(status, headers, content)
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            headers = {h: response[h] for h in self.HEADERS_KEPT if h in response}
            cache.set(
                key,
                (response.status_code, headers, response.content),
                settings.PUBLIC_CACHE_SECONDS,
            )
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_CDN_SECONDS)
            response["X-Cache"] = "MISS"
        return response

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
