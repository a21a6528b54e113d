"""The public page cache: anonymous visitors' pages served from the shared cache.

A hit is meant to cost less than a static file: the middleware is the first in the stack, so a
hit is answered before any other middleware runs, with the headers the rest of the stack set when
the page was stored (security headers, CSP, Cache-Control, ETag, Vary), in the compression the
client accepts (stored once per content version: brotli, gzip and plain), and without asking
Redis for the content version more than every CONTENT_VERSION_CHECK_SECONDS.
"""

import gzip
import hashlib
import re
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

import brotli
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers, set_response_etag
from django.utils.http import parse_etags

from techniekpact.content_version import content_version
from techniekpact.release import release_fingerprint

# Smaller pages gain nothing from compression (and the 304s and redirects are never stored).
COMPRESS_MIN_BYTES = 1024
# Cheap enough to compress on the miss that stores the page (a few ms for the longest page),
# close to the best ratio.
BROTLI_QUALITY = 6
GZIP_LEVEL = 6


class Entry(NamedTuple):
    """A stored page: its status, its headers (without Content-Length, Content-Encoding and
    ETag), and a body and ETag per content coding ("br", "gzip", "identity")."""

    status: int
    headers: tuple
    bodies: dict
    etags: dict


class PublicPageCacheMiddleware:
    """Cache anonymous visitors' public pages, per host, scheme and address (so per language).

    The key contains the content version, which changes on every save or delete of content and
    when a publication window opens or closes: an edit is visible at the next request (in
    other workers within CONTENT_VERSION_CHECK_SECONDS) and stale entries simply expire. The
    key also contains the release (techniekpact.release): a new deployment never serves pages
    rendered by the old templates. Anyone with a session (editors, previews) bypasses the cache
    entirely. Only pages that set no cookie and are not marked private are stored, so nothing
    personal can leak into the cache. Only the query parameters a page's view declares, with
    values it accepts (`query_parameters`, see `accepted_query_parameters`), are cached; any
    other address bypasses the cache, so nobody can fill it with made-up ones.

    Compression and BREACH: stored pages are compressed (brotli and gzip) and served by the
    client's Accept-Encoding. That is safe here because a stored page holds no secret: it is
    only stored for a request without a session and a response that sets no cookie, so it has
    no CSRF token and nothing personal, and an attacker's reflected input cannot share a
    compression window with a secret. Pages with a session are never compressed this way.

    It must be the first middleware: on a miss, the response it stores has passed through all
    the others, so a hit carries the same headers without running them.
    """

    PREFIXES = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
    # What a hit must not copy from the stored response: set per hit, or by the server.
    HEADERS_NOT_STORED = frozenset(
        {"content-length", "content-encoding", "etag", "x-cache", "date", "set-cookie"}
    )
    # A 304 repeats these of the full response (RFC 9110, 15.4.5), and the security headers.
    HEADERS_NOT_IN_304 = frozenset({"content-type", "content-language"})
    # A worker's own copies: at most this many pages and this many bytes (each page with its
    # plain, brotli and gzip bodies), the oldest used dropped first.
    LOCAL_ENTRIES = 200
    LOCAL_BYTES = 8 * 1024 * 1024
    # A worker's own copy is a shortcut, not the truth: kept briefly, so that even a version
    # change this worker missed (a Redis blip) cannot keep an old page alive for long.
    LOCAL_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = OrderedDict()
        self.local_bytes = 0
        self.lock = threading.Lock()
        self._query_rules = {}
        self._digests = {}
        self.release = release_fingerprint()

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
        return f"page:{self.release}:{version}:{self.address_digest(request)}"

    def address_digest(self, request):
        """A digest of the page's full address (scheme, host, path, sorted query), remembered
        per raw request line and host headers: a hit need not parse and hash it again."""
        meta = request.META
        raw = (
            request.scheme,
            meta.get("HTTP_HOST"),
            meta.get("HTTP_X_FORWARDED_HOST"),
            meta.get("SERVER_NAME"),
            meta.get("SERVER_PORT"),
            request.path,
            meta.get("QUERY_STRING"),
        )
        digest = self._digests.get(raw)
        if digest is None:
            # get_host() also enforces ALLOWED_HOSTS (DisallowedHost) before anything is
            # served; only addresses that passed it are remembered.
            query = sorted((name, request.GET.getlist(name)) for name in request.GET)
            address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
            digest = hashlib.sha256(address.encode()).hexdigest()
            if len(self._digests) > 5000:
                self._digests.clear()
            self._digests[raw] = digest
        return digest

    def timeout(self, request):
        # A view whose addresses are many and each rarely asked for again (search results)
        # declares a shorter time for the ones with a query string (`query_cache_seconds`).
        if request.GET:
            seconds = self.view_rules(request.path_info).cache_seconds
            if seconds is not None:
                return seconds
        return settings.PUBLIC_CACHE_SECONDS

    def __call__(self, request):
        # Being the first middleware, an error raised here would bypass every other one (a
        # response without security headers): anything unexpected, such as a query string
        # with too many fields (TooManyFieldsSent) or a bad host (DisallowedHost), is left to
        # the rest of the stack to answer.
        try:
            key = self.lookup_key(request)
        except Exception:  # noqa: BLE001 - answered below, by the whole stack
            key = None
        if key is None:
            return self.get_response(request)
        version, key = key
        entry = self.recall(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                self.remember(key, entry)
        if entry is not None:
            return self.serve(request, entry, "HIT")
        # The conditional request is answered once the page is stored (with this coding's
        # ETag and the full headers), not by ConditionalGetMiddleware further in.
        conditional = {
            name: request.META.pop(name)
            for name in ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
            if name in request.META
        }
        response = self.get_response(request)
        request.META.update(conditional)
        if not self.is_cacheable_response(response) or content_version() != version:
            # Not for the cache; or the shared cache failed meanwhile, or content changed
            # while the page was rendered: do not keep this page, not even in this worker.
            return response
        entry = self.store(response)
        cache.set(key, entry, self.timeout(request))
        self.remember(key, entry)
        return self.serve(request, entry, "MISS")

    def lookup_key(self, request):
        """(content version, cache key) for a request the cache may answer, else None."""
        if not self.is_cacheable_request(request):
            return None
        version = content_version()
        if version is None:  # no shared cache: nothing can be kept fresh
            return None
        return version, self.key(request, version)

    def store(self, response):
        """The entry for a response that passed through the whole stack: compressed once,
        headers decided once."""
        self.mark_public(response)
        patch_vary_headers(response, ["Accept-Encoding"])
        headers = tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in self.HEADERS_NOT_STORED
        )
        content = response.content
        bodies = {"identity": content}
        if len(content) >= COMPRESS_MIN_BYTES:
            bodies["br"] = brotli.compress(content, quality=BROTLI_QUALITY)
            bodies["gzip"] = gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)
        # One ETag per representation: the same page in another coding is another body.
        set_response_etag(response)
        etag = response["ETag"]
        etags = {
            coding: etag if coding == "identity" else f'{etag[:-1]}-{coding}"' for coding in bodies
        }
        return Entry(response.status_code, headers, bodies, etags)

    def serve(self, request, entry, outcome):
        coding = choose_coding(request.META.get("HTTP_ACCEPT_ENCODING", ""), entry.bodies)
        etag = entry.etags[coding]
        if self.not_modified(request.META.get("HTTP_IF_NONE_MATCH"), etag):
            response = HttpResponseNotModified()
            for name, value in entry.headers:
                if name.lower() not in self.HEADERS_NOT_IN_304:
                    response[name] = value
        else:
            body = entry.bodies[coding]
            response = HttpResponse(body, status=entry.status)
            set_headers(response, entry.headers)
            response["Content-Length"] = str(len(body))
            if coding != "identity":
                response["Content-Encoding"] = coding
        response["ETag"] = etag
        response["X-Cache"] = outcome
        return response

    @staticmethod
    def not_modified(if_none_match, etag):
        """If-None-Match uses the weak comparison (RFC 9110, 13.1.2): W/"x" matches "x"."""
        if not if_none_match:
            return False
        if if_none_match.strip() == "*":
            return True
        return any(tag.removeprefix("W/") == etag for tag in parse_etags(if_none_match))

    def recall(self, key):
        with self.lock:
            found = self.local.get(key)
            if found is None:
                return None
            stored_at, entry = found
            if time.monotonic() - stored_at > self.LOCAL_SECONDS:
                self._forget(key)
                return None
            self.local.move_to_end(key)
            return entry

    def remember(self, key, entry):
        """A small copy in this process: the key holds the content version, so an entry can
        never be stale, and a hit costs no trip to the shared cache."""
        size = entry_size(entry)
        if size > self.LOCAL_BYTES:
            return
        with self.lock:  # the development server runs threads
            self._forget(key)
            self.local[key] = (time.monotonic(), entry)
            self.local_bytes += size
            while len(self.local) > self.LOCAL_ENTRIES or self.local_bytes > self.LOCAL_BYTES:
                self._forget(next(iter(self.local)))

    def _forget(self, key):
        """Drop a worker copy (the caller holds the lock)."""
        found = self.local.pop(key, None)
        if found is not None:
            self.local_bytes -= entry_size(found[1])

    @staticmethod
    def is_cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Content-Encoding")  # stored as it is, plain
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def mark_public(response):
        """A CDN may keep the page briefly; a visitor with a session (an editor) gets their
        own copy, never the anonymous one."""
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_CDN_SECONDS)
        patch_vary_headers(response, ["Cookie"])


