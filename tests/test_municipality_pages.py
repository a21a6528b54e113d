""" "Which landsdeel am I in?" on the site: the form on the landsdelen overview, the answer in
the search, the municipalities on each landsdeel page and the highlighted map, in both
languages."""

import re

import pytest
from django.test import Client
from django.utils import translation

from regions.models import Landsdeel
from techniekpact.content_version import bump_content_version
from tests.support.htmlpage import parse

pytestmark = pytest.mark.django_db

OVERVIEW = {"nl": "/nl/landsdelen/", "en": "/en/regions/"}
SEARCH = {"nl": "/nl/zoeken/", "en": "/en/search/"}


def url_in(landsdeel, language):
    with translation.override(language):
        return landsdeel.get_absolute_url()


def finder(page):
    """The text of the finder section (form, hint and answer) as a visitor reads it."""
    text = page.text[page.text.index(FINDER_TITLE[page.lang]) :]
    # The page's text joins the pieces around a link with spaces: "Zuidwest ." -> "Zuidwest."
    return re.sub(r" ([.,?:])", r"\1", text)


FINDER_TITLE = {
    "nl": "In welk landsdeel ligt uw gemeente?",
    "en": "Which region is your municipality in?",
}


def highlighted(page):
    return sorted(
        attrs["data-code"]
        for tag, attrs in page.tags
        if tag == "a" and "is-highlighted" in attrs.get("class", "").split()
    )


def link_to(page, href):
    return [link for link in page.links if link["href"] == href]


# --- The form ----------------------------------------------------------------------------------


def test_the_overview_has_a_labelled_get_form_that_needs_no_javascript(get_page):
    page = get_page("/nl/landsdelen/")
    (form,) = [a for t, a in page.tags if t == "form" and "finder__form" in a["class"]]
    assert form["method"] == "get" and form["action"] == "/nl/landsdelen/#finder"
    (field,) = [
        attrs for tag, attrs in page.tags if tag == "input" and attrs.get("name") == "gemeente"
    ]
    (label,) = [
        attrs for tag, attrs in page.tags if tag == "label" and attrs.get("for") == field["id"]
    ]
    assert label and "Uw gemeente" in page.text
    assert field["aria-describedby"] == "finder-hint" and "aria-invalid" not in field
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert all(attrs.get("type") == "application/ld+json" for attrs in scripts)  # data only
    # Without a question: no answer, nothing highlighted, the page may be indexed.
    assert highlighted(page) == []
    assert ("meta", {"name": "robots", "content": "noindex"}) not in page.tags
    assert "Op basis van de gemeenten van 2022 (bron: CBS)" in page.text


@pytest.mark.parametrize(
    ("language", "query", "sentence", "href"),
    [
        ("nl", "Breda", "Breda ligt in landsdeel Zuidwest.", "/nl/landsdelen/zuidwest/"),
        ("en", "Breda", "Breda is in the Southwest region.", "/en/regions/southwest/"),
        ("nl", "Tilburg", "Tilburg ligt in landsdeel Zuidoost.", "/nl/landsdelen/zuidoost/"),
        ("en", "Eindhoven", "Eindhoven is in the Southeast region.", "/en/regions/southeast/"),
        ("nl", "groningen", "Groningen ligt in landsdeel Noord.", "/nl/landsdelen/noord/"),
        ("en", "Enschede", "Enschede is in the East region.", "/en/regions/east/"),
        ("en", "Almere", "Almere is in the Northwest region.", "/en/regions/northwest/"),
    ],
)
def test_the_form_answers_with_the_landsdeel_and_links_to_it(
    get_page, language, query, sentence, href
):
    page = get_page(f"{OVERVIEW[language]}?gemeente={query}")
    text = finder(page)
    assert sentence in text
    # The landsdeel's name in the sentence is the link to its page.
    (region,) = [r for r in Landsdeel.objects.all() if href == url_in(r, language)]
    assert getattr(region, f"name_{language}") in {link["text"] for link in link_to(page, href)}
    # The answer is not a page for search engines; the language switch keeps the question.
    assert ("meta", {"name": "robots", "content": "noindex"}) in page.tags
    other = "en" if language == "nl" else "nl"
    assert page.alternates[other].endswith(f"?gemeente={query}")


