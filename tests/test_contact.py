"""Who do I contact: the contact page, the landsdeel pages, the admin scope, JSON-LD, the
fallback language mark and the "last changed" line, in both languages."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from pages.models import Goal
from regions.models import Contact, Landsdeel
from techniekpact import workflow
from tests.support.admin_helpers import form_data

pytestmark = pytest.mark.django_db


def json_ld(html):
    parts = html.split('<script type="application/ld+json">')[1:]
    return [json.loads(part.split("</script>")[0]) for part in parts]


@pytest.mark.parametrize(
    ("url", "heading", "honest"),
    [
        ("/nl/contact/", "Landelijk contact", "nog geen gecontroleerd adres"),
        ("/en/contact/", "National contact", "not yet have a verified address"),
    ],
)
def test_contact_page_lists_national_and_regional_contacts(client, url, heading, honest):
    html = client.get(url).content.decode()
    assert heading in html and honest in html
    for contact in Contact.objects.all():
        assert f'id="contact-{contact.pk}"' in html
    assert "stagemarkt.nl" in html  # what the team cannot help with points elsewhere


@pytest.mark.parametrize("language", ["nl", "en"])
def test_footer_and_free_pages_link_to_the_contact_page(client, language):
    with translation.override(language):
        contact_url = reverse("regions:contact")
    for slug in {"nl": ["toegankelijkheid", "privacy"], "en": ["accessibility", "privacy"]}[
        language
    ]:
        html = client.get(f"/{language}/{slug}/").content.decode()
        assert html.count(f'href="{contact_url}"') >= 2  # footer and the page itself


def test_landsdeel_page_shows_its_contact_and_points_to_national(client, noord):
    html = client.get("/en/regions/north/").content.decode()
    contact = noord.contacts.get()
    assert f'id="contact-{contact.pk}"' in html
    assert "#national" in html


def test_unpublished_contact_is_not_shown(client, noord):
    contact = noord.contacts.get()
    contact.is_published = False
    contact.save()
    for url in ["/nl/contact/", "/nl/landsdelen/noord/"]:
        assert f'id="contact-{contact.pk}"' not in client.get(url).content.decode()


def test_contact_points_in_json_ld_only_with_a_verified_address(client, noord):
    html = client.get("/nl/contact/").content.decode()
    assert all("contactPoint" not in data for data in json_ld(html))
    contact = noord.contacts.get()
    contact.email = "noord@example.org"
    contact.languages = "nl, en"
    contact.save()
    for url in ["/nl/contact/", "/nl/landsdelen/noord/"]:
        points = [
            point
            for data in json_ld(client.get(url).content.decode())
            for point in data.get("contactPoint", [])
        ]
        assert points == [
            {
                "@type": "ContactPoint",
                "name": contact.name,
                "contactType": "customer support",
                "email": "noord@example.org",
                "availableLanguage": ["nl", "en"],
                "areaServed": "Noord",
            }
        ]


def change_url(contact):
    return reverse("admin:regions_contact_change", args=[contact.pk])


def test_coordinator_edits_own_landsdeel_contact(as_coordinator, noord):
    contact = noord.contacts.get()
    data = form_data(as_coordinator.get(change_url(contact)))
    data["email"] = "noord@example.org"
    assert as_coordinator.post(change_url(contact), data).status_code == 302
    # A published contact: the change waits as a draft for the project team's review.
    contact.refresh_from_db()
    assert contact.email == ""
    assert workflow.working_version(contact).email == "noord@example.org"


def test_coordinator_cannot_open_another_landsdeels_or_the_national_contact(as_coordinator, oost):
    for contact in [oost.contacts.get(), Contact.objects.national().get()]:
        assert as_coordinator.get(change_url(contact)).status_code == 403


def test_forged_post_moving_own_contact_to_another_landsdeel_changes_nothing(
    as_coordinator, noord, oost
):
    contact = noord.contacts.get()
    data = form_data(as_coordinator.get(change_url(contact)))
    data["landsdeel"] = oost.pk
    response = as_coordinator.post(change_url(contact), data)
    assert response.status_code in (200, 403)
    contact.refresh_from_db()
    assert contact.landsdeel == noord


def test_forged_post_making_own_contact_national_changes_nothing(as_coordinator, noord):
    contact = noord.contacts.get()
    data = form_data(as_coordinator.get(change_url(contact)))
    data["landsdeel"] = ""
    as_coordinator.post(change_url(contact), data)
    contact.refresh_from_db()
    assert contact.landsdeel == noord


def test_projectteam_edits_the_national_contact(as_projectteam):
    contact = Contact.objects.national().get()
    data = form_data(as_projectteam.get(change_url(contact)))
    data["website"] = "https://example.org/"
    assert as_projectteam.post(change_url(contact), data).status_code == 302
    assert workflow.working_version(contact).website == "https://example.org/"


def test_english_goal_without_english_summary_shows_dutch_marked_nl(client):
    goal = Goal.objects.published().first()
    goal.summary_en = ""
    goal.save()
    with translation.override("en"):
        url = goal.get_absolute_url()
    html = client.get(url).content.decode()
    assert f'<p class="lead" lang="nl">{escape(goal.summary_nl)}</p>' in html
    assert "shown in Dutch" in html


def test_translated_goal_summary_has_no_lang_mark(client):
    goal = Goal.objects.published().first()
    with translation.override("en"):
        url = goal.get_absolute_url()
    assert f'<p class="lead">{escape(goal.summary_en)}</p>' in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("url", "text"),
    [("/nl/contact/", "Laatst gewijzigd op"), ("/en/contact/", "Last changed")],
)
def test_pages_say_when_they_were_last_changed(client, url, text, noord):
    contact = noord.contacts.get()
    contact.save()
    day = {"nl": "december", "en": "December"}[url[1:3]]
    html = client.get(url).content.decode()
    assert text in html
    changed = timezone.localtime(contact.updated_at)  # shown in Europe/Amsterdam
    assert f'<time datetime="{changed:%Y-%m-%d}">' in html
    assert changed.month != 12 or f"{changed.day} {day} {changed.year}" in html


@pytest.mark.parametrize(
    ("url", "first", "links"),
    [
        (
            "/nl/",
            "Wat zoekt u?",
            [
                "#stage-in-de-techniek",
                "#omscholing",
                "#leraar-worden",
                "/nl/regelingen/",
                "/nl/landsdelen/",
                "/nl/contact/",
            ],
        ),
        (
            "/en/",
            "What are you looking for?",
            [
                "#technical-internships",
                "#retraining",
                "#becoming-a-teacher",
                "/en/schemes/",
                "/en/regions/",
                "/en/contact/",
            ],
        ),
    ],
)
def test_home_page_leads_with_visitors_tasks_and_dates_the_goals(client, url, first, links):
    html = client.get(url).content.decode()
    tasks = html.index(first)
    assert tasks < html.index('id="home-goals"')
    for link in links:
        assert link in html[tasks : html.index('id="home-goals"')], link
    assert "2016–2020" in html


@pytest.mark.parametrize("url", ["/nl/landsdelen/noord/", "/en/regions/north/", "/nl/contact/"])
def test_landmarks_and_articles_have_distinct_names(client, url):
    from html.parser import HTMLParser

    class Names(HTMLParser):
        def __init__(self):
            super().__init__()
            self.labelled, self.texts, self.open = [], {}, []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag in ("section", "nav", "article", "aside"):
                self.labelled.append((tag, attrs.get("aria-labelledby") or attrs.get("aria-label")))
            if "id" in attrs:
                self.open.append(attrs["id"])
                self.texts.setdefault(attrs["id"], "")

        def handle_data(self, data):
            for ident in self.open:
                self.texts[ident] += data

        def handle_endtag(self, tag):
            if self.open and tag in ("h1", "h2", "h3", "h4", "a", "span"):
                self.open.pop()

    reader = Names()
    reader.feed(client.get(url).content.decode())
    for kind in ("region", "nav", "article"):
        tags = {"region": ("section",), "nav": ("nav",), "article": ("article",)}[kind]
        names = [
            (reader.texts.get(label) or label or "").strip()
            for tag, label in reader.labelled
            if tag in tags
        ]
        assert all(names), (kind, names)
        assert len(names) == len(set(names)), (kind, names)


@pytest.mark.parametrize(
    ("language", "missing"),
    [
        ("nl", ("contactadres", "gecontroleerd adres")),
        ("en", ("contact address", "verified address")),
    ],
)
def test_landsdeel_page_says_once_that_an_address_is_missing(client, language, missing):
    """The contact card says there is no verified address; the landsdeel's own contact text
    no longer repeats it, and still says where to go for the regional approach."""
    for landsdeel in Landsdeel.objects.published().with_published_contacts():
        with translation.override(language):
            url = landsdeel.get_absolute_url()
        html = client.get(url).content.decode()
        section = html.split('aria-labelledby="landsdeel-contact"')[1].split("</section>")[0]
        assert sum(section.count(phrase) for phrase in missing) == 1, url
        assert 'class="contact-card"' in section and 'class="prose"' in section, url
        assert ("provincie" if language == "nl" else "province") in section, url
