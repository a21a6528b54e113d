"""Editing comfort in the admin (issue 11): what an editor notices in the change form."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from reversion.models import Version

from faq.models import Question
from pages.models import Goal, Partner
from techniekpact.markup import render_inline
from techniekpact.models import TranslationEdit
from tests.support.admin_helpers import StaffClient, form_data

pytestmark = pytest.mark.django_db


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def post(client, obj, expect=302, **values):
    address = change_url(obj)
    data = form_data(client.get(address))
    data.update(values)
    response = client.post(address, data)
    assert response.status_code == expect, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return response


def test_saving_an_unchanged_form_with_browser_line_endings_changes_nothing(as_projectteam):
    goal = Goal.objects.get(number=2)
    assert "\n" in goal.body_en
    body_en, body_nl = goal.body_en, goal.body_nl
    post(
        as_projectteam,
        goal,
        body_en=body_en.replace("\n", "\r\n"),
        body_nl=body_nl.replace("\n", "\r\n"),
    )
    assert goal.body_en == body_en and "\r" not in goal.body_en
    comments = [v.revision.get_comment() for v in Version.objects.get_for_object(goal)]
    assert comments and not any("[en]" in c or "Toelichting" in c for c in comments), comments
    assert not TranslationEdit.objects.exists()


def test_a_dutch_change_marks_the_english_field_outdated_until_it_is_edited(as_projectteam):
    goal = Goal.objects.get(number=2)
    post(as_projectteam, goal, body_nl=goal.body_nl + "\n\nEen nieuwe alinea.")
    page = as_projectteam.get(change_url(goal)).content.decode()
    assert "Toelichting (Engels) – mogelijk verouderd" in page
    assert "Toelichting (Nederlands) – mogelijk verouderd" not in page
    # Only that field: the English title is not marked.
    assert "Titel (Engels) – mogelijk verouderd" not in page
    listing = as_projectteam.get(reverse("admin:pages_goal_changelist")).content.decode()
    assert "mogelijk verouderd: Engels" in listing
    filtered = as_projectteam.get(reverse("admin:pages_goal_changelist") + "?translation=outdated")
    assert list(filtered.context["cl"].result_list) == [goal]
    home = as_projectteam.get(reverse("admin:index")).content.decode()
    assert "Engels mogelijk verouderd" in home

    post(as_projectteam, goal, body_en=goal.body_en + "\n\nA new paragraph.")
    page = as_projectteam.get(change_url(goal)).content.decode()
    assert "mogelijk verouderd" not in page, TranslationEdit.objects.values_list(
        "field", "language", "edited_at"
    )


def test_still_right_takes_the_mark_away_without_changing_the_text(as_projectteam):
    goal = Goal.objects.get(number=3)
    post(as_projectteam, goal, title_en=goal.title_en + " (new)")
    page = as_projectteam.get(change_url(goal)).content.decode()
    assert "Titel (Nederlands) – mogelijk verouderd" in page
    title_nl = goal.title_nl
    post(as_projectteam, goal, confirm_translations=["title_nl"])
    assert goal.title_nl == title_nl
    page = as_projectteam.get(change_url(goal)).content.decode()
    assert "mogelijk verouderd" not in page, TranslationEdit.objects.values_list(
        "field", "language", "edited_at"
    )


def test_an_image_in_markdown_is_refused_with_a_reason(as_projectteam):
    question = Question.objects.first()
    response = post(
        as_projectteam, question, expect=200, answer_en="See ![map](https://example.org/m.png)"
    )
    errors = response.context["adminform"].form.errors
    assert "Afbeeldingen kunnen niet in deze tekst" in str(errors["answer_en"])
    # Listed at the top, with a link to the English field and its language named.
    page = response.content.decode()
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_answer_en"' in summary and "Antwoord (Engels)" in summary


def test_an_error_in_the_english_column_is_listed_and_linked(as_projectteam):
    goals = list(Goal.objects.order_by("number")[:2])
    response = post(as_projectteam, goals[1], expect=200, slug_en=goals[0].slug_en)
    summary = response.content.decode().split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_slug_en"' in summary and "(Engels)" in summary


def test_markdown_help_is_in_the_form_and_the_preview_renders_sanitised_html(as_projectteam):
    question = Question.objects.first()
    page = as_projectteam.get(change_url(question)).content.decode()
    assert "Lange teksten schrijven (Markdown)" in page
    assert "/static/js/admin-editing.js" in page
    url = reverse("admin:faq_question_markdown_preview")
    response = as_projectteam.post(url, {"text": "# Kop\n\n<script>alert(1)</script> **vet**"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Kop</h2>" in html and "<strong>vet</strong>" in html
    assert "<script" not in html
    assert as_projectteam.get(url).status_code == 405


def test_the_preview_is_for_staff_only_and_needs_the_csrf_token(client, projectteam):
    url = reverse("admin:faq_question_markdown_preview")
    assert client.post(url, {"text": "x"}).status_code == 302  # to the login page
    strict = StaffClient(enforce_csrf_checks=True)
    strict.force_login(projectteam)
    assert strict.post(url, {"text": "x"}).status_code == 403


def test_a_new_items_slugs_are_filled_from_the_title_in_each_language(as_projectteam):
    response = as_projectteam.get(reverse("admin:pages_goal_add"))
    prepopulated = {
        f["field"].name: [d.name for d in f["dependencies"]]
        for f in response.context["prepopulated_fields"]
    }
    assert prepopulated == {"slug_nl": ["title_nl"], "slug_en": ["title_en"]}


def test_a_coordinator_gets_shortcuts_to_their_own_landsdeel_and_programmes(
    client, coordinator, noord
):
    client.force_login(coordinator)
    home = client.get(reverse("admin:index")).content.decode()
    shortcuts = home.split('id="home-shortcuts"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{change_url(noord)}"' in shortcuts
    assert f"?landsdeel__id__exact={noord.pk}" in shortcuts
    assert "Oost" not in shortcuts


def test_the_project_team_gets_no_coordinator_shortcuts(as_projectteam):
    home = as_projectteam.get(reverse("admin:index")).content.decode()
    assert 'id="home-shortcuts"' not in home


def test_a_coordinators_landsdeel_form_has_no_province_links_that_end_in_403(
    client, coordinator, noord
):
    client.force_login(coordinator)
    page = client.get(change_url(noord)).content.decode()
    links = re.findall(r'href="(/admin/[^"]+)"', page)
    assert "Groningen" in page  # the provinces are still named
    refused = [link for link in set(links) if client.get(link).status_code == 403]
    assert not refused


def test_a_refused_admin_page_is_in_the_admins_look_with_a_way_back(client, coordinator, oost):
    client.force_login(coordinator)
    response = client.get(change_url(oost))
    page = response.content.decode()
    assert response.status_code in (403, 404)
    if response.status_code == 403:
        assert "U mag deze pagina niet openen" in page
    refused = client.get(reverse("admin:auth_user_changelist"))
    assert refused.status_code == 403
    page = refused.content.decode()
    assert 'id="site-name"' in page and "Terug naar het inhoudsoverzicht" in page
    assert f'href="{reverse("admin:index")}"' in page


def test_the_admins_scripts_speak_dutch_too(as_projectteam):
    catalogue = as_projectteam.get(reverse("admin:jsi18n")).content.decode()
    assert "vul tijden in volgens de tijdzone" in catalogue
    assert "Vandaag (%(date)s)" in catalogue


def test_djangos_messages_need_no_article_for_het_words():
    # Django builds them from verbose_name ("doel"); "De doel" would be wrong Dutch.
    with translation.override("nl"):
        changed = gettext("The {name} “{obj}” was changed successfully.")
        deleted = gettext("The %(name)s “%(obj)s” was deleted successfully.")
        asked = gettext(
            "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? "
            "All of the following related items will be deleted:"
        )
    assert changed.format(name="doel", obj="x") == "Gewijzigd: doel “x”."
    assert deleted % {"name": "doel", "obj": "x"} == "Verwijderd: doel “x”."
    assert "de %(object_name)s" not in asked and "%(object_name)s" in asked


# --- yes/no icons in the admin's language ----------------------------------------------------


def icon_texts(page):
    """The alt texts of the admin's yes/no/unknown icons in a page."""
    icon = r'<img src="[^"]*/admin/img/icon-(?:yes|no|unknown)\.svg" alt="([^"]*)"'
    return re.findall(icon, page)


