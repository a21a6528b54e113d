"""Old addresses: a 404 on an address an item used to have answers with a 301."""

import re

from django.http import HttpResponsePermanentRedirect

from techniekpact.models import SlugRedirect

OLD_ADDRESS = re.compile(r"/[a-z]{2}/[-a-zA-Z0-9_/]{1,300}")


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
        url = SlugRedirect.current_url_for(request.path)
        if url and url != request.path:
            return HttpResponsePermanentRedirect(url)
        return response
