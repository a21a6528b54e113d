"""WCAG 3.1.2 (language of parts): on English pages, Dutch terms and names are marked
lang="nl" so that a screen reader pronounces them as Dutch; on Dutch pages, English names are
marked lang="en". Checked on the visible text (and what a screen reader reads) of every public
page, from the site's real content: interface strings, plain fields and Markdown alike."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from news.models import Event
from regions.models import Landsdeel
from tests.support.htmlpage import text_by_language
from tests.support.public_urls import all_public_urls

pytestmark = pytest.mark.django_db

# Dutch terms and names an English page uses: the pact's own name, its regions and steering
# group, the school types, and the names of the schemes (fixtures/pages.json, "regelingen").
DUTCH_TERMS = [
    "Techniekpact",
    "landsdeel",
    "landsdelen",
    "Landelijke Regiegroep",
    "mbo",
    "hbo",
    "vmbo",
    "Regionaal investeringsfonds",
    "Regeling sectorplannen",
    "Impuls Leraren Tekortvakken",
    "Sterk Techniekonderwijs",
    "Katapult",
    "Techkwadraat",
    "Nationaal Groeifonds",
    "HCA Topsectoren",
]
# English names a Dutch page uses.
ENGLISH_TERMS = ["Human Capital Agenda", "Twente Board Development", "Groningen at Work"]

# Pages beyond the fixed list whose interface text names these terms.
EXTRA = {
    "en": [
        "/en/search/",
        "/en/search/?q=xyzzy",
        "/en/search/?q=HCA",
        # Result snippets quote the texts: their Dutch names stay marked.
        "/en/search/?q=katapult",
        "/en/search/?q=sectorplannen",
        "/en/search/?q=Techniekpact",
        "/en/regions/?gemeente=Breda",
    ],
    "nl": [
        "/nl/zoeken/",
        "/nl/zoeken/?q=xyzzy",
        "/nl/zoeken/?q=human+capital",
        "/nl/landsdelen/?gemeente=Breda",
    ],
}

# Web and email addresses shown as text ("techniekpact.nl") are not words in a language.
ADDRESS = re.compile(r"\S*(?:@|/|\.[a-z]{2,})\S*", re.IGNORECASE)


def unmarked(html, language, terms, query=""):
    """[(term, text)] for each term found in text a screen reader reads in `language` (the
    page's own), that is outside every element marked with another lang. A search page
    repeats the visitor's `query`: words of unknown language (an exception in WCAG 3.1.2)."""
    found = []
    for piece_language, text in text_by_language(html, skip_classes={"language-switch"}):
        if piece_language.split("-")[0] != language:
            continue
        words = ADDRESS.sub(" ", text)
        if query:
            words = re.sub(re.escape(query), " ", words, flags=re.IGNORECASE)
        for term in terms:
            if re.search(rf"\b{re.escape(term)}\b", words, re.IGNORECASE):
                found.append((term, text))
    return found


@pytest.mark.parametrize(
    ("language", "terms"), [("en", DUTCH_TERMS), ("nl", ENGLISH_TERMS)], ids=["en", "nl"]
)
def test_terms_of_the_other_language_are_marked(client, language, terms):
    problems = {}
    for url in all_public_urls(language) + EXTRA[language]:
        response = client.get(url)
        assert response.status_code == 200, url
        query = parse_qs(urlsplit(url).query).get("q", [""])[0]
        found = unmarked(response.content.decode(), language, terms, query)
        if found:
            problems[url] = found
    assert not problems, "\n".join(
        f"{url}: {term!r} in {text!r}" for url, found in problems.items() for term, text in found
    )


def test_the_check_sees_an_unmarked_term_and_accepts_a_marked_one():
    html = (
        '<html lang="en"><body><p>The Techniekpact and <span lang="nl">mbo</span> schools,'
        ' see techniekpact.nl or <a href="/nl/">Techniekpact</a>.</p></body></html>'
    )
    # The sentence and the link text; not the web address, not the marked "mbo".
    found = [text for _term, text in unmarked(html, "en", DUTCH_TERMS)]
    assert found == ["The Techniekpact and", "Techniekpact"]
    assert unmarked('<html lang="en"><body><p lang="nl">mbo</p></body></html>', "en", ["mbo"]) == []


def feeds_and_calendars(language):
    with translation.override(language):
        urls = [reverse("news:news_feed"), reverse("news:events_ics")]
        for landsdeel in Landsdeel.objects.published():
            urls.append(reverse("news:landsdeel_feed", kwargs={"slug": landsdeel.slug}))
        urls += [event.get_calendar_url() for event in Event.objects.published()]
    return urls


@pytest.mark.parametrize("language", ["nl", "en"])
def test_language_marks_never_show_as_text(client, language):
    """A name with a <span lang> mark is shown marked on the page and plain in titles, meta
    descriptions, JSON-LD, feeds, calendars and search results: never as visible tags."""
    urls = all_public_urls(language) + EXTRA[language] + feeds_and_calendars(language)
    urls.append(reverse("search:index") + "?q=techniekpact")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for shown in ("&lt;span", "\\u003Cspan", "<span lang=&quot;", "span lang="):
            if shown == "span lang=" and response["Content-Type"].startswith("text/html"):
                continue
            assert shown not in body, f"{url} shows {shown!r}"
        for attribute in re.findall(r'(?:content|title|aria-label|alt)="([^"]*)"', body):
            assert "<span" not in attribute, f"{url}: {attribute!r}"
