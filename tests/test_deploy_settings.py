"""Production settings: the secret key, check --deploy, security headers, HTTPS, cookies."""

import pytest
from django.conf import settings
from django.test import Client

from tests.support.processes import run_python
from tests.support.public_urls import all_public_urls

pytestmark = pytest.mark.django_db


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(
        ["-c", "import django; django.setup()"],
        {"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "0"},
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_passes_with_production_settings():
    result = run_python(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        {
            "DJANGO_SECRET_KEY": "a-long-production-like-secret-" + "x7Qz9" * 10,
            "DJANGO_ALLOWED_HOSTS": "www.techniekpact.example",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


EXPECTED_CSP = [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
]


@pytest.mark.parametrize(
    "url", ["/nl/", "/en/faq/", "/nl/zoeken/?q=stage", "/admin/login/", "/sitemap.xml"]
)
def test_security_headers_on_public_and_admin_pages(url):
    response = Client().get(url, secure=True)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    for directive in EXPECTED_CSP:
        assert directive in csp
    assert "unsafe-inline" not in csp and "nonce-" not in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_plain_http_is_redirected_to_https_except_health_checks(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    response = client.get("/nl/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/nl/"
    assert client.get("/healthz").status_code == 200
    assert client.get("/nl/", headers={"x-forwarded-proto": "https"}).status_code == 200


@pytest.mark.parametrize("language", ["nl", "en"])
def test_anonymous_visitors_get_no_cookies(language):
    client = Client()
    for url in [
        *all_public_urls(language),
        f"/{language}/{'zoeken' if language == 'nl' else 'search'}/?q=stage",
    ]:
        response = client.get(url)
        assert not response.cookies, (url, response.cookies)
    assert not client.cookies


def test_admin_cookies_are_secure_httponly_and_samesite(admin_user):
    client = Client()
    response = client.get("/admin/login/", secure=True)
    csrf = response.cookies[settings.CSRF_COOKIE_NAME]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": admin_user.username, "password": "password"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"


def test_cached_pages_carry_every_security_header():
    client = Client()
    client.get("/en/partners/", secure=True)
    cached = client.get("/en/partners/", secure=True)
    assert cached["X-Cache"] == "HIT"
    for header in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
    ):
        assert header in cached, header
    assert cached["X-Frame-Options"] == "DENY"


def test_login_lockout_counts_the_visitors_address_behind_the_proxy(settings, admin_user):
    settings.TRUSTED_PROXIES = ["192.0.2.10"]
    login = "/admin/login/?next=/admin/"

    def attempt(password, visitor):
        # The visitor may send their own X-Forwarded-For; the proxy appends what it saw.
        return Client(REMOTE_ADDR="192.0.2.10").post(
            login,
            {"username": admin_user.username, "password": password},
            headers={"x-forwarded-for": f"10.9.9.9, {visitor}"},
        )

    for _ in range(4):
        assert attempt("wrong", "203.0.113.5").status_code == 200
    assert attempt("wrong", "203.0.113.5").status_code == 429  # the fifth failure locks
    assert attempt("password", "203.0.113.5").status_code == 429  # this visitor stays out
    assert attempt("password", "198.51.100.9").status_code == 302  # the real editor is not
