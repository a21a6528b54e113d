"""A landsdeel is known by its fixed `code` (noord, oost, ...), never by a slug an editor may
change: the cards' colour, the map's shapes and links all follow the code."""

import pytest

from regions.maps import MAP_CODES
from regions.models import Landsdeel


@pytest.fixture
def renamed_noord(db):
    """Noord after an editor gave it new addresses in both languages."""
    noord = Landsdeel.objects.get(code="noord")
    noord.slug_nl = "noord-nederland"
    noord.slug_en = "northern-netherlands"
    noord.save()
    return noord


def card_classes(page):
    return [
        attrs["class"].split()
        for tag, attrs in page.tags
        if tag == "li" and "card" in attrs.get("class", "").split()
    ]


def map_links(page):
    return {attrs["data-code"]: attrs for tag, attrs in page.tags if "data-code" in attrs}


def test_the_map_has_a_shape_for_every_landsdeel_code(db):
    assert set(MAP_CODES) == set(Landsdeel.objects.values_list("code", flat=True))


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("/nl/landsdelen/", "/nl/landsdelen/noord-nederland/"),
        ("/en/regions/", "/en/regions/northern-netherlands/"),
        ("/nl/", "/nl/landsdelen/noord-nederland/"),
        ("/en/", "/en/regions/northern-netherlands/"),
    ],
)
def test_cards_keep_their_colour_when_the_slug_changes(renamed_noord, get_page, url, href):
    page = get_page(url)
    colours = [c for cls in card_classes(page) for c in cls if c.startswith("card--region-")]
    # One colour class per card, from the code: not "card--region-noord-nederland".
    assert sorted(colours) == sorted(f"card--region-{code}" for code in MAP_CODES)
    assert any(link["href"] == href and link["text"] == renamed_noord.name for link in page.links)


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("/nl/landsdelen/", "/nl/landsdelen/noord-nederland/"),
        ("/en/regions/", "/en/regions/northern-netherlands/"),
    ],
)
def test_the_map_links_by_code_when_the_slug_changes(renamed_noord, get_page, url, href):
    links = map_links(get_page(url))
    assert set(links) == set(MAP_CODES)
    assert links["noord"]["href"] == href
    assert "map-region--noord" in links["noord"]["class"].split()
    assert links["noord"]["aria-label"] == renamed_noord.name


def test_the_renamed_landsdeel_is_current_on_its_own_map(renamed_noord, get_page):
    links = map_links(get_page("/en/regions/northern-netherlands/"))
    assert links["noord"].get("aria-current") == "page"
    assert "is-current" in links["noord"]["class"].split()
    assert [code for code, a in links.items() if a.get("aria-current")] == ["noord"]