def test_the_answer_uses_the_landsdeel_name_the_editors_gave_it(get_page):
    Landsdeel.objects.filter(code="zuidwest").update(
        name_nl="Zuidwest-Nederland", name_en="South-West Netherlands"
    )
    bump_content_version()
    assert "Breda ligt in landsdeel Zuidwest-Nederland." in finder(
        get_page("/nl/landsdelen/?gemeente=Breda")
    )
    assert "Breda is in the South-West Netherlands region." in finder(
        get_page("/en/regions/?gemeente=Breda")
    )


@pytest.mark.parametrize(
    ("language", "query", "sentence", "note"),
    [
        (
            "nl",
            "Den Bosch",
            "Den Bosch ligt in landsdeel Zuidoost.",
            "Officiële naam: 's-Hertogenbosch.",
        ),
        ("en", "den haag", "Den Haag is in the Southwest region.", "Official name: 's-Gravenhage."),
        ("nl", "Sudwest Fryslan", "Súdwest-Fryslân ligt in landsdeel Noord.", None),
        (
            "nl",
            "Tietjerksteradeel",
            "Tietjerksteradeel ligt in landsdeel Noord.",
            "Officiële naam: Tytsjerksteradiel.",
        ),
        (
            "nl",
            "Voorne aan Zee",
            "Voorne aan Zee ligt in landsdeel Zuidwest.",
            "De gemeente Voorne aan Zee is in 2023 ontstaan uit Brielle, Hellevoetsluis en "
            "Westvoorne.",
        ),
        (
            "en",
            "Voorne aan Zee",
            "Voorne aan Zee is in the Southwest region.",
            "The municipality of Voorne aan Zee was formed in 2023 from Brielle, Hellevoetsluis "
            "and Westvoorne.",
        ),
        (
            "nl",
            "Heerhugowaard",
            "Heerhugowaard ligt in landsdeel Noordwest.",
            "Heerhugowaard hoort sinds 2022 bij de gemeente Dijk en Waard.",
        ),
        (
            "en",
            "Haaren",
            "Haaren is in the Southeast region.",
            "In 2021, Haaren was divided between the municipalities of Boxtel, Oisterwijk, "
            "Tilburg and Vught.",
        ),
    ],
)
def test_other_names_are_answered_with_what_they_stand_for(
    get_page, language, query, sentence, note
):
    text = finder(get_page(f"{OVERVIEW[language]}?gemeente={query}"))
    assert sentence in text
    if note:
        assert note in text


def test_a_name_for_two_municipalities_answers_for_each(get_page):
    page = get_page("/nl/landsdelen/?gemeente=Bergen")
    text = finder(page)
    assert "Er zijn 2 gemeenten met de naam Bergen:" in text
    assert "Bergen (L.) ligt in landsdeel Zuidoost." in text
    assert "Bergen (NH.) ligt in landsdeel Noordwest." in text
    assert highlighted(page) == ["noordwest", "zuidoost"]


