"""The site-wide views: error pages, health checks, robots.txt and security.txt."""

import logging
import sys
from datetime import UTC, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from techniekpact.views import url_in_language

logger = logging.getLogger(__name__)


def _home_alternates():
    return [(code, url_in_language(code, "pages:home")) for code, _name in settings.LANGUAGES]


def page_not_found(request, exception=None):
    return render(
        request,
        "404.html",
        {"page_title": _("Page not found"), "alternates": _home_alternates()},
        status=404,
    )


def permission_denied(request, exception=None):
    """403: in the admin, a page in the admin's own look that says what the editor may do and
    leads back; elsewhere the site's error page."""
    if request.path_info.startswith(reverse("admin:index")) and request.user.is_staff:
        context = {
            "title": _("You may not open this page"),
            "site_header": _("Technology Pact: content management"),
            "site_title": _("Technology Pact management"),
            "has_permission": True,
            "is_nav_sidebar_enabled": False,
        }
        return render(request, "admin/403.html", context, status=403)
    context = {
        "heading": _("You may not open this page"),
        "message": _("This page is not open to you. Go back to the home page to go on."),
    }
    return render(request, "error.html", context, status=403)


def server_error(request):
    """The 500 page, or a 503 when the cause is the database being unreachable.

    Touches nothing that may be broken (the database): a plain template in the active language.
    """
    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.error("Database unavailable: answering 503")
        context = {
            "heading": _("The website is temporarily unavailable"),
            "message": _(
                "The website cannot reach its data right now. This is usually over within "
                "minutes: please try again shortly."
            ),
        }
        response = render(request, "error.html", context, status=503)
        response["Retry-After"] = "30"
        return response
    context = {
        "heading": _("Something went wrong"),
        "message": _(
            "Sorry, the website could not show this page because of an error on our side. "
            "Please try again in a few minutes."
        ),
    }
    return render(request, "error.html", context, status=500)


def healthz(request):
    """Liveness: the process answers. Checks nothing else, on purpose."""
    return HttpResponse("ok\n", content_type="text/plain")


def readyz(request):
    """Readiness for the load balancer: 503 unless the database and the cache answer."""
    problems = []
    try:
        with connection.cursor() as cursor:
            # A real table, not just "SELECT 1": an empty or wrong database is not ready.
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
    except DatabaseError:
        problems.append("database")
    try:
        if hasattr(cache, "ping"):
            cache.ping()
        else:
            cache.set("techniekpact:readyz", 1, 5)
    except Exception:
        problems.append("cache")
    body = "ok\n" if not problems else "unavailable: " + ", ".join(problems) + "\n"
    response = HttpResponse(body, status=503 if problems else 200, content_type="text/plain")
    response["Cache-Control"] = "no-store"
    return response


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /nl/zoeken/",
        "Disallow: /en/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def security_txt(request):
    """RFC 9116. Expires is always half a year ahead: the file is generated, never stale."""
    expires = timezone.now().replace(microsecond=0) + timedelta(days=182)
    contacts = settings.SECURITY_TXT_CONTACTS or [
        request.build_absolute_uri(url_in_language("nl", "pages:about") + "#organisation")
    ]
    lines = [f"Contact: {contact}" for contact in contacts] + [
        f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
