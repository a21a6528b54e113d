"""Site search, as a visitor types: in Dutch and English, forgiving, and harmless."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation

from faq.models import Question
from pages.models import Goal
from regions.models import Contact, Landsdeel
from tests.support.htmlpage import parse

pytestmark = pytest.mark.django_db


def results(client, language, query, page=None):
    """GET the search page; return the response, the parsed page and the result links."""
    path = "/nl/zoeken/" if language == "nl" else "/en/search/"
    params = {"q": query} | ({"page": page} if page else {})
    response = client.get(path, params)
    assert response.status_code == 200
    content = response.content.decode()
    # Result titles are the links inside <h2 class="search-result__title">.
    marker = 'class="search-result__title"><a href="'
    links = [chunk.split('"', 1)[0] for chunk in content.split(marker)[1:]]
    return response, parse(content), links


def url_of(obj, language):
    with translation.override(language):
        return obj.get_absolute_url()


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("nl", "stages", lambda: Question.objects.get(slug_nl="stage-in-de-techniek")),
        ("nl", "omscholing", lambda: Question.objects.get(slug_nl="omscholing")),
        ("nl", "Bussemaker", lambda: Question.objects.get(slug_nl="wie-heeft-getekend")),
        ("nl", "Groningen", lambda: Landsdeel.objects.get(slug_nl="noord")),
        ("en", "internships", lambda: Question.objects.get(slug_en="technical-internships")),
        ("en", "retraining", lambda: Question.objects.get(slug_en="retraining")),
        ("nl", "Fryslân", lambda: Landsdeel.objects.get(slug_nl="noord")),
        ("nl", "fryslan", lambda: Landsdeel.objects.get(slug_nl="noord")),
        ("nl", "Friesland", lambda: Landsdeel.objects.get(slug_nl="noord")),
        ("en", "Friesland", lambda: Landsdeel.objects.get(slug_nl="noord")),
        ("nl", "leraar worden", lambda: Question.objects.get(slug_nl="leraar-worden")),
        ("en", "become a teacher", lambda: Question.objects.get(slug_en="becoming-a-teacher")),
        ("nl", "Twente", lambda: Landsdeel.objects.get(slug_nl="oost")),
        ("en", "West-Brabant", lambda: Landsdeel.objects.get(slug_nl="zuidwest")),
        ("nl", "basisschool", lambda: Goal.objects.get(number=1)),
        ("en", "primary school", lambda: Goal.objects.get(number=1)),
    ],
)
def test_real_questions_find_the_right_answer_on_the_first_page(client, language, query, expected):
    _response, _html, links = results(client, language, query)
    assert url_of(expected(), language) in links[:10], links[:10]


def test_stemming_finds_singular_and_plural_alike(client):
    for language, one, many in (
        ("nl", "opleiding", "opleidingen"),
        ("en", "internship", "internships"),
        ("nl", "stage", "stages"),
    ):
        assert results(client, language, one)[2] == results(client, language, many)[2]
        assert results(client, language, one)[2]


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("mbo", "middelbaar beroepsonderwijs"),
        ("LRT", "Landelijke Regiegroep"),
        ("W&T", "wetenschap en technologie"),
        ("EZK", "Economische Zaken en Klimaat"),
    ],
)
def test_abbreviations_and_spelled_out_forms_find_each_other(client, short, long):
    by_short = set(results(client, "nl", short)[2])
    by_long = set(results(client, "nl", long)[2])
    assert by_short and by_long
    assert by_long <= by_short


def test_case_and_accents_are_ignored(client):
    assert results(client, "nl", "GRONINGEN")[2] == results(client, "nl", "groningen")[2]


def test_a_title_match_ranks_before_a_body_match(client):
    links = results(client, "nl", "omscholing")[2]
    assert links[0] == url_of(Question.objects.get(slug_nl="omscholing"), "nl")


def test_results_show_a_count_and_highlighted_snippets(client):
    response, html, links = results(client, "nl", "stages")
    content = response.content.decode()
    count = len(links)  # fewer than ten: all on one page
    assert 0 < count < 10
    assert f"{count} resultaten" in content or (count == 1 and "1 resultaat" in content)
    assert "<mark>" in content


def test_english_search_returns_english_pages(client):
    links = results(client, "en", "region")[2]
    assert links and all(link.startswith("/en/") for link in links)


def test_nothing_found_page_helps(client):
    response, html, links = results(client, "en", "xylofoonkwartet")
    assert links == []
    content = response.content.decode()
    assert "0 results" in content
    assert 'href="/en/faq/"' in content and 'href="/en/goals/"' in content


def test_drafts_are_not_found(client):
    goal = Goal.objects.get(number=1)
    assert url_of(goal, "nl") in results(client, "nl", "basisschool")[2]
    goal.is_published = False
    goal.save()
    assert url_of(goal, "nl") not in results(client, "nl", "basisschool")[2]


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "a\x00b",
        "%%%",
        "'; DROP TABLE pages_goal; --",
        "🙂",
        " ",
        "\u202e",
    ],
)
def test_odd_input_gives_a_normal_page_with_html_escaped(client, query):
    response, html, _links = results(client, "nl", query)
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert len(html.h1) == 1


def test_a_very_long_query_is_cut_with_a_message(client):
    response, html, _links = results(client, "en", "technology " * 100)
    assert "too long" in response.content.decode()


@pytest.mark.parametrize(
    ("page", "shown"), [("abc", "first"), ("", "first"), ("999", "last"), ("-1", "last")]
)
def test_a_bad_page_number_gives_the_first_or_last_page(client, page, shown):
    first = results(client, "nl", "techniek")[0].content.decode()
    total = int(re.search(r"Pagina 1 van (\d+)", first).group(1))
    assert total > 1
    response, html, links = results(client, "nl", "techniek", page=page)
    assert links
    number = 1 if shown == "first" else total
    assert f"Pagina {number} van {total}" in response.content.decode()


def test_every_page_has_a_search_form_in_the_header(client):
    for url, action in (
        ("/nl/", "/nl/zoeken/"),
        ("/en/faq/", "/en/search/"),
        ("/en/goals/", "/en/search/"),
    ):
        content = client.get(url).content.decode()
        assert (
            f'action="{action}"' in content and 'method="get"' in content and 'name="q"' in content
        )


def test_search_result_pages_are_not_indexed_and_switch_language_with_the_query(client):
    content = client.get("/nl/zoeken/", {"q": "stage"}).content.decode()
    assert '<meta name="robots" content="noindex">' in content
    assert 'href="/en/search/?q=stage"' in content


def test_ampersands_are_shown_as_read_not_as_entities(client):
    content = results(client, "nl", "W&T")[0].content.decode()
    assert "&amp;amp;" not in content
    assert "W&amp;T" in content  # one level of HTML escaping, displayed as W&T


# Contacts: found by name or role, organisation and landsdeel; never while unpublished.


@pytest.fixture
def wolters(noord):
    return Contact.objects.create(
        landsdeel=noord,
        name_nl="Marieke Wolters, regiocoördinator",
        name_en="Marieke Wolters, regional coordinator",
        organisation_nl="Provincie Drenthe",
        organisation_en="Province of Drenthe",
        email="m.wolters@example.org",
        is_published=True,
    )


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("nl", "Wolters"),
        ("nl", "regiocoördinator Drenthe"),
        ("en", "Marieke Wolters"),
        ("en", "regional coordinator province of drenthe"),
    ],
)
def test_a_contact_is_found_by_name_role_and_organisation(client, wolters, language, query):
    _response, page, links = results(client, language, query)
    assert url_of(wolters, language) in links, (query, links)
    # The result leads to the contact on the contact page, in the page's language.
    assert url_of(wolters, language).startswith(f"/{language}/contact/#contact-")
    assert f"contact-{wolters.pk}" in get_ids(client, url_of(wolters, language))


def get_ids(client, url):
    return parse(client.get(url.split("#")[0]).content.decode()).ids


@pytest.mark.parametrize(
    "hide",
    [
        lambda contact: setattr(contact, "is_published", False),
        lambda contact: setattr(contact, "publish_until", timezone.now() - timedelta(days=1)),
        lambda contact: setattr(contact, "publish_from", timezone.now() + timedelta(days=1)),
    ],
    ids=["draft", "ended", "not-yet"],
)
def test_an_unpublished_contact_is_never_found(client, wolters, hide):
    hide(wolters)
    wolters.save()
    for language, query in (("nl", "Wolters"), ("en", "Wolters"), ("nl", "m.wolters")):
        _response, page, links = results(client, language, query)
        assert links == [], (language, query, links)


def test_the_contact_of_an_unpublished_landsdeel_is_not_found(client, wolters, noord):
    noord.is_published = False
    noord.save()
    _response, _page, links = results(client, "nl", "Wolters")
    assert links == []