@pytest.mark.parametrize(
    ("language", "query", "expected"),
    [
        ("nl", "Bredaa", "We kennen geen gemeente met de naam “Bredaa”. Bedoelde u Breda?"),
        ("en", "Bredaa", "We do not know a municipality called “Bredaa”. Did you mean Breda?"),
        ("nl", "Alphen", "Bedoelde u Alphen aan den Rijn of Alphen-Chaam?"),
        ("en", "Alphen", "Did you mean Alphen aan den Rijn or Alphen-Chaam?"),
    ],
)
def test_a_near_miss_suggests_names_that_ask_again(get_page, language, query, expected):
    page = get_page(f"{OVERVIEW[language]}?gemeente={query}")
    assert expected in finder(page)
    assert link_to(page, f"{OVERVIEW[language]}?gemeente=Breda") or query == "Alphen"
    assert highlighted(page) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            "We kennen geen gemeente met de naam “Atlantis”. Controleer de spelling, of zoek uw "
            "gemeente in de lijst op de pagina van elk landsdeel.",
        ),
        (
            "en",
            "We do not know a municipality called “Atlantis”. Check the spelling, or look for "
            "your municipality in the list on each region’s page.",
        ),
    ],
)
def test_an_unknown_name_gets_an_honest_answer(get_page, language, expected):
    page = get_page(f"{OVERVIEW[language]}?gemeente=Atlantis")
    assert expected in finder(page)
    assert highlighted(page) == []


@pytest.mark.parametrize(
    ("language", "query", "error"),
    [
        ("nl", "", "Typ de naam van een gemeente, bijvoorbeeld Breda."),
        ("en", "   ", "Type the name of a municipality, for example Breda."),
        ("nl", "x" * 101, "Een gemeentenaam heeft niet meer dan 100 tekens."),
        ("en", "x" * 101, "A municipality name has at most 100 characters."),
        ("nl", "Breda%00", "Null-tekens zijn niet toegestaan."),
    ],
)
def test_bad_input_is_a_form_error_in_the_visitors_language(client, language, query, error):
    response = client.get(f"{OVERVIEW[language]}?gemeente={query}")
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert error in finder(page)
    (field,) = [a for t, a in page.tags if t == "input" and a.get("name") == "gemeente"]
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"] == "finder-hint finder-error"
    assert "finder-error" in page.ids
    assert highlighted(page) == []


# --- The map -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "codes"),
    [
        ("/nl/landsdelen/?gemeente=Breda", ["zuidwest"]),
        ("/en/regions/?gemeente=Den+Bosch", ["zuidoost"]),
        ("/nl/landsdelen/?gemeente=Ljouwert", ["noord"]),
        ("/en/regions/?gemeente=Xyzzy", []),
    ],
)
def test_the_map_highlights_the_landsdeel_asked_for(get_page, url, codes):
    page = get_page(url)
    assert highlighted(page) == codes
    outlines = [
        a["href"].removeprefix("#landsdelen-map-")
        for t, a in page.tags
        if t == "use" and "is-highlighted" in a["class"].split()
    ]
    assert outlines == codes
    # Highlighted is not "current": no aria-current on the overview.
    assert not [a for t, a in page.tags if a.get("aria-current") == "page" and "data-code" in a]


# --- The page cache ----------------------------------------------------------------------------


def test_the_page_cache_keeps_answers_for_known_names_in_both_languages():
    client = Client()
    for url in ("/nl/landsdelen/?gemeente=Breda", "/en/regions/?gemeente=Breda"):
        first = client.get(url)
        assert first["X-Cache"] == "MISS", url
        again = client.get(url)
        assert again["X-Cache"] == "HIT", url
        assert again.content == first.content
    # Near misses, unknown names and errors are made afresh: nobody can fill the cache.
    for url in (
        "/nl/landsdelen/?gemeente=Bredaa",
        "/nl/landsdelen/?gemeente=Atlantis",
        "/nl/landsdelen/?gemeente=",
        "/nl/landsdelen/?gemeente=Breda&x=1",
        "/nl/landsdelen/?gemeente=Breda" + "+" * 200,
    ):
        assert "X-Cache" not in client.get(url), url


def test_a_cached_answer_follows_an_edit_of_the_landsdeel(client):
    url = "/nl/landsdelen/?gemeente=Breda"
    assert "Breda ligt in landsdeel Zuidwest." in finder(parse(client.get(url).content.decode()))
    assert client.get(url)["X-Cache"] == "HIT"
    landsdeel = Landsdeel.objects.get(code="zuidwest")
    landsdeel.name_nl = "Zuidwest-Nederland"
    landsdeel.save()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Breda ligt in landsdeel Zuidwest-Nederland." in finder(parse(response.content.decode()))