def test_the_yes_no_icons_of_a_change_list_say_ja_and_nee_in_the_dutch_admin(as_projectteam):
    # The pages' list has two boolean columns: in the main navigation, in the footer.
    page = as_projectteam.get(reverse("admin:pages_page_changelist")).content.decode()
    texts = icon_texts(page)
    assert {"Ja", "Nee"} <= set(texts), texts
    assert set(texts) <= {"Ja", "Nee", "Onbekend"}, texts


def test_the_english_admin_says_yes_and_no(as_projectteam, settings):
    as_projectteam.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = as_projectteam.get(reverse("admin:pages_page_changelist")).content.decode()
    texts = icon_texts(page)
    assert {"Yes", "No"} <= set(texts), texts
    assert set(texts) <= {"Yes", "No", "Unknown"}, texts


def test_a_read_only_yes_no_field_says_ja_or_nee(client, coordinator, noord):
    # A coordinator who may not publish sees "published" read-only, as an icon.
    client.force_login(coordinator)
    page = client.get(change_url(noord)).content.decode()
    assert icon_texts(page) == ["Ja" if noord.is_published else "Nee"]


def test_djangos_user_list_says_ja_and_nee_too(client, superuser, projectteam):
    # Django's own user admin: "staff" (a field) and "second factor" (a display method).
    client.force_login(superuser)
    page = client.get(reverse("admin:auth_user_changelist")).content.decode()
    texts = icon_texts(page)
    assert "Ja" in texts and set(texts) <= {"Ja", "Nee"}, texts
    assert 'alt="True"' not in page and 'alt="False"' not in page


