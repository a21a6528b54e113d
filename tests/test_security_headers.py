"""Every response carries the security headers: pages, health checks, error pages, files.

Cross-Origin-Resource-Policy keeps other sites from embedding our responses; the health checks
and the error pages used to go out without any of the headers (the health checks were answered
before the header middleware, the error pages were not checked).
"""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

HEADERS = {
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
}


def assert_security_headers(response):
    for name, value in HEADERS.items():
        assert response.get(name) == value, (name, response.get(name))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/healthz", 200),
        ("/readyz", 200),
        ("/nl/", 200),
        ("/admin/login/", 200),
        ("/robots.txt", 200),
        ("/static/css/site.css", 200),
        ("/nl/bestaat-niet/", 404),
        ("/en/does-not-exist/", 404),
    ],
)
def test_every_response_carries_the_security_headers(url, status):
    response = Client().get(url, secure=True)
    assert response.status_code == status
    assert_security_headers(response)


def test_health_checks_carry_them_whatever_host_or_scheme_the_probe_uses(settings):
    settings.SECURE_SSL_REDIRECT = True
    for path in ("/healthz", "/readyz"):
        response = Client().get(path, headers={"host": "10.0.0.7:8000"})
        assert response.status_code == 200, path  # no redirect, no host check
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in response
        # HSTS only ever over HTTPS (browsers ignore it otherwise); over HTTPS it is there.
        assert "Strict-Transport-Security" not in response
        assert_security_headers(Client().get(path, secure=True, headers={"host": "10.0.0.7"}))


def test_readyz_carries_them_when_it_answers_503(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "techniekpact.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    response = Client().get("/readyz", secure=True)
    assert response.status_code == 503
    assert_security_headers(response)


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/en/boom/", 500, "Something went wrong"),
        ("/nl/database-gone/", 503, "tijdelijk niet beschikbaar"),
        ("/en/database-gone/", 503, "temporarily unavailable"),
    ],
)
def test_error_pages_carry_them(settings, url, status, text):
    settings.ROOT_URLCONF = "tests.support.urls_error"
    response = Client(raise_request_exception=False).get(url, secure=True)
    assert response.status_code == status
    assert text in response.content.decode()
    assert_security_headers(response)


def test_cached_pages_carry_the_resource_policy_too():
    client = Client()
    client.get("/en/partners/", secure=True)
    cached = client.get("/en/partners/", secure=True)
    assert cached["X-Cache"] == "HIT"
    assert_security_headers(cached)
