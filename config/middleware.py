"""Site-wide middleware: health checks for the load balancer, the security headers Django has
no setting for, and the admin's language. (The page cache and old-address redirects are the
core's: `techniekpact.page_cache`, `techniekpact.middleware`.)"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from config import views


class HealthCheckMiddleware:
    """/healthz and /readyz for the load balancer, answered right after the security headers
    are in place: before the host check, since probes use the container's own address (and
    SECURE_REDIRECT_EXEMPT keeps them out of the redirect to HTTPS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return views.healthz(request)
        if request.path == "/readyz":
            return views.readyz(request)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """The security headers Django has no setting for: Permissions-Policy (switch off browser
    features the site never uses) and Cross-Origin-Resource-Policy (no other site may embed
    our responses)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY
        )
        return response


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
