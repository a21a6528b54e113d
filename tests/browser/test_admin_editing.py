"""Editing in the admin as an editor does it, in Chromium (issue 11): both languages side by
side, an error in the English column seen and reached, "possibly outdated" coming and going,
the Markdown preview, axe-core on the admin's pages, and a Dutch admin without English words.

These tests save forms: each one puts back what it changed (the live server shares the session's
database with every other browser test).
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from reversion import add_to_revision, create_revision, set_comment
from reversion.models import Version

from faq.models import Question
from pages.models import Goal, Pact
from regions.models import Landsdeel
from techniekpact.models import TranslationEdit
from tests.support.admin_helpers import PASSWORD, StaffClient, make_editor
from tests.support.browser import DESKTOP

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def editors(site_server, django_db_blocker):
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
        users = {
            "projectteam": make_editor("browser-projectteam", "--projectteam"),
            "coordinator": make_editor("browser-coordinator", "--landsdeel", "noord"),
        }
        yield users
        for user in users.values():
            user.delete()


@pytest.fixture
def restore(site, django_db_blocker):
    """Put back the texts of the items a test saves, and forget their translation edits."""
    saved = []

    def keep(obj):
        saved.append((obj, Version.objects.get_for_object(obj).count()))
        return obj

    yield keep
    with django_db_blocker.unblock():
        for obj, _count in saved:
            type(obj).objects.filter(pk=obj.pk).update(
                **{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
            )
        TranslationEdit.objects.all().delete()


def logged_in(new_page, site, user, viewport=DESKTOP, language=None, **options):
    """A page whose browser carries a session of `user` (made as Django's test client does),
    in the admin's language `language` (the language cookie; Dutch without one). `options` go
    to the browser context (e.g. `timezone_id`)."""
    client = StaffClient()
    client.force_login(user)
    page = new_page(viewport=viewport, **options)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    cookies = [{"name": cookie.key, "value": cookie.value, "url": site, "httpOnly": True}]
    if language:
        cookies.append({"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site})
    page.context.add_cookies(cookies)
    return page


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def box(page, selector):
    return page.locator(selector).bounding_box()


def test_translated_fields_side_by_side_on_desktop_and_stacked_on_a_phone(new_page, site, editors):
    goal = Goal.objects.get(number=2)
    desk = logged_in(new_page, site, editors["projectteam"])
    desk.goto(change_url(goal))
    nl, en = box(desk, "#id_title_nl"), box(desk, "#id_title_en")
    assert nl["x"] + nl["width"] <= en["x"], "Dutch is left of English"
    assert abs(nl["y"] - en["y"]) < 2, "on the same line"
    assert desk.locator("label[for=id_title_nl]").inner_text().startswith("Titel (Nederlands)")
    assert desk.locator("label[for=id_title_en]").inner_text().startswith("Titel (Engels)")
    assert desk.locator("#id_body_en").get_attribute("lang") == "en"
    assert not desk.locator(".ui-tabs").count()

    phone = logged_in(new_page, site, editors["projectteam"], viewport=PHONE_390)
    phone.goto(change_url(goal))
    nl, en = box(phone, "#id_body_nl"), box(phone, "#id_body_en")
    assert en["y"] > nl["y"] + nl["height"] - 1, "English below Dutch"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_error_in_the_english_column_is_listed_at_the_top_and_linked(
    new_page, site, editors, restore
):
    first, goal = Goal.objects.order_by("number")[:2]
    restore(goal)
    page = logged_in(new_page, site, editors["projectteam"])
    page.goto(change_url(goal))
    page.fill("#id_slug_en", first.slug_en)
    with page.expect_navigation():
        page.locator("input[name=_continue]").first.click()
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    link = summary.locator("a[href='#id_slug_en']")
    assert "(Engels)" in link.inner_text()
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_slug_en"
    assert page.locator("#id_slug_en").is_visible()
    assert page.locator("#id_slug_en").get_attribute("aria-invalid") == "true" or (
        page.locator(".field-slug_en.errors, .errors.field-slug_en, .errorlist").count()
    )


def test_outdated_mark_follows_a_dutch_change_and_goes_after_an_english_edit_or_confirmation(
    new_page, site, editors, restore
):
    goal = restore(Goal.objects.get(number=4))
    page = logged_in(new_page, site, editors["projectteam"])
    label_en = "label[for=id_body_en]"

    def save():
        with page.expect_navigation():
            page.locator("input[name=_continue]").first.click()

    page.goto(change_url(goal))
    assert "mogelijk verouderd" not in page.locator(label_en).inner_text()
    page.fill("#id_body_nl", goal.body_nl + "\n\nEen nieuwe alinea.")
    save()
    assert "mogelijk verouderd" in page.locator(label_en).inner_text()
    assert "mogelijk verouderd" not in page.locator("label[for=id_body_nl]").inner_text()

    page.fill("#id_body_en", goal.body_en + "\n\nA new paragraph.")
    save()
    assert "mogelijk verouderd" not in page.locator(label_en).inner_text()

    page.fill("#id_body_nl", goal.body_nl + "\n\nNog een alinea.")
    save()
    assert "mogelijk verouderd" in page.locator(label_en).inner_text()
    page.get_by_label("Toelichting (Engels)", exact=True).check()
    save()
    assert "mogelijk verouderd" not in page.content()


def test_markdown_preview_renders_and_strips_a_script(new_page, site, editors):
    question = Question.objects.first()
    page = logged_in(new_page, site, editors["projectteam"])
    page.goto(change_url(question))
    assert page.locator("#markdown-help").is_visible()
    page.fill("#id_answer_nl", "# Kop\n\n<script>window.hacked = 1</script>**vet**")
    page.locator("button[aria-controls=id_answer_nl-preview]").click()
    preview = page.locator("#id_answer_nl-preview")
    preview.locator("strong").wait_for()
    assert preview.locator("h2").inner_text() == "Kop"
    assert preview.locator("script").count() == 0
    assert page.evaluate("window.hacked") is None


def test_markdown_help_shows_without_javascript(new_page, site, editors):
    question = Question.objects.first()
    client = StaffClient()
    client.force_login(editors["projectteam"])
    page = new_page(java_script_enabled=False)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])
    page.goto(change_url(question))
    assert page.locator("#markdown-help").is_visible()


# The admin's note next to a time field when the editor's computer keeps another time zone
# than the site (Europe/Amsterdam). The hours differ with summer time: not checked.
TIME_ZONE_NOTES = [
    (
        "nl",
        "America/New_York",
        r"^Let op: vul tijden in volgens de tijdzone Europe/Amsterdam\. "
        r"\(Uw klok loopt \d+ uur achter\.\)$",
    ),
    (
        "en",
        "Asia/Tokyo",
        r"^Note: Enter times in the Europe/Amsterdam timezone\. "
        r"\(You are \d+ hours? ahead\.\)$",
    ),
]


@pytest.mark.parametrize(("language", "timezone_id", "expected"), TIME_ZONE_NOTES)
def test_the_time_zone_note_speaks_the_admins_language(
    new_page, site, editors, language, timezone_id, expected
):
    goal = Goal.objects.get(number=2)
    page = logged_in(
        new_page, site, editors["projectteam"], language=language, timezone_id=timezone_id
    )
    page.goto(change_url(goal))
    assert page.locator("html").get_attribute("lang") == language
    note = page.locator("#id_publish_from_timezone_warning_helptext")
    note.wait_for()
    assert note.is_visible()
    assert re.match(expected, note.inner_text()), note.inner_text()
    if language == "nl":
        assert not re.search(r"Note|hours?|ahead|behind|server|timezone", note.inner_text())


# --- axe-core and a Dutch admin --------------------------------------------------------------


@pytest.fixture(scope="module")
def versions(site_server, django_db_blocker):
    """A goal with two versions, for the history and compare pages."""
    with django_db_blocker.unblock():
        goal = Goal.objects.get(number=5)
        original = goal.summary_nl
        for text in (original, original + " Met een aanvulling."):
            goal.summary_nl = text
            with create_revision():
                goal.save()
                add_to_revision(goal)
                set_comment("Testversie")
        ids = list(Version.objects.get_for_object(goal).values_list("pk", flat=True)[:2])
        yield goal, ids
        Goal.objects.filter(pk=goal.pk).update(summary_nl=original)
        Version.objects.filter(pk__in=ids).delete()


def admin_pages(versions):
    goal, (newer, older) = versions
    history = reverse("admin:pages_goal_history", args=[goal.pk])
    compare = f"{history}compare/?version_id1={older}&version_id2={newer}"
    return [
        ("projectteam", reverse("admin:index")),
        ("projectteam", reverse("admin:pages_goal_changelist")),
        # Yes/no columns, and names with language marks inside their links.
        ("projectteam", reverse("admin:pages_page_changelist")),
        ("projectteam", reverse("admin:pages_partner_changelist")),
        ("projectteam", change_url(Pact.objects.first())),
        ("projectteam", change_url(goal)),
        ("projectteam", change_url(Question.objects.first())),
        ("projectteam", history),
        ("projectteam", compare),
        ("coordinator", change_url(Landsdeel.objects.get(slug_nl="noord"))),
        ("coordinator", reverse("admin:index")),
    ]


def axe_violations(page, url):
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = []
    for violation in Axe().run(page, options=options).response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        found.append(f"{url}: {violation['id']} ({violation['impact']}) at {targets}")
    return found


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["desktop", "phone"])
def test_axe_finds_no_wcag21_aa_violation_in_the_admin(new_page, site, editors, versions, viewport):
    login = new_page(viewport=viewport)
    assert login.goto(reverse("admin:login")).status == 200
    found = axe_violations(login, "login")
    pages = {}
    for role, url in admin_pages(versions):
        if role not in pages:
            pages[role] = logged_in(new_page, site, editors[role], viewport)
        page = pages[role]
        assert page.goto(url).status == 200, url
        found += axe_violations(page, url)
    assert not found, "\n".join(found)


# Words of the admin's own interface that would show an untranslated string. ("Home" and
# "Filter" are left out: they are also the Dutch words the site uses; so is "correct".)
# "True"/"False"/"None" are what Django's yes/no icons say unless they are translated.
ENGLISH_WORDS = re.compile(
    r"\b(Select|option|Save|Delete|Add|Change|History|Revert|version|Compare|compare|Search|"
    r"Show|Log out|View site|Yes|No|Unknown|True|False|None|Cancel|Note|You are|Enter times|"
    r"timezone|hours? (ahead|behind)|ahead|behind|"
    r"server time|Today|Now|Choose|Clear|Date|Time|User|Comment|Action|Previous|Next|"
    r"Recover|deleted|Please|errors?|required|Permission|denied|field|Dutch|English|"
    r"missing|complete|translation|Preview|outdated)\b"
)

# The editors' own content: form values, texts in the change list's cells, the compare page's
# diffs, recent actions.
CONTENT = (
    "textarea, select option:checked, td.field-title, th.field-title, th.field-__str__,"
    " td.field-__str__, .readonly, pre, .module.compare table td, del, ins,"
    " #recent-actions-module li,"
    " .translation-status li a, #change-history td, #change-history th a, .errorlist"
)


def interface_text(page):
    """The page's interface text, without the editors' own content (`CONTENT`): the visible
    text, and what is read out or shown on hovering instead, each on a line of its own: the
    alt text of the admin's yes/no icons (wherever they are: a read-only "published" too), and
    the alt, title, aria-label and placeholder of every other element and the value of buttons
    outside the content."""
    return page.evaluate(
        """(content) => {
            const icons = 'img[src*="/admin/img/icon-"]';
            const lines = [];
            document.body.querySelectorAll('*').forEach((el) => {
                if (el.closest('script, style, [hidden]')) return;
                if (!el.matches(icons) && el.closest(content)) return;
                for (const name of ['alt', 'title', 'aria-label', 'placeholder']) {
                    if (el.hasAttribute(name)) lines.push(`[${name}] ${el.getAttribute(name)}`);
                }
                if (el.matches('input[type=submit], input[type=button], input[type=reset]')) {
                    lines.push(`[button] ${el.value}`);
                }
            });
            const clone = document.body.cloneNode(true);
            clone.querySelectorAll(content + ', script, style, [hidden]')
                .forEach((el) => el.remove());
            return clone.innerText + '\\n' + lines.join('\\n');
        }""",
        CONTENT,
    )


def test_the_dutch_admin_has_no_english_interface_words(new_page, site, editors, versions):
    pages = {}
    found = []
    notes = 0
    for role, url in admin_pages(versions):
        if role not in pages:
            # A computer in another time zone than the site: the admin adds a note to every
            # time field, which must be Dutch too.
            pages[role] = logged_in(new_page, site, editors[role], timezone_id="America/New_York")
        page = pages[role]
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "nl"
        notes += page.locator(".timezonewarning").count()
        for line in interface_text(page).splitlines():
            if match := ENGLISH_WORDS.search(line):
                found.append(f"{url}: {match[0]!r} in {line.strip()[:100]!r}")
    assert notes, "the scan saw no time zone note"
    assert not found, "\n".join(found)


def test_a_change_list_at_390_px_shows_title_status_and_translation_without_sideways_scrolling(
    new_page, site, editors
):
    page = logged_in(new_page, site, editors["projectteam"], viewport=PHONE_390)
    page.goto(reverse("admin:pages_goal_changelist"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    row = page.locator("#result_list tbody tr").first
    for cell in (".field-title", ".field-status", ".field-translation_status"):
        found = row.locator(cell)
        assert found.is_visible(), cell
        right = found.bounding_box()["x"] + found.bounding_box()["width"]
        assert right <= 390, f"{cell} runs off the screen"
    assert row.locator("td.field-translation_status").get_attribute("data-label") == "Vertaling"


def test_filter_links_are_tap_targets_of_at_least_24_px(new_page, site, editors):
    page = logged_in(new_page, site, editors["projectteam"], viewport=PHONE_390)
    page.goto(reverse("admin:pages_goal_changelist"))
    links = page.locator("#changelist-filter li a")
    assert links.count() > 5
    for index in range(links.count()):
        size = links.nth(index).bounding_box()
        assert size["width"] >= 24 and size["height"] >= 24, links.nth(index).inner_text()


def test_compare_shows_each_language_once_wraps_lines_and_its_breadcrumbs_lead_back(
    new_page, site, editors, versions
):
    goal, _ids = versions
    page = logged_in(new_page, site, editors["projectteam"])
    page.goto(next(url for _role, url in admin_pages(versions) if "/compare/" in url))
    headings = [h.strip().lower() for h in page.locator("#content-main h3").all_inner_texts()]
    assert headings.count("samenvatting [nl]") == 1 and "samenvatting" not in headings
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    crumbs = page.locator(".breadcrumbs a")
    hrefs = [crumbs.nth(i).get_attribute("href") for i in range(crumbs.count())]
    assert change_url(goal) in hrefs
    assert reverse("admin:app_list", args=["pages"]) in hrefs
    for href in hrefs:
        assert page.request.get(href).status == 200, href
