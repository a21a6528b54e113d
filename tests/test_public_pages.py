"""Every public page, in both languages: language, one h1, a title, breadcrumbs, hreflang
alternates that point at each other, a language switch to the same page, no broken links."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import translation

from faq.models import Question
from pages.models import Goal
from regions.models import Landsdeel, Programme
from tests.support.htmlpage import parse
from tests.support.public_urls import all_public_urls

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_renders_with_lang_one_h1_title_and_breadcrumbs(get_page, language):
    for url in all_public_urls(language):
        page = get_page(url)
        assert page.lang == language, url
        assert len(page.h1) == 1 and page.h1[0], f"{url}: {page.h1}"
        assert page.title and ("Techniekpact" in page.title or "Technology Pact" in page.title), url
        if url != f"/{language}/":
            crumbs = [link for link in page.links if link["_nav"] in ("Kruimelpad", "Breadcrumbs")]
            assert crumbs and crumbs[0]["href"] == f"/{language}/", url


@pytest.mark.parametrize("language", ["nl", "en"])
def test_hreflang_alternates_are_reciprocal_and_switch_lands_on_same_page(
    client, get_page, language
):
    other = "en" if language == "nl" else "nl"
    for url in all_public_urls(language):
        page = get_page(url)
        assert set(page.alternates) == {"nl", "en", "x-default"}, url
        assert urlsplit(page.alternates[language]).path == url
        assert urlsplit(page.alternates["x-default"]).path == urlsplit(page.alternates["nl"]).path
        other_url = urlsplit(page.alternates[other]).path
        assert other_url.startswith(f"/{other}/")
        # The visible language switch goes to the same address.
        switch = [link for link in page.links if link.get("hreflang") == other]
        assert [link["href"] for link in switch] == [other_url], url
        # ...which exists and points back here.
        back = get_page(other_url)
        assert urlsplit(back.alternates[language]).path == url, other_url


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_broken_internal_links(client, get_page, language):
    """Follow every internal link from every page: each answers 200, and #anchors exist."""
    checked = {}
    for url in all_public_urls(language):
        page = get_page(url)
        for link in page.links:
            href = link["href"]
            if href.startswith(("http://", "https://", "mailto:", "tel:")):
                continue
            parts = urlsplit(href)
            target = parts.path or url
            if target not in checked:
                checked[target] = get_page(target + (f"?{parts.query}" if parts.query else ""))
            if parts.fragment:
                assert parts.fragment in checked[target].ids, f"{url} links to missing {href}"
    assert len(checked) >= len(all_public_urls(language))


def test_goals_overview_links_to_exactly_the_twelve_goal_pages(get_page):
    for language, prefix in (("nl", "/nl/doelen/"), ("en", "/en/goals/")):
        page = get_page(prefix)
        targets = {
            link["href"]
            for link in page.links
            if link["href"].startswith(prefix) and link["href"] != prefix
        }
        with translation.override(language):
            expected = {goal.get_absolute_url() for goal in Goal.objects.published()}
        assert targets == expected and len(targets) == 12
        assert all(target.count("/") == 4 for target in targets)  # one level down


def test_regions_overview_links_to_exactly_the_five_region_pages(get_page):
    for prefix in ("/nl/landsdelen/", "/en/regions/"):
        page = get_page(prefix)
        targets = {
            link["href"]
            for link in page.links
            if link["href"].startswith(prefix) and link["href"] != prefix
        }
        assert len(targets) == 5
        assert all(target.count("/") == 4 for target in targets)


def goal_links(page, prefix="/en/goals/"):
    return {
        link["href"]
        for link in page.links
        if link["href"].startswith(prefix) and link["href"] != prefix
    }


def test_goal_filter_by_stage_uses_the_query_string(get_page):
    with translation.override("en"):
        expected = {goal.get_absolute_url() for goal in Goal.objects.filter(stage="primary")}
    assert 0 < len(expected) < 12
    assert goal_links(get_page("/en/goals/?stage=primary")) == expected
    # An unknown stage shows all goals rather than an error.
    assert len(goal_links(get_page("/en/goals/?stage=%3Cx%3E"))) == 12


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("en-GB,en;q=0.9", "/en/"), ("nl-NL,nl;q=0.9", "/nl/"), ("de-DE", "/nl/"), ("", "/nl/")],
)
def test_root_redirects_to_the_visitors_language(client, accept, expected):
    response = client.get("/", headers={"accept-language": accept} if accept else {})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    "url",
    [
        "/nl/doelen/bestaat-niet/",
        "/en/goals/does-not-exist/",
        "/nl/landsdelen/midden/",
        "/en/regions/centre/",
        "/nl/geen-pagina/",
        "/en/no-such-page/",
        "/en/regions/noord/",  # a Dutch slug under the English prefix
        "/nl/landsdelen/north/",
        "/en/goals/%00/",
        "/nl/doelen/" + "x" * 500 + "/",
    ],
)
def test_unknown_addresses_are_a_friendly_404_in_the_right_language(client, url):
    response = client.get(url)
    assert response.status_code == 404
    page = parse(response.content.decode())
    language = url.split("/")[1]
    assert page.lang == language
    assert page.h1 == ["Pagina niet gevonden" if language == "nl" else "Page not found"]


