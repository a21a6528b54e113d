"""WCAG 2.1 AA in a real browser: axe-core on every public page in both languages, at desktop
and phone widths and in the dark scheme; keyboard use, visible focus, reflow and zoom,
landmarks and heading levels; the map of the landsdelen."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from tests.support.browser import AXE_TAGS, DESKTOP, PHONE

pytestmark = pytest.mark.browser

MAP_CODES = ["noord", "noordwest", "oost", "zuidwest", "zuidoost"]


def pages_in(public_urls, language, question_urls=()):
    """The public pages of one language, plus a search with results, the answers about
    municipalities and a page not found."""
    urls = [url for url in [*public_urls, *question_urls] if url.startswith(f"/{language}/")]
    with translation.override(language):
        try:
            urls.append(reverse("search:index") + "?q=techniek")
        except NoReverseMatch:  # search not (yet) part of the site
            pass
    urls.append(f"/{language}/does-not-exist/")
    return urls


def visit(page, url):
    response = page.goto(url)
    assert response.status in (200, 404), f"{url} answered {response.status}"
    return response


# --- axe-core ----------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(
    ("viewport", "scheme"),
    [(DESKTOP, "light"), (PHONE, "light"), (DESKTOP, "dark"), (PHONE, "dark")],
    ids=["desktop", "phone", "desktop-dark", "phone-dark"],
)
def test_axe_finds_no_wcag21_aa_violations(
    new_page, public_urls, question_urls, language, viewport, scheme
):
    page = new_page(viewport=viewport, color_scheme=scheme)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = []
    for url in pages_in(public_urls, language, question_urls):
        visit(page, url)
        for violation in axe.run(page, options=options).response["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            found.append(f"{url}: {violation['id']} ({violation['impact']}) at {targets}")
    assert not found, "\n".join(found)


# --- Keyboard ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/nl/", "/en/regions/"])
def test_first_tab_stop_is_the_skip_link_and_it_moves_focus_to_main(page, url):
    visit(page, url)
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement, r = e.getBoundingClientRect();"
        " return {cls: e.className, href: e.getAttribute('href'), w: r.width, h: r.height,"
        " top: r.top}; }"
    )
    assert focused["cls"] == "skip-link" and focused["href"] == "#content"
    # Shown when focused: large enough to read, inside the viewport.
    assert focused["w"] > 50 and focused["h"] > 20 and focused["top"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "content"
    # The next Tab continues inside <main>, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


FOCUS_STYLE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const label = e.tagName + ' ' + (e.getAttribute('href') || e.id || e.getAttribute('name') || '');
  if (e.closest('svg')) {
    // Map regions: the ring is the outline layer's copy of the shape, not a CSS outline.
    const code = e.getAttribute('data-code');
    const outline = e.closest('svg').querySelector('.map-outline--' + code);
    const s = getComputedStyle(outline);
    return {label, visible: s.stroke !== 'none' && parseFloat(s.strokeWidth) >= 3};
  }
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow !== 'none';
  return {label, visible: (outline || shadow) && r.width > 0 && r.height > 0};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "url",
    ["/nl/", "/nl/doelen/", "/en/regions/north/", "/en/partners/", "/nl/veelgestelde-vragen/"],
)
def test_every_focusable_element_shows_a_visible_focus_indicator(new_page, url, scheme):
    page = new_page(color_scheme=scheme)
    visit(page, url)
    seen, invisible = [], []
    for _ in range(300):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        if state is None or (seen and state["label"] == seen[0]):
            break  # wrapped around to the start
        seen.append(state["label"])
        if not state["visible"]:
            invisible.append(state["label"])
    assert len(seen) > 10, seen
    assert not invisible, invisible


# --- Reflow and zoom ---------------------------------------------------------------------------


def overflow(page):
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def test_every_page_reflows_at_320_css_pixels_without_horizontal_scrolling(new_page, public_urls):
    page = new_page(viewport={"width": 320, "height": 640})
    wide = []
    for url in public_urls:
        visit(page, url)
        if overflow(page) > 0:
            wide.append(f"{url}: {overflow(page)}px too wide")
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("url", ["/nl/", "/en/"])
def test_home_page_at_200_percent_zoom_has_no_horizontal_scroll(new_page, url):
    # 200% zoom of a 1280 px wide window: 640 CSS pixels, each drawn with 2 device pixels.
    page = new_page(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    visit(page, url)
    assert overflow(page) <= 0
    # Text is not clipped: the main navigation wraps rather than hiding items.
    assert page.locator(".main-nav a").evaluate_all(
        "links => links.every(a => { const r = a.getBoundingClientRect();"
        " return r.right <= window.innerWidth && r.width > 0; })"
    )


# --- Structure ---------------------------------------------------------------------------------


HEADING_LEVELS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
  .filter(h => h.getClientRects().length)
  .map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 40)])"""