def entry_size(entry):
    """The bytes a stored page's bodies take."""
    return sum(len(body) for body in entry.bodies.values())


def set_headers(response, headers):
    """Set stored headers on a new response. They were checked by Django when the page was
    stored, so they go straight into the response's header table (Django's ResponseHeaders
    keeps {lower-case name: (name, value)}); checking them again was a tenth of a hit's cost.
    Should that table ever change, they are set one by one as usual."""
    store = getattr(response.headers, "_store", None)
    if isinstance(store, dict):
        store.update((name.lower(), (name, value)) for name, value in headers)
    else:
        for name, value in headers:
            response[name] = value


ACCEPT_ENCODING_ITEM = re.compile(r"\s*([^\s;,]+)\s*(?:;\s*q\s*=\s*([^\s;,]*))?")
ALIASES = {"x-gzip": "gzip"}
PREFERENCE = ("br", "gzip")  # on equal quality: brotli is smaller


_codings = {}


def choose_coding(accept_encoding, available):
    """The content coding to send for an Accept-Encoding header: of brotli and gzip, the one
    the client values most (q > 0; brotli on a tie) that the entry has, else none.
    (Remembered per header value: browsers send a handful of them.)"""
    if not accept_encoding or len(available) == 1:
        return "identity"
    key = (accept_encoding, tuple(available))
    coding = _codings.get(key)
    if coding is None:
        if len(_codings) > 500:
            _codings.clear()
        coding = _codings[key] = _choose_coding(accept_encoding, available)
    return coding


def _choose_coding(accept_encoding, available):
    accepted = {}
    for item in accept_encoding.lower().split(","):
        match = ACCEPT_ENCODING_ITEM.match(item)
        if match:
            try:
                quality = float(match[2]) if match[2] else 1.0
            except ValueError:
                quality = 0.0
            accepted[ALIASES.get(match[1], match[1])] = quality
    best, best_quality = "identity", 0.0
    for coding in PREFERENCE:
        quality = accepted.get(coding, accepted.get("*", 0.0))
        if quality > best_quality and coding in available:
            best, best_quality = coding, quality
    return best


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
