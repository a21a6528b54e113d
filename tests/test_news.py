"""News and events: who may publish them, the pages in both languages, the feeds and
calendars, the images, and drafts that never show anywhere."""

import re
from datetime import UTC, date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from news.models import Event, NewsItem
from pages.models import Goal
from techniekpact.content_version import content_version
from tests.support.admin_helpers import form_data
from tests.support.htmlpage import parse

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def news(landsdeel=None, n=1, **fields):
    values = {
        "landsdeel": landsdeel,
        "title_nl": f"Nieuwsbericht {n}",
        "title_en": f"News item {n}",
        "slug_nl": f"nieuwsbericht-{n}",
        "slug_en": f"news-item-{n}",
        "summary_nl": f"Samenvatting {n}",
        "summary_en": f"Summary {n}",
        "body_nl": "Tekst",
        "body_en": "Text",
        "published_on": date(2026, 11, 1),
        "is_published": True,
        **fields,
    }
    return NewsItem.objects.create(**values)


def event(landsdeel=None, n=1, start=None, end=None, **fields):
    start = start or datetime(2027, 3, 10, 14, 0, tzinfo=AMSTERDAM)
    values = {
        "landsdeel": landsdeel,
        "title_nl": f"Activiteit {n}",
        "title_en": f"Event {n}",
        "slug_nl": f"activiteit-{n}",
        "slug_en": f"event-{n}",
        "description_nl": "Beschrijving",
        "description_en": "Description",
        "start": start,
        "end": end or start.replace(hour=17),
        "location_name": "Zaal",
        "location_address": "Straat 1, Assen",
        "organiser": "Techniekpact Noord",
        "is_published": True,
        **fields,
    }
    return Event.objects.create(**values)


def url_in(language, obj=None, name=None, **kwargs):
    with translation.override(language):
        return obj.get_absolute_url() if obj is not None else reverse(name, kwargs=kwargs)


# --- Who may publish: coordinators for their own landsdeel only ------------------------------


def add_url(model):
    return reverse(f"admin:news_{model}_add")


def news_post(client, **overrides):
    data = form_data(client.get(add_url("newsitem")))
    data.update(
        {
            "title_nl": "Open dag techniek",
            "slug_nl": "open-dag-techniek",
            "summary_nl": "Een open dag.",
            "body_nl": "Kom kijken.",
            "published_on": "2026-11-20",
            "is_published": "on",
        }
    )
    data.update(overrides)
    return client.post(add_url("newsitem"), {k: v for k, v in data.items() if v is not None})


def event_post(client, **overrides):
    data = form_data(client.get(add_url("event")))
    data.update(
        {
            "title_nl": "Techniekmiddag",
            "slug_nl": "techniekmiddag",
            "description_nl": "Een middag vol techniek.",
            "start_0": "2027-04-01",
            "start_1": "13:00:00",
            "end_0": "2027-04-01",
            "end_1": "17:00:00",
            "location_name": "ROC",
            "organiser": "Landsdeel",
            "is_published": "on",
        }
    )
    data.update(overrides)
    return client.post(add_url("event"), {k: v for k, v in data.items() if v is not None})


def test_coordinator_creates_news_and_an_event_for_their_own_landsdeel(client, coordinator, noord):
    client.force_login(coordinator)
    assert news_post(client, landsdeel=str(noord.pk)).status_code == 302
    assert NewsItem.objects.get(slug_nl="open-dag-techniek").landsdeel == noord
    assert event_post(client, landsdeel=str(noord.pk)).status_code == 302
    created = Event.objects.get(slug_nl="techniekmiddag")
    assert created.landsdeel == noord
    assert created.local_start == datetime(2027, 4, 1, 13, 0, tzinfo=AMSTERDAM)


def test_coordinator_form_offers_only_their_landsdeel_and_no_national(client, coordinator, noord):
    client.force_login(coordinator)
    field = client.get(add_url("newsitem")).context["adminform"].form.fields["landsdeel"]
    assert list(field.queryset) == [noord]
    assert field.required


@pytest.mark.parametrize("post", [news_post, event_post], ids=["news", "event"])
def test_coordinator_cannot_create_for_another_landsdeel_or_national(
    client, coordinator, oost, post
):
    client.force_login(coordinator)
    before = (NewsItem.objects.count(), Event.objects.count())
    forged = post(client, landsdeel=str(oost.pk))
    assert forged.status_code == 200
    assert "landsdeel" in forged.context["adminform"].form.errors
    national = post(client, landsdeel="")
    assert national.status_code == 200
    assert "landsdeel" in national.context["adminform"].form.errors
    assert (NewsItem.objects.count(), Event.objects.count()) == before