def test_the_icons_are_drawn_by_our_function_or_a_check_says_so():
    from django.core import checks

    found = [m.id for m in checks.run_checks(tags=[checks.Tags.admin])]
    assert "techniekpact.W001" not in found


def test_the_search_icon_of_a_change_list_is_named_in_the_admins_language(as_projectteam, settings):
    # Django's search_form.html says alt="Search" in every language; ours translates it.
    icon = 'src="/static/admin/img/search.svg" alt="{}"'
    page = as_projectteam.get(reverse("admin:pages_goal_changelist")).content.decode()
    assert icon.format("Zoeken") in page
    as_projectteam.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = as_projectteam.get(reverse("admin:pages_goal_changelist")).content.decode()
    assert icon.format("Search") in page


# --- language marks in change lists ----------------------------------------------------------


def rows(page):
    """The change list's rows, as HTML."""
    return re.findall(r'<tr>\s*<td class="action-checkbox">.*?</tr>', page, re.S)


@pytest.mark.parametrize(
    ("model", "language", "marked"),
    [
        ("pages_partner", "en", '<span lang="nl">VNO-NCW</span>'),
        ("pages_partner", "nl", '<span lang="en">Human Capital Agenda&#x27;s</span> van de'),
        ("regions_programme", "en", '<span lang="nl">Techniekpact Twente</span>'),
        ("regions_programme", "nl", '<span lang="en">Twente Board Development</span>'),
    ],
)
def test_change_lists_show_language_marks_as_marks_not_as_typed_tags(
    as_projectteam, settings, model, language, marked
):
    # Partner and programme names (and organisations, abbreviations) take <span lang> marks:
    # the list shows the mark, so the editor reads the name and a screen reader says it in
    # its own language, instead of showing "<span lang=...>" as typed.
    as_projectteam.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = as_projectteam.get(reverse(f"admin:{model}_changelist")).content.decode()
    listed = "".join(rows(page))
    assert marked in listed
    assert "&lt;span" not in listed


def test_a_marked_column_keeps_its_header_link_and_sorting(as_projectteam):
    address = reverse("admin:pages_partner_changelist")
    page = as_projectteam.get(address).content.decode()
    # The header is the field's name, sortable, and each name links to its change form.
    assert re.search(r'<th scope="col" class="sortable column-name[^"]*">', page)
    assert re.search(r'<th class="field-name"><a href="/admin/pages/partner/\d+/change/', page)
    sorted_page = as_projectteam.get(address + "?o=-1").content.decode()
    names = re.findall(r'<th class="field-name"><a [^>]*>(.*?)</a>', sorted_page)
    with translation.override("nl"):
        expected = [render_inline(p.name) for p in Partner.objects.order_by("-name", "-pk")]
    assert names == expected