def test_server_error_page_speaks_the_visitors_language(settings):
    client = Client(raise_request_exception=False)
    settings.ROOT_URLCONF = "tests.support.urls_error"
    for language, heading in (("nl", "Er ging iets mis"), ("en", "Something went wrong")):
        response = client.get(f"/{language}/boom/")
        assert response.status_code == 500
        page = parse(response.content.decode())
        assert page.lang == language and page.h1 == [heading]


DUTCH_ONLY_WORDS = {
    "wordt",
    "worden",
    "zijn",
    "niet",
    "deze",
    "welke",
    "hebben",
    "kunnen",
    "heeft",
    "onze",
    "uw",
    "bekijk",
    "lees",
    "meer",
    "zoals",
    "tussen",
}


def test_english_pages_contain_no_dutch_sentences(get_page):
    for url in all_public_urls("en"):
        page = get_page(url)
        words = set(re.findall(r"[a-zà-ÿ]+", page.text.lower()))
        assert not (words & DUTCH_ONLY_WORDS), f"{url}: {sorted(words & DUTCH_ONLY_WORDS)}"


def test_faq_questions_are_deep_linkable_in_both_languages(get_page):
    for language, url in (("nl", "/nl/veelgestelde-vragen/"), ("en", "/en/faq/")):
        page = get_page(url)
        with translation.override(language):
            slugs = [q.slug for q in Question.objects.visible()]
        assert len(slugs) >= 20
        assert set(slugs) <= page.ids


def test_landsdeel_pages_state_the_split_of_noord_brabant(get_page):
    zuidwest = get_page("/nl/landsdelen/zuidwest/").text
    zuidoost = get_page("/nl/landsdelen/zuidoost/").text
    assert "West-Brabant" in zuidwest
    assert "Noord-Brabant" in zuidoost and "West-Brabant" in zuidoost  # "zonder West-Brabant"
    southwest = get_page("/en/regions/southwest/").text
    assert "West-Brabant" in southwest or "West Brabant" in southwest


def test_region_names_are_translated(get_page):
    assert get_page("/en/regions/north/").h1 == [Landsdeel.objects.get(slug_nl="noord").name_en]
    assert get_page("/nl/landsdelen/noord/").h1 == ["Noord"]


def test_an_empty_english_slug_falls_back_to_the_dutch_one(client):
    goal = Goal.objects.get(number=9)
    goal.slug_en = ""
    goal.save()
    goal.refresh_from_db()
    assert goal.slug_en == goal.slug_nl
    with translation.override("en"):
        url = goal.get_absolute_url()
    assert client.get(url).status_code == 200


def test_english_pages_say_when_some_text_is_still_dutch(client):
    notice = "not yet available in English"
    assert notice not in client.get("/en/goals/").content.decode()
    goal = Goal.objects.get(number=10)
    goal.summary_en = ""
    goal.save()
    for url in ("/en/goals/", "/en/"):
        assert notice in client.get(url).content.decode(), url
    with translation.override("en"):
        assert notice in client.get(goal.get_absolute_url()).content.decode()
    assert notice not in client.get("/en/faq/").content.decode()
    assert "Engels" not in client.get("/nl/doelen/").content.decode()  # never on Dutch pages


def test_goal_groups_do_not_repeat_when_an_editor_changes_a_stage(get_page):
    Goal.objects.filter(number=12).update(stage=Goal.Stage.PRIMARY)
    page = get_page("/en/goals/")
    headings = [
        attrs.get("id")
        for tag, attrs in page.tags
        if tag == "h2" and attrs.get("id", "").startswith("stage-")
    ]
    assert len(headings) == len(set(headings)) == 5
    content = "".join(page.text)
    assert content.index("Primary education") < content.index("Labour market")


def test_the_map_survives_a_change_of_slug(client):
    landsdeel = Landsdeel.objects.get(code="noord")
    landsdeel.slug_nl = "noord-nederland"
    landsdeel.save()
    content = client.get("/nl/landsdelen/").content.decode()
    assert "<svg" in content and 'href="/nl/landsdelen/noord-nederland/"' in content


def test_dutch_pages_never_show_english_text_in_an_empty_dutch_field(client):
    programme = Programme.objects.published().first()
    programme.description_nl = ""
    programme.description_en = "Only written in English so far."
    programme.save()
    dutch = client.get(programme.landsdeel.get_absolute_url()).content.decode()
    assert "Only written in English so far." not in dutch
    assert programme.name in dutch
    with translation.override("en"):
        english = client.get(programme.landsdeel.get_absolute_url()).content.decode()
    assert "Only written in English so far." in english