def test_coordinator_cannot_open_or_change_another_landsdeels_item(client, coordinator, oost):
    item = news(oost)
    client.force_login(coordinator)
    change = reverse("admin:news_newsitem_change", args=[item.pk])
    assert client.get(change).status_code == 403
    assert client.post(change, {"title_nl": "Gekaapt"}).status_code == 403
    item.refresh_from_db()
    assert item.title_nl == "Nieuwsbericht 1"
    listed = client.get(reverse("admin:news_newsitem_changelist")).context["cl"].queryset
    assert item not in listed


def test_coordinator_cannot_move_own_item_to_another_landsdeel(client, coordinator, noord, oost):
    item = event(noord)
    client.force_login(coordinator)
    change = reverse("admin:news_event_change", args=[item.pk])
    data = form_data(client.get(change))
    data["landsdeel"] = str(oost.pk)
    response = client.post(change, data)
    assert response.status_code == 200 and "landsdeel" in response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.landsdeel == noord


def test_projectteam_publishes_national_news(client, projectteam):
    client.force_login(projectteam)
    assert news_post(client, landsdeel="").status_code == 302
    assert NewsItem.objects.get(slug_nl="open-dag-techniek").landsdeel is None
    assert client.get(reverse("admin:news_newsitem_changelist")).status_code == 200


# --- Pages in both languages ------------------------------------------------------------------


def test_addresses_in_both_languages():
    assert url_in("nl", name="news:news_list") == "/nl/nieuws/"
    assert url_in("en", name="news:news_list") == "/en/news/"
    assert url_in("nl", name="news:event_list") == "/nl/agenda/"
    assert url_in("en", name="news:event_list") == "/en/events/"
    assert url_in("nl", name="news:news_feed") == "/nl/nieuws/feed/"
    assert url_in("en", name="news:landsdeel_feed", slug="north") == "/en/regions/north/feed/"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_news_list_is_paginated_and_filtered_by_landsdeel(get_page, language, noord, oost):
    for n in range(12):
        news(noord if n % 2 else oost, n=n, published_on=date(2026, 10, n + 1))
    base = url_in(language, name="news:news_list")
    first = get_page(base)
    titles = [
        link["text"]
        for link in first.links
        if "nieuwsbericht-" in link["href"] or "news-item-" in link["href"]
    ]
    assert len(titles) == 10
    assert "11" in titles[0]  # newest first
    second = get_page(base + "?page=2")
    assert "Thea Koster" in second.text  # the fixture's 2019 item is the oldest
    north_only = get_page(base + "?landsdeel=noord")
    shown = [
        link["href"]
        for link in north_only.links
        if re.search(r"(item|bericht)-\d+/$", link["href"])
    ]
    assert len(shown) == 6
    assert all(int(href.rstrip("/").rsplit("-", 1)[1]) % 2 for href in shown)
    national = get_page(base + "?landsdeel=national")
    assert "Thea Koster" in national.text and "11" not in national.text
    get_page(base + "?landsdeel=atlantis", status=404)
    get_page(base + "?page=99", status=404)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_news_item_page(get_page, language, noord):
    item = news(noord)
    item.goals.set([Goal.objects.get(number=3)])
    page = get_page(url_in(language, item))
    assert page.h1 == [item.title_nl if language == "nl" else item.title_en]
    goal_url = url_in(language, Goal.objects.get(number=3))
    assert any(link["href"] == goal_url for link in page.links)


