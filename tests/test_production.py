"""Production behaviour: settings, security headers, cookies, the page cache and resilience."""

import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape

from pages.models import Goal
from techniekpact.content_version import bump_content_version, content_version
from tests.test_public_pages import all_public_urls

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def run_python(code_or_args, env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    # As production: never the developer's .env (see manage.py).
    full_env.update(DJANGO_DOTENV="0", **env)
    return subprocess.run(
        [sys.executable, *code_or_args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


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


def test_public_pages_are_cached_and_an_edit_shows_at_once_in_both_languages():
    client = Client()
    goal = Goal.objects.get(number=5)
    urls = {}
    for language in ("nl", "en"):
        with translation.override(language):
            urls[language] = goal.get_absolute_url()
    for url in urls.values():
        assert client.get(url)["X-Cache"] == "MISS"
        hit = client.get(url)
        assert hit["X-Cache"] == "HIT"
        assert "public" in hit["Cache-Control"] and "max-age=" in hit["Cache-Control"]
    goal.title_nl, goal.title_en = "Nieuwe titel van doel vijf", "New title of goal five"
    goal.save()
    assert "Nieuwe titel van doel vijf" in client.get(urls["nl"]).content.decode()
    assert "New title of goal five" in client.get(urls["en"]).content.decode()
    goal.delete()
    assert client.get(urls["nl"]).status_code == 404
    assert "New title of goal five" not in client.get("/en/goals/").content.decode()


def test_conditional_get_answers_304():
    client = Client()
    etag = client.get("/en/faq/")["ETag"]
    assert client.get("/en/faq/", headers={"if-none-match": etag}).status_code == 304


def test_logged_in_editors_bypass_the_page_cache(admin_user):
    client = Client()
    client.force_login(admin_user)
    response = client.get("/nl/doelen/")
    assert "X-Cache" not in response


def test_pages_are_served_when_redis_is_gone(settings):
    """A Redis that does not answer (nothing listens on port 1) costs speed, never a page."""
    settings.CACHES = {
        "default": {
            "BACKEND": "techniekpact.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    client = Client()
    for url in ("/nl/", "/en/goals/", "/nl/zoeken/?q=stage"):
        response = client.get(url)
        assert response.status_code == 200 and "X-Cache" not in response
    ready = client.get("/readyz")
    assert ready.status_code == 503 and b"cache" in ready.content
    # Nothing is cached meanwhile, so an edit still shows at once (pages and search).
    goal = Goal.objects.get(number=2)
    goal.title_en = "Edited while Redis is away"
    goal.save()
    assert "Edited while Redis is away" in client.get("/en/goals/").content.decode()
    found = client.get("/en/search/", {"q": "away"}).content.decode()
    assert "Edited while Redis is away" in found


def test_health_endpoints():
    client = Client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready["Cache-Control"] == "no-store"


def assert_outage_handled(result):
    assert result.returncode == 0, result.stderr[-3000:]
    steps = json.loads(result.stdout.strip().splitlines()[-1])
    assert steps["before"]["status"] == 200
    assert steps["during_nl"]["status"] == 503
    assert '<html lang="nl">' in steps["during_nl"]["body"]
    assert "tijdelijk niet beschikbaar" in steps["during_nl"]["body"]
    assert steps["during_en"]["status"] == 503
    assert "temporarily unavailable" in steps["during_en"]["body"]
    assert "Traceback" not in steps["during_en"]["body"]
    assert steps["during_cached"]["status"] == 200  # a cached page is still served
    assert steps["readyz_during"]["status"] == 503
    assert steps["healthz_during"]["status"] == 200
    assert steps["after"]["status"] == 200 and steps["readyz_after"]["status"] == 200


def test_database_outage_gives_a_503_in_the_visitors_language_and_recovers(tmp_path):
    """SQLite: the database file goes away and comes back."""
    assert_outage_handled(run_python([str(ROOT / "tests" / "outage_script.py"), str(tmp_path)], {}))


ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
needs_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="runs in the PostgreSQL pass of CI (DATABASE_URL=postgres://...)"
)


@pytest.fixture
def scratch_database():
    """A new, empty PostgreSQL database on the test server; its URL. Dropped afterwards."""
    import psycopg

    server = settings.DATABASES["default"]
    name = f"{server['NAME']}_scratch"
    base = f"postgres://{server['USER']}@{server['HOST']}:{server['PORT'] or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@needs_postgresql
def test_postgresql_outage_gives_a_503_and_recovers(tmp_path, scratch_database):
    """PostgreSQL: the server refuses the database and drops its connections, then takes
    them again."""
    script = str(ROOT / "tests" / "outage_script.py")
    assert_outage_handled(run_python([script, str(tmp_path), scratch_database], {}))


def test_an_edit_in_one_process_shows_in_another_without_redis(tmp_path):
    """Without Redis the default cache is shared on disk by the workers of a host: a worker
    that has the page cached sees an edit made by another process at its next request."""
    script = str(ROOT / "tests" / "worker_script.py")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    worker = subprocess.Popen(
        [sys.executable, script, str(tmp_path), "serve"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def next_visit():
        line = ""
        while not line.startswith("{"):  # skip anything else a library prints
            line = worker.stdout.readline()
            assert line, "the worker stopped"
        return json.loads(line)

    try:
        first = next_visit()
        assert "Edited in another process" not in first["body"]
        edit = run_python([script, str(tmp_path), "edit"], {})
        assert edit.returncode == 0, edit.stderr[-2000:]
        worker.stdin.write("\n")
        worker.stdin.flush()
        second = next_visit()
        assert "Edited in another process" in second["body"]
    finally:
        worker.kill()
        worker.wait()


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


def test_the_page_cache_checks_the_host_and_keeps_hosts_apart(settings):
    settings.ALLOWED_HOSTS = ["www.example.nl", "example.nl"]
    client = Client()
    assert client.get("/nl/", headers={"host": "www.example.nl"})["X-Cache"] == "MISS"
    assert client.get("/nl/", headers={"host": "evil.example"}).status_code == 400
    other = client.get("/nl/", headers={"host": "example.nl"})
    assert other["X-Cache"] == "MISS"
    assert 'rel="canonical" href="http://example.nl/nl/"' in other.content.decode()


def test_unknown_query_parameters_bypass_the_page_cache():
    client = Client()
    for _ in range(2):
        response = client.get("/en/goals/", {"utm_source": "x"})
        assert response.status_code == 200 and "X-Cache" not in response
    client.get("/en/goals/", {"stage": "primary"})
    assert client.get("/en/goals/", {"stage": "primary"})["X-Cache"] == "HIT"


def test_a_publication_window_that_closes_hides_the_item_from_cached_pages_and_search():
    client = Client()
    goal = Goal.objects.get(number=6)
    with translation.override("en"):
        url = goal.get_absolute_url()
    assert client.get("/en/goals/")["X-Cache"] == "MISS"
    assert client.get("/en/search/", {"q": goal.title_en}).status_code == 200
    # The window closes a moment from now, set without signals (as time passing would).
    Goal.objects.filter(pk=goal.pk).update(publish_until=timezone.now() + timedelta(seconds=0.5))
    bump_content_version()  # the edit that set the date (its signal)
    listing = client.get("/en/goals/")
    assert escape(goal.title_en) in listing.content.decode()
    time.sleep(0.6)
    listing = client.get("/en/goals/")
    assert escape(goal.title_en) not in listing.content.decode()
    assert client.get(url).status_code == 404
    found = client.get("/en/search/", {"q": goal.title_en}).content.decode()
    assert f'href="{url}"' not in found


def test_a_publication_window_that_opens_shows_the_item():
    client = Client()
    goal = Goal.objects.get(number=8)
    goal.publish_from = timezone.now() + timedelta(seconds=0.5)
    goal.save()
    assert escape(goal.title_en) not in client.get("/en/goals/").content.decode()
    time.sleep(0.6)
    assert escape(goal.title_en) in client.get("/en/goals/").content.decode()


def test_an_edit_bumps_the_content_version_again_when_it_is_committed(
    django_capture_on_commit_callbacks,
):
    """A visitor who read the old data between the save and the commit may have cached it
    under the version the save set; the commit starts yet another one."""
    goal = Goal.objects.get(number=3)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        goal.title_en = "Committed title"
        goal.save()
        during = content_version()
    assert callbacks  # the bump waiting for the commit
    assert content_version() != during


def test_a_bump_lost_in_a_redis_blip_is_retried_and_nothing_is_cached_meanwhile(settings):
    locmem = settings.CACHES
    settings.CACHES = {
        "default": {
            "BACKEND": "techniekpact.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    before = Client().get("/en/goals/")
    assert "X-Cache" not in before  # no shared cache, no page cache
    goal = Goal.objects.get(number=4)
    goal.title_en = "Saved during the blip"
    goal.save()  # its bump cannot be stored
    settings.CACHES = locmem  # Redis is back
    response = Client().get("/en/goals/")
    assert "Saved during the blip" in response.content.decode()
    assert content_version() is not None


def test_only_the_parameters_a_page_uses_are_cached():
    client = Client()
    for url in (
        "/nl/?page=abc",
        "/nl/?q=1",
        "/nl/doelen/?stage=%00",
        "/nl/doelen/?stage=x",
        "/nl/zoeken/?q=stage&page=1x",
    ):
        assert "X-Cache" not in client.get(url), url
    for url in ("/nl/zoeken/?q=stage&page=1", "/nl/doelen/?stage=primary"):
        client.get(url)
        assert client.get(url)["X-Cache"] == "HIT", url


def test_cached_pages_have_a_length_and_vary_on_cookie():
    client = Client()
    client.get("/en/faq/")
    hit = client.get("/en/faq/")
    assert hit["X-Cache"] == "HIT"
    assert int(hit["Content-Length"]) == len(hit.content)
    assert "Cookie" in hit["Vary"]


def test_health_checks_answer_whatever_host_or_scheme_the_probe_uses(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    for path in ("/healthz", "/readyz"):
        response = client.get(path, headers={"host": "10.0.0.7:8000"})
        assert response.status_code == 200, path
    assert client.get("/nl/", headers={"host": "10.0.0.7:8000"}).status_code == 400


def test_the_worker_copy_of_a_page_expires(monkeypatch):
    from techniekpact.page_cache import PublicPageCacheMiddleware

    monkeypatch.setattr(PublicPageCacheMiddleware, "LOCAL_SECONDS", 0.05)
    middleware = PublicPageCacheMiddleware(lambda request: None)
    middleware.remember("page:1:abc", (200, {}, b"page"))
    assert middleware.recall("page:1:abc") == (200, {}, b"page")
    time.sleep(0.1)
    assert middleware.recall("page:1:abc") is None


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


@needs_postgresql
def test_containers_starting_at_once_release_one_at_a_time(tmp_path, scratch_database):
    """Three `manage.py release` at once on a new database: all succeed, content loads once."""
    import psycopg

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DOTENV="0",
        DATABASE_URL=scratch_database,
        DJANGO_SECRET_KEY="release-test-key-" + "r" * 40,
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
    )
    env.pop("REDIS_URL", None)
    starts = [
        subprocess.Popen(
            [sys.executable, "manage.py", "release"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [start.communicate(timeout=300)[0] for start in starts]
    assert [start.returncode for start in starts] == [0, 0, 0], outputs
    assert sum("Content loaded" in output for output in outputs) == 1
    with psycopg.connect(scratch_database) as db:
        assert db.execute("SELECT count(*) FROM pages_goal").fetchone()[0] == 12