def test_every_page_has_landmarks_and_headings_that_never_skip_a_level(page, public_urls):
    problems = []
    for url in public_urls:
        visit(page, url)
        for role, minimum, maximum in [
            ("banner", 1, 1),
            ("main", 1, 1),
            ("contentinfo", 1, 1),
            ("navigation", 2, 10),  # at least the main navigation and the language switch
        ]:
            count = page.get_by_role(role).count()
            if not minimum <= count <= maximum:
                problems.append(f"{url}: {count} × {role}")
        name = "Hoofdmenu" if url.startswith("/nl/") else "Main navigation"
        if page.get_by_role("banner").get_by_role("navigation", name=name).count() != 1:
            problems.append(f"{url}: no navigation named {name} in the banner")
        levels = page.evaluate(HEADING_LEVELS)
        if not levels or levels[0][0] != 1:
            problems.append(f"{url}: the first heading is not the h1: {levels[:1]}")
        for (before, _), (level, text) in zip(levels, levels[1:], strict=False):
            if level > before + 1:
                problems.append(f"{url}: h{before} → h{level} “{text}”")
    assert not problems, "\n".join(problems)


# --- The map -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "names"),
    [
        ("/nl/landsdelen/", {"Noord", "Noordwest", "Oost", "Zuidwest", "Zuidoost"}),
        ("/en/regions/", {"North", "Northwest", "East", "Southwest", "Southeast"}),
    ],
)
def test_map_regions_are_named_links_reached_by_keyboard(page, url, names):
    visit(page, url)
    regions = page.locator("svg.landsdelen-map").get_by_role("link")
    assert regions.count() == 5
    for name in names:  # the accessible name as assistive technology computes it
        region = page.locator("svg.landsdelen-map").get_by_role("link", name=name, exact=True)
        assert region.count() == 1, name
    # Tab reaches each region, and each shows its focus outline.
    reached = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE)
        code = page.evaluate("() => document.activeElement.getAttribute('data-code')")
        if code:
            assert state["visible"], code
            reached.add(code)
    assert reached == set(MAP_CODES)
    # The same five pages are also linked in text beside the map.
    hrefs = regions.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for href in hrefs:
        assert page.locator(f".region-overview__list a[href='{href}']").count() == 1


def test_map_works_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    visit(page, "/nl/landsdelen/")
    page.locator("svg.landsdelen-map a[data-code='zuidoost']").click()
    page.wait_for_url("**/nl/landsdelen/zuidoost/")
    assert page.get_by_role("heading", level=1).inner_text() == "Zuidoost"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("url", "label", "query", "answer", "code", "landsdeel_url"),
    [
        (
            "/nl/landsdelen/",
            "Uw gemeente",
            "den bosch",
            "Den Bosch ligt in landsdeel Zuidoost.",
            "zuidoost",
            "/nl/landsdelen/zuidoost/",
        ),
        (
            "/en/regions/",
            "Your municipality",
            "Breda",
            "Breda is in the Southwest region.",
            "zuidwest",
            "/en/regions/southwest/",
        ),
    ],
)
def test_the_municipality_form_answers_without_javascript(
    new_page, scheme, url, label, query, answer, code, landsdeel_url
):
    page = new_page(java_script_enabled=False, color_scheme=scheme)
    visit(page, url)
    page.get_by_label(label, exact=True).fill(query)
    page.keyboard.press("Enter")  # a plain GET form: the browser alone submits it
    page.wait_for_url("**?gemeente=*")
    assert answer in page.locator("#finder-answer").inner_text()
    # The map shows the same answer: that landsdeel outlined, the other four toned down.
    stroke = page.locator(f".map-outline--{code}").evaluate("e => getComputedStyle(e).stroke")
    assert stroke != "none"
    others = page.locator(f"svg.landsdelen-map a.map-region:not(.map-region--{code})")
    assert others.count() == 4
    for i in range(4):
        assert float(others.nth(i).evaluate("a => getComputedStyle(a).fillOpacity")) < 1
    page.locator("#finder-answer").get_by_role("link").click()
    page.wait_for_url(f"**{landsdeel_url}")


def test_a_form_error_is_announced_with_the_field(page):
    visit(page, "/en/regions/?gemeente=")
    field = page.get_by_label("Your municipality", exact=True)
    assert field.get_attribute("aria-invalid") == "true"
    description = field.evaluate(
        "e => e.getAttribute('aria-describedby').split(' ')"
        ".map(id => document.getElementById(id).textContent.trim()).join(' ')"
    )
    assert "Type the name of a municipality, for example Breda." in description


