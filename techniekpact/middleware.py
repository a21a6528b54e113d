"""Middleware for the editors' side of the site: the admin's language and old addresses."""

import re

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import translation

OLD_ADDRESS = re.compile(r"/[a-z]{2}/[-a-zA-Z0-9_/]{1,300}")


class AdminLanguageMiddleware:
    """Serve the admin in Dutch by default.

    The admin is outside `i18n_patterns`, so LocaleMiddleware would follow the browser's
    Accept-Language and give most editors an English admin. Only an explicit choice (the language
    cookie) overrides the default.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(reverse("admin:index")):
            language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
            if language not in dict(settings.LANGUAGES):
                language = settings.LANGUAGE_CODE
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class SlugRedirectMiddleware:
    """Answer a 404 on an address an item used to have with a permanent redirect to its current
    address (see `techniekpact.models.SlugRedirect`). Every other response passes untouched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        # Old addresses are built from slugs: anything else (NUL bytes, odd characters, very long
        # paths) cannot be one, and must not reach the database (PostgreSQL refuses NUL).
        if not OLD_ADDRESS.fullmatch(request.path):
            return response
        from techniekpact.models import SlugRedirect

        url = SlugRedirect.current_url_for(request.path)
        if url and url != request.path:
            return HttpResponsePermanentRedirect(url)
        return response