@pytest.mark.parametrize(("language", "archive"), [("nl", "archief"), ("en", "archive")])
def test_agenda_lists_upcoming_first_and_past_events_in_the_archive(client, language, archive):
    later = event(n=1, start=datetime(2027, 5, 1, 10, tzinfo=AMSTERDAM))
    sooner = event(n=2, start=datetime(2027, 2, 1, 10, tzinfo=AMSTERDAM))
    base = url_in(language, name="news:event_list")
    upcoming = client.get(base).content.decode()
    assert upcoming.index(url_in(language, sooner)) < upcoming.index(url_in(language, later))
    assert "jaarconferentie-2019" not in upcoming and "annual-conference-2019" not in upcoming
    past = client.get(f"{base}?{archive}=1").content.decode()
    assert url_in(language, later) not in past
    # The conferences of the fixture, most recent first.
    assert past.index("2019") < past.index("2018") < past.index("2017") < past.index("2015")
    detail = client.get(
        url_in(language, Event.objects.get(slug_nl="jaarconferentie-2019-eindhoven"))
    )
    assert detail.status_code == 200
    assert "Brainport Industries Campus" in detail.content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_landsdeel_and_home_pages_show_news_and_events(client, language, noord, oost):
    regional = news(noord, n=1)
    other = news(oost, n=2)
    coming = event(noord, n=3)
    landsdeel_page = client.get(url_in(language, noord)).content.decode()
    assert url_in(language, regional) in landsdeel_page
    assert url_in(language, coming) in landsdeel_page
    assert url_in(language, other) not in landsdeel_page
    feed = url_in(
        language,
        name="news:landsdeel_feed",
        slug=noord.slug_nl if language == "nl" else noord.slug_en,
    )
    assert 'type="application/atom+xml"' in landsdeel_page and feed in landsdeel_page
    home = client.get(f"/{language}/").content.decode()
    national = NewsItem.objects.get(slug_nl="thea-koster-nieuwe-voorzitter")
    for item in (regional, other, national, coming):
        assert url_in(language, item) in home


def test_dutch_only_items_are_listed_on_the_english_site_marked_as_dutch(client, get_page):
    item = news(n=7, title_en="", summary_en="", body_en="", slug_en="")
    listing = client.get("/en/news/").content.decode()
    card = re.search(r'<li class="card" lang="nl">.*?</li>', listing, re.S)
    assert card and "Nieuwsbericht 7" in card.group(0)
    assert "(in Dutch)" in card.group(0)
    # The marker itself is English.
    assert '<span class="badge" lang="en">(in Dutch)</span>' in card.group(0)
    detail = client.get(url_in("en", item)).content.decode()
    assert re.search(r'<article class="[^"]*" lang="nl">\s*<h1>Nieuwsbericht 7', detail)
    feed = feedparser.parse(client.get("/en/news/feed/").content)
    entry = next(e for e in feed.entries if "Nieuwsbericht 7" in e.title)
    assert entry.title == "Nieuwsbericht 7 (in Dutch)" and entry.get("language") in ("nl", None)
    assert b'xml:lang="nl"' in client.get("/en/news/feed/").content
    # The Dutch site shows it plainly.
    dutch = client.get("/nl/nieuws/").content.decode()
    assert "Nieuwsbericht 7" in dutch and "(in het Nederlands)" not in dutch