def test_the_municipalities_of_a_landsdeel_open_with_the_keyboard(page):
    visit(page, "/nl/landsdelen/zuidwest/")
    summary = page.locator("details.municipality-list summary")
    assert not page.get_by_text("Roosendaal", exact=True).is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert page.get_by_text("Roosendaal", exact=True).is_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    ("url", "code"), [("/nl/landsdelen/oost/", "oost"), ("/en/regions/southwest/", "zuidwest")]
)
def test_landsdeel_page_marks_its_region_on_the_map(new_page, url, code, scheme):
    page = new_page(color_scheme=scheme)
    visit(page, url)
    current = page.locator("svg.landsdelen-map a[aria-current='page']")
    assert current.count() == 1
    assert current.get_attribute("data-code") == code
    assert current.get_attribute("href") == url
    # Highlighted: outlined, while the other four are toned down.
    stroke = page.locator(f".map-outline--{code}").evaluate("e => getComputedStyle(e).stroke")
    assert stroke != "none"
    others = page.locator("svg.landsdelen-map a:not([aria-current])")
    assert others.count() == 4
    for i in range(4):
        assert float(others.nth(i).evaluate("a => getComputedStyle(a).fillOpacity")) < 1
    # The map needs its attribution, which the footer shows.
    assert "CBS" in page.get_by_role("contentinfo").inner_text()


def test_map_colours_differ_in_lightness_between_neighbours_in_both_schemes(new_page):
    """Colour-blind visitors tell neighbours apart by lightness, not only by hue."""
    neighbours = [
        ("noord", "noordwest"),
        ("noord", "oost"),
        ("noordwest", "oost"),
        ("noordwest", "zuidwest"),
        ("oost", "zuidwest"),
        ("oost", "zuidoost"),
        ("zuidwest", "zuidoost"),
    ]
    for scheme in ("light", "dark"):
        page = new_page(color_scheme=scheme)
        visit(page, "/nl/landsdelen/")
        fills = {
            code: page.locator(f"a.map-region--{code}").evaluate("a => getComputedStyle(a).fill")
            for code in MAP_CODES
        }
        lightness = {code: relative_luminance(fill) for code, fill in fills.items()}
        for a, b in neighbours:
            light, dark = sorted((lightness[a], lightness[b]), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 1.2, (scheme, a, b, fills[a], fills[b])


def relative_luminance(css_rgb):
    r, g, b = (int(part) / 255 for part in css_rgb[css_rgb.index("(") + 1 : -1].split(",")[:3])

    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


# --- Schemes, motion, print --------------------------------------------------------------------


def contrast(a, b):
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_controls_and_focus_ring_contrast_at_least_3_to_1_in_both_schemes(new_page, scheme):
    page = new_page(color_scheme=scheme)
    visit(page, "/nl/doelen/")
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    borders = page.locator("#stage-filter, .site-header .search-form input").evaluate_all(
        "els => els.map(e => getComputedStyle(e).borderTopColor)"
    )
    assert len(borders) == 2
    for border in borders:
        assert contrast(border, background) >= 3, (border, background)
    page.keyboard.press("Tab")  # the skip link, on the page background
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineColor")
    assert contrast(outline, background) >= 3, (outline, background)


def test_reduced_motion_turns_off_smooth_scrolling_and_transitions(new_page):
    page = new_page(reduced_motion="reduce")
    visit(page, "/nl/landsdelen/")
    assert page.evaluate("() => getComputedStyle(document.documentElement).scrollBehavior") == (
        "auto"
    )
    durations = page.locator(".card, .map-region").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).transitionDuration))"
    )
    assert durations and max(durations) < 0.01


def test_print_leaves_out_navigation_and_prints_link_addresses(page):
    page.emulate_media(media="print")
    visit(page, "/en/partners/")
    assert not page.locator(".main-nav").is_visible()
    assert not page.locator(".site-header .search-form").is_visible()
    after = page.locator("main a[href^='https://']").first.evaluate(
        "a => getComputedStyle(a, '::after').content"
    )
    assert "https://" in after


@pytest.mark.parametrize("url", ["/nl/veelgestelde-vragen/", "/en/faq/"])
def test_the_faqs_last_topic_is_reached_by_anchor_and_keyboard(new_page, url):
    """A link to a question far down the long FAQ, and the keyboard, bring it into view.
    (Guards against layout shortcuts such as content-visibility: auto, which broke both.)"""
    page = new_page(viewport=PHONE)
    visit(page, url)
    last = page.locator(".faq-category").last
    question = last.locator("h3").last
    anchor = question.get_attribute("id")
    page.goto("about:blank")
    visit(page, f"{url}#{anchor}")
    in_view = (
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    )
    page.wait_for_function(f"() => ({in_view})(document.getElementById('{anchor}'))", timeout=5000)
    assert question.inner_text().strip()  # rendered, not skipped
    # The last link of that topic, reached with the keyboard, is shown where it is.
    page.goto("about:blank")
    visit(page, url)
    links = last.locator("a")
    links.nth(links.count() - 2).evaluate("e => e.focus({preventScroll: true})")
    page.keyboard.press("Tab")
    link = links.last
    assert link.evaluate("e => e === document.activeElement")
    page.wait_for_function(f"() => ({in_view})(document.activeElement)", timeout=5000)
    assert link.inner_text().strip()