# --- Unpublished landsdelen --------------------------------------------------------------------


def test_an_unpublished_landsdeel_is_neither_named_nor_linked(client, get_page):
    landsdeel = Landsdeel.objects.get(code="zuidwest")
    landsdeel.is_published = False
    landsdeel.save()
    page = get_page("/nl/landsdelen/?gemeente=Breda")
    assert "Breda ligt in een landsdeel dat nog geen pagina op deze website heeft." in finder(page)
    assert not link_to(page, "/nl/landsdelen/zuidwest/")
    assert "Zuidwest" not in finder(page)
    search = client.get("/nl/zoeken/?q=Breda").content.decode()
    assert "/nl/landsdelen/zuidwest/" not in search and "Breda ligt in" not in search


# --- Search ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "query", "sentence", "href"),
    [
        ("nl", "Breda", "Breda ligt in landsdeel Zuidwest.", "/nl/landsdelen/zuidwest/"),
        ("en", "Breda", "Breda is in the Southwest region.", "/en/regions/southwest/"),
        ("nl", "Den Bosch", "Den Bosch ligt in landsdeel Zuidoost.", "/nl/landsdelen/zuidoost/"),
        ("en", "Groningen", "Groningen is in the North region.", "/en/regions/north/"),
    ],
)
def test_search_puts_the_landsdeel_of_a_municipality_first(client, language, query, sentence, href):
    content = client.get(f"{SEARCH[language]}?q={query}").content.decode()
    titles = re.findall(r'<h2 class="search-result__title"><a href="([^"]+)"', content)
    # The first result is the landsdeel, with the form's sentence, and it is not listed twice.
    assert titles[0] == href and titles.count(href) == 1
    first = content[content.index('<li class="search-result') :]
    first = first[: first.index("</li>")]
    assert sentence in re.sub(r"<[^>]+>", "", first)


def test_search_without_a_municipality_has_no_answer(client):
    content = client.get("/nl/zoeken/?q=stage").content.decode()
    assert "search-result--answer" not in content and "ligt in landsdeel" not in content


def test_a_municipality_with_no_other_results_is_not_nothing_found(client):
    content = client.get("/en/search/?q=Schiermonnikoog").content.decode()
    assert "Schiermonnikoog is in the North region." in content
    assert "Nothing found" not in content


# --- The landsdeel pages -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "summary", "present", "absent"),
    [
        (
            "/nl/landsdelen/zuidwest/",
            "De 78 gemeenten in Zuidwest",
            [
                "Breda",
                "Roosendaal",
                "'s-Gravenhage",
                "Brielle (sinds 2023 deel van Voorne aan Zee)",
            ],
            ["Tilburg", "Eindhoven"],
        ),
        (
            "/en/regions/southeast/",
            "The 74 municipalities in Southeast",
            ["Tilburg", "Eindhoven", "'s-Hertogenbosch", "Maastricht"],
            ["Breda"],
        ),
        (
            "/nl/landsdelen/noord/",
            "De 40 gemeenten in Noord",
            ["Súdwest-Fryslân", "Groningen"],
            ["Zwolle"],
        ),
    ],
)
def test_each_landsdeel_page_lists_its_municipalities_under_details(
    client, url, summary, present, absent
):
    content = client.get(url).content.decode()
    match = re.search(
        r'<details class="municipality-list">\s*<summary>([^<]+)</summary>(.*?)</details>',
        content,
        re.S,
    )
    assert match and match.group(1) == summary
    items = [re.sub(r"&#x27;", "'", i) for i in re.findall(r"<li>([^<]+)</li>", match.group(2))]
    for name in present:
        assert name in items, name
    for name in absent:
        assert name not in items, name
    assert "2022" in match.group(2)
