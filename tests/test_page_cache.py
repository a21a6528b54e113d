"""The public page cache: hits, misses, what is never cached, and the content version."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape

from pages.models import Goal
from techniekpact.content_version import bump_content_version, content_version

pytestmark = pytest.mark.django_db


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


def test_a_publication_window_that_closes_hides_the_item_from_cached_pages_and_search(settings):
    # Far within the version check interval: the window alone must start a new version.
    settings.CONTENT_VERSION_CHECK_SECONDS = 60
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


def test_a_publication_window_that_opens_shows_the_item(settings):
    settings.CONTENT_VERSION_CHECK_SECONDS = 60
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


def test_the_worker_copy_of_a_page_expires(monkeypatch):
    from techniekpact.page_cache import Entry, PublicPageCacheMiddleware

    monkeypatch.setattr(PublicPageCacheMiddleware, "LOCAL_SECONDS", 0.05)
    middleware = PublicPageCacheMiddleware(lambda request: None)
    entry = Entry(200, (), {"identity": b"page"}, {"identity": '"e"'})
    middleware.remember("page:1:abc", entry)
    assert middleware.recall("page:1:abc") == entry
    time.sleep(0.1)
    assert middleware.recall("page:1:abc") is None
    assert middleware.local_bytes == 0