# --- Feeds and calendars ----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_atom_feed_parses_with_the_right_items_and_language(client, language, noord, oost):
    north = news(noord, n=1, published_on=date(2026, 11, 2))
    east = news(oost, n=2, published_on=date(2026, 11, 3))
    response = client.get(url_in(language, name="news:news_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == language
    links = [entry.link for entry in feed.entries]
    assert links[0].endswith(url_in(language, east)) and links[1].endswith(url_in(language, north))
    assert feed.entries[0].title == (east.title_nl if language == "nl" else east.title_en)
    slug = noord.slug_nl if language == "nl" else noord.slug_en
    regional = feedparser.parse(
        client.get(url_in(language, name="news:landsdeel_feed", slug=slug)).content
    )
    assert not regional.bozo
    assert [entry.link for entry in regional.entries] == [links[1]]
    assert (
        client.get(url_in(language, name="news:landsdeel_feed", slug="atlantis")).status_code == 404
    )


def parse_calendar(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_calendar_times_are_right_across_a_daylight_saving_change(client, noord):
    # Summer time ends in the night of 24 to 25 October 2026 (03:00 CEST becomes 02:00 CET).
    overnight = event(
        noord,
        n=1,
        start=datetime(2026, 10, 24, 20, 0, tzinfo=AMSTERDAM),
        end=datetime(2026, 10, 25, 10, 0, tzinfo=AMSTERDAM),
    )
    winter = event(noord, n=2, start=datetime(2027, 1, 15, 9, 30, tzinfo=AMSTERDAM))
    calendar = parse_calendar(
        client.get(url_in("nl", name="news:landsdeel_events_ics", slug="noord"))
    )
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Amsterdam"]
    found = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    first = next(e for e in found.values() if str(e["SUMMARY"]) == "Activiteit 1")
    start, end = first.decoded("DTSTART"), first.decoded("DTEND")
    assert first["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert (start.hour, start.utcoffset().total_seconds()) == (20, 7200)
    assert (end.hour, end.utcoffset().total_seconds()) == (10, 3600)
    # 15 hours in all, not 14: the clock went back an hour.
    assert (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() == 15 * 3600
    # The time zone data covers both sides of the change.
    assert {sub.name for sub in zones[0].subcomponents} == {"STANDARD", "DAYLIGHT"}
    assert end == overnight.end and start == overnight.start
    second = next(e for e in found.values() if str(e["SUMMARY"]) == "Activiteit 2")
    assert second.decoded("DTSTART") == winter.start
    assert second.decoded("DTSTART").utcoffset().total_seconds() == 3600
    # The whole calendar (all events) holds them too, and the fixture's past conferences.
    everything = parse_calendar(client.get("/nl/agenda/agenda.ics"))
    summaries = {str(e["SUMMARY"]) for e in everything.walk("VEVENT")}
    assert {
        "Activiteit 1",
        "Activiteit 2",
        "Jaarconferentie Techniekpact 2019 in Eindhoven",
    } <= summaries


def test_add_to_calendar_download_of_one_all_day_event(client):
    conference = Event.objects.get(slug_nl="jaarconferentie-2019-eindhoven")
    page = client.get(url_in("en", conference)).content.decode()
    ics_url = url_in("en", name="news:event_ics", slug=conference.slug_en)
    assert f'href="{ics_url}"' in page
    response = client.get(ics_url)
    assert "attachment" in response["Content-Disposition"]
    (component,) = parse_calendar(response).walk("VEVENT")
    assert component.decoded("DTSTART") == date(2019, 5, 20)
    assert component.decoded("DTEND") == date(2019, 5, 21)
    assert str(component["SUMMARY"]) == "Technology Pact annual conference 2019 in Eindhoven"
    assert "Brainport" in str(component["LOCATION"])


def test_structured_data_for_news_and_events(client):
    conference = Event.objects.get(slug_nl="jaarconferentie-2019-eindhoven")
    page = client.get(url_in("nl", conference)).content.decode()
    assert '"@type": "Event"' in page and '"startDate": "2019-05-20"' in page
    assert '"eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode"' in page
    assert '"location": {"@type": "Place", "name": "Brainport Industries Campus"' in page
    online = event(n=5, is_online=True, online_url="https://example.org/live", location_name="")
    page = client.get(url_in("en", online)).content.decode()
    assert '"eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode"' in page
    assert '"startDate": "2027-03-10T14:00:00+01:00"' in page
    item = NewsItem.objects.get(slug_nl="thea-koster-nieuwe-voorzitter")
    page = client.get(url_in("en", item)).content.decode()
    assert '"@type": "NewsArticle"' in page and '"datePublished": "2019-05-20' in page


# --- Drafts: nowhere --------------------------------------------------------------------------


def test_drafts_are_absent_everywhere(client, noord):
    draft_news = news(
        noord, n=8, title_nl="Geheim concept", title_en="Secret draft", is_published=False
    )
    later = timezone.now() + timezone.timedelta(days=30)
    draft_event = event(
        noord, n=9, title_nl="Geheime activiteit", title_en="Secret event", publish_from=later
    )
    for language in ("nl", "en"):
        for obj in (draft_news, draft_event):
            assert client.get(url_in(language, obj)).status_code == 404
        assert (
            client.get(
                url_in(language, name="news:event_ics", slug=draft_event.slug_nl)
            ).status_code
            == 404
        )
    urls = [
        "/nl/nieuws/",
        "/en/news/",
        "/nl/agenda/",
        "/en/events/?archive=1",
        "/nl/",
        "/en/",
        "/nl/landsdelen/noord/",
        "/nl/nieuws/feed/",
        "/en/news/feed/",
        "/nl/landsdelen/noord/feed/",
        "/nl/agenda/agenda.ics",
        "/nl/landsdelen/noord/agenda.ics",
        "/sitemap.xml",
        "/nl/zoeken/?q=geheim",
        "/en/search/?q=secret",
    ]
    for address in urls:
        body = client.get(address).content.decode()
        for secret in ("Geheim", "Secret", "nieuwsbericht-8", "activiteit-9", "event-9"):
            assert secret not in body, f"{secret} on {address}"


def test_published_items_are_in_sitemap_and_search(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/nl/nieuws/thea-koster-nieuwe-voorzitter/" in sitemap
    assert "/en/events/annual-conference-2018-assen/" in sitemap
    assert re.search(r"agenda/jaarconferentie-2019-eindhoven/</loc>\s*<lastmod>", sitemap)
    found = parse(client.get("/nl/zoeken/?q=Brainport").content.decode())
    assert any("jaarconferentie-2019-eindhoven" in link["href"] for link in found.links)
    found = parse(client.get("/en/search/?q=Koster").content.decode())
    assert any("/en/news/thea-koster-new-chair/" == link["href"] for link in found.links)


# --- Images -----------------------------------------------------------------------------------


def jpeg_with_exif(size=(2000, 1500)):
    image = Image.new("RGB", size, "teal")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 13.0, 0.0)}  # GPS latitude
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def upload_news(client, noord, upload, **extra):
    fields = {
        "landsdeel": str(noord.pk),
        "image": upload,
        "image_alt_nl": "Leerlingen bij een robot",
        "image_alt_en": "Pupils with a robot",
        **extra,
    }
    return news_post(client, **fields)


def test_image_upload_refuses_a_file_that_is_not_an_image(client, coordinator, noord):
    client.force_login(coordinator)
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    response = upload_news(client, noord, fake)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert errors and not NewsItem.objects.filter(slug_nl="open-dag-techniek").exists()
    # In the editor's language (the admin speaks Dutch).
    assert "afbeelding" in " ".join(errors).lower()


def test_image_upload_refuses_a_file_over_the_limit(client, coordinator, noord, monkeypatch):
    monkeypatch.setattr("news.images.MAX_UPLOAD_BYTES", 1000)
    client.force_login(coordinator)
    big = SimpleUploadedFile("big.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = upload_news(client, noord, big)
    errors = " ".join(response.context["adminform"].form.errors["image"])
    assert "hoogstens" in errors


def test_image_alt_text_is_required_in_both_languages(client, coordinator, noord):
    client.force_login(coordinator)
    photo = SimpleUploadedFile("photo.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = upload_news(client, noord, photo, image_alt_en="")
    assert "image_alt_en" in response.context["adminform"].form.errors


def test_uploaded_image_is_served_only_as_renditions_without_exif(
    client, coordinator, noord, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(coordinator)
    photo = SimpleUploadedFile("photo.jpg", jpeg_with_exif(), content_type="image/jpeg")
    assert upload_news(client, noord, photo).status_code == 302
    item = NewsItem.objects.get(slug_nl="open-dag-techniek")
    assert (tmp_path / item.image.name).exists()
    # The editor sees the rendition in the form, not a link to the (unserved) original.
    form = client.get(reverse("admin:news_newsitem_change", args=[item.pk])).content.decode()
    assert item.image_small[0] in form and f'href="/media/{item.image.name}"' not in form
    client.logout()
    # New items start as drafts (the review workflow); the project team publishes it.
    item.is_published = True
    item.save()
    page = client.get(url_in("en", item)).content.decode()
    sources = re.findall(r"(/media/news/renditions/[\w-]+\.jpg)", page)
    assert len(set(sources)) == 2
    assert 'alt="Pupils with a robot"' in page
    widths = []
    for source in set(sources):
        response = client.get(source)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
        data = b"".join(response.streaming_content)
        with Image.open(BytesIO(data)) as rendition:
            assert not rendition.getexif()
            assert "exif" not in rendition.info
            widths.append(rendition.width)
        assert b"SecretCamera" not in data
    assert sorted(widths) == [480, 1200]
    # The original upload is never served, nor anything else in the media folder.
    assert client.get(f"/media/{item.image.name}").status_code == 404
    assert client.get("/media/news/renditions/../originals/photo.jpg").status_code == 404


# --- Queries ----------------------------------------------------------------------------------


def test_news_pages_need_few_queries_whatever_the_amount(
    client, django_assert_max_num_queries, noord
):

    def counts():
        result = {}
        for address in [
            "/nl/nieuws/",
            "/en/events/",
            "/en/events/?archive=1",
            "/nl/nieuws/feed/",
            "/nl/agenda/agenda.ics",
            "/nl/landsdelen/noord/",
            "/en/",
        ]:
            content_version()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(address).status_code == 200
            result[address] = len(queries)
        return result

    # One of each first: an empty list costs a query less than a full one.
    news(noord, n=99)
    event(noord, n=99)
    before = counts()
    assert max(before.values()) <= 10, before  # the home page, see test_queries.py
    for n in range(30):
        news(noord, n=100 + n)
        event(noord, n=100 + n)
    assert counts() == before
