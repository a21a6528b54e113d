"""Drafts: never on the public site, previewable by staff; translation status in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from pages.models import Goal, Page
from regions.models import Landsdeel
from tests.support.admin_helpers import PASSWORD, urls
from tests.support.htmlpage import parse

pytestmark = pytest.mark.django_db

BANNER = {
    "nl": "Voorbeeld: dit item is niet gepubliceerd",
    "en": "Preview: this item is not published",
}


@pytest.fixture
def draft_goal(db):
    goal = Goal.objects.get(number=3)
    goal.is_published = False
    goal.save()
    return goal


@pytest.fixture
def draft_items(draft_goal):
    page = Page.objects.first()
    page.publish_from = timezone.now() + timezone.timedelta(days=7)  # scheduled: not yet
    page.save()
    landsdeel = Landsdeel.objects.get(slug_nl="zuidwest")
    landsdeel.is_published = False
    landsdeel.save()
    return [draft_goal, page, landsdeel]


def test_drafts_answer_404_to_visitors(client, draft_items):
    for obj in draft_items:
        for address in urls(obj).values():
            response = client.get(address)
            assert response.status_code == 404, address
            assert "Set-Cookie" not in response.headers


def test_staff_preview_drafts_with_a_banner_and_no_caching(client, projectteam, draft_items):
    client.force_login(projectteam)
    for obj in draft_items:
        for code, address in urls(obj).items():
            response = client.get(address)
            assert response.status_code == 200, address
            assert BANNER[code] in response.content.decode()
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]


def test_published_items_have_no_banner_even_for_staff(client, projectteam):
    client.force_login(projectteam)
    response = client.get(urls(Goal.objects.get(number=1))["nl"])
    assert BANNER["nl"] not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")


def test_staff_without_view_permission_get_404_for_a_draft(client, coordinator, draft_goal):
    client.force_login(coordinator)
    assert client.get(urls(draft_goal)["nl"]).status_code == 404


def test_a_non_staff_user_gets_404_for_a_draft(client, draft_goal):
    user = get_user_model().objects.create_user("visitor", password=PASSWORD)
    client.force_login(user)
    assert client.get(urls(draft_goal)["nl"]).status_code == 404


def test_view_on_site_leads_to_the_preview(client, projectteam, draft_goal):
    client.force_login(projectteam)
    change = client.get(reverse("admin:pages_goal_change", args=[draft_goal.pk]))
    page = change.content.decode()
    assert "Publicatie" in page
    shortcut = change.context["original"]
    response = client.get(
        reverse("admin:view_on_site", args=[change.context["content_type_id"], shortcut.pk]),
        follow=True,
    )
    assert response.status_code == 200
    assert BANNER["nl"] in response.content.decode()


def test_lists_show_and_filter_publication(client, projectteam, draft_goal):
    client.force_login(projectteam)
    response = client.get(reverse("admin:pages_goal_changelist"), {"is_published__exact": "0"})
    assert list(response.context["cl"].queryset) == [draft_goal]


def test_translation_status_column_filter_and_home_list(client, projectteam):
    goal = Goal.objects.get(number=5)
    goal.summary_en = ""
    goal.save()
    client.force_login(projectteam)
    response = client.get(reverse("admin:pages_goal_changelist"), {"translation": "en"})
    assert list(response.context["cl"].queryset) == [goal]
    assert "ontbreekt: Engels" in response.content.decode()
    complete = client.get(reverse("admin:pages_goal_changelist"), {"translation": "complete"})
    assert goal not in complete.context["cl"].queryset
    home = client.get(reverse("admin:index")).content.decode()
    assert "Nog te vertalen" in home
    assert reverse("admin:pages_goal_change", args=[goal.pk]) in home


def test_coordinator_home_list_shows_only_their_landsdeel(client, coordinator):
    for landsdeel in Landsdeel.objects.all():
        landsdeel.contact_en = ""
        landsdeel.contact_nl = "Neem contact op."
        landsdeel.save()
    client.force_login(coordinator)
    home = client.get(reverse("admin:index")).content.decode()
    noord, oost = Landsdeel.objects.get(slug_nl="noord"), Landsdeel.objects.get(slug_nl="oost")
    assert reverse("admin:regions_landsdeel_change", args=[noord.pk]) in home
    assert reverse("admin:regions_landsdeel_change", args=[oost.pk]) not in home


@pytest.fixture
def draft_landsdelen(db):
    Landsdeel.objects.filter(slug_nl__in=["noord", "oost"]).update(is_published=False)


def test_a_coordinator_previews_only_their_own_landsdeel(
    client, coordinator, draft_landsdelen, oost
):
    client.force_login(coordinator)
    for address in urls(oost).values():
        assert client.get(address).status_code == 404, address
    response = client.get("/nl/landsdelen/noord/")
    assert response.status_code == 200
    assert BANNER["nl"] in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("user", ["projectteam", "superuser"])
def test_the_project_team_previews_every_landsdeel(request, client, user, draft_landsdelen):
    client.force_login(request.getfixturevalue(user))
    for address in ["/nl/landsdelen/oost/", "/nl/landsdelen/noord/"]:
        response = client.get(address)
        assert response.status_code == 200, address
        assert BANNER["nl"] in response.content.decode()


def test_previewable_by_follows_the_region_scope(coordinator, projectteam, noord, oost):
    from regions.models import Programme

    assert list(Landsdeel.objects.previewable_by(coordinator)) == [noord]
    assert Landsdeel.objects.previewable_by(projectteam).count() == 5
    programmes = Programme.objects.previewable_by(coordinator)
    assert programmes.exists()
    assert set(programmes.values_list("landsdeel", flat=True)) == {noord.pk}
    assert not Goal.objects.previewable_by(coordinator).exists()
    assert Goal.objects.previewable_by(projectteam).count() == Goal.objects.count()
    visitor = get_user_model().objects.create_user("visitor", password=PASSWORD)
    assert not Landsdeel.objects.previewable_by(visitor).exists()


# Drafts inside list pages: programmes, FAQ questions and categories, partners, milestones.

BADGE = {"nl": "Concept — niet gepubliceerd", "en": "Draft — not published"}
LIST_BANNER = {
    "nl": "Voorbeeld: deze pagina toont ook items die niet gepubliceerd zijn",
    "en": "Preview: this page also shows items that are not published",
}


def make_draft(obj, **values):
    values = {"is_published": False, **values}
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    return obj


@pytest.fixture
def listed_drafts(db, noord):
    """Per list page a draft on it, with a text found nowhere else: {item: text}."""
    from faq.models import Category, Question
    from pages.models import Milestone, Partner
    from regions.models import Programme

    hidden = {"is_published": False}
    expired = {"is_published": True, "publish_until": timezone.now()}  # outside its window
    drafts = [
        (Question.objects.visible().first(), "question_nl", hidden),
        (Category.objects.published().last(), "name_nl", hidden),
        (Partner.objects.first(), "name_nl", hidden),
        (Milestone.objects.first(), "title_nl", expired),
        (Programme.objects.filter(landsdeel=noord).first(), "name_nl", hidden),
    ]
    texts = {}
    for obj, field, values in drafts:
        texts[obj] = f"Conceptitem {obj._meta.model_name}"
        make_draft(obj, **{field: texts[obj], **values})
    return texts


def list_page(obj):
    return urls(obj)["nl"].split("#")[0]


def test_visitors_see_no_draft_in_a_list_page(client, listed_drafts):
    for obj, text in listed_drafts.items():
        response = client.get(list_page(obj))
        assert response.status_code == 200
        page = response.content.decode()
        assert text not in page, obj
        assert BADGE["nl"] not in page and LIST_BANNER["nl"] not in page
        assert "no-store" not in response.get("Cache-Control", "")


def test_the_project_team_sees_drafts_in_list_pages_marked_with_a_banner(
    client, projectteam, listed_drafts
):
    client.force_login(projectteam)
    for obj, text in listed_drafts.items():
        response = client.get(list_page(obj))
        assert response.status_code == 200
        page = response.content.decode()
        assert text in page, obj
        assert BADGE["nl"] in page and LIST_BANNER["nl"] in page
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
    with translation.override("en"):
        english = client.get(reverse("faq:index")).content.decode()
    assert BADGE["en"] in english and LIST_BANNER["en"] in english


def test_a_draft_is_marked_and_published_items_are_not(client, projectteam, listed_drafts):
    from pages.models import Partner

    client.force_login(projectteam)
    page = client.get(reverse("pages:partners")).content.decode()
    assert page.count("badge--draft") == 1
    (draft,) = [p for p in Partner.objects.all() if not p.is_published]
    item = page.split(f'id="{draft.anchor}"', 1)[1].split("</li>", 1)[0]
    assert "badge--draft" in item


def test_staff_without_drafts_on_the_page_get_no_banner(client, projectteam):
    client.force_login(projectteam)
    response = client.get(reverse("pages:partners"))
    assert LIST_BANNER["nl"] not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_coordinator_previews_only_their_own_programmes(client, coordinator, noord, oost):
    from faq.models import Question
    from regions.models import Programme

    own = make_draft(Programme.objects.filter(landsdeel=noord).first(), name_nl="Concept Noord")
    other = make_draft(Programme.objects.filter(landsdeel=oost).first(), name_nl="Concept Oost")
    question = make_draft(Question.objects.visible().first(), question_nl="Conceptvraag?")
    client.force_login(coordinator)
    response = client.get("/nl/landsdelen/noord/")
    page = response.content.decode()
    assert own.name_nl in page and BADGE["nl"] in page and LIST_BANNER["nl"] in page
    assert "no-store" in response["Cache-Control"]
    response = client.get("/nl/landsdelen/oost/")
    assert response.status_code == 200
    page = response.content.decode()
    assert other.name_nl not in page and BADGE["nl"] not in page and LIST_BANNER["nl"] not in page
    # No view permission on the FAQ: nothing of it to preview.
    response = client.get(reverse("faq:index"))
    assert question.question_nl not in response.content.decode()
    assert BADGE["nl"] not in response.content.decode()


def test_visible_to_is_published_for_visitors_and_adds_previewable_drafts_for_staff(
    coordinator, projectteam, noord, oost
):
    from django.contrib.auth.models import AnonymousUser

    from regions.models import Programme

    own = make_draft(Programme.objects.filter(landsdeel=noord).first())
    other = make_draft(Programme.objects.filter(landsdeel=oost).first())
    published = set(Programme.objects.published())
    assert set(Programme.objects.visible_to(AnonymousUser())) == published
    assert not any(p.is_draft for p in Programme.objects.visible_to(AnonymousUser()))
    shown = {p: p.is_draft for p in Programme.objects.visible_to(coordinator)}
    assert set(shown) == published | {own} and shown[own] and other not in shown
    assert sum(shown.values()) == 1
    assert set(Programme.objects.visible_to(projectteam)) == published | {own, other}


@pytest.mark.parametrize(
    ("label", "anchor"),
    [
        ("regions.Programme", "programme-"),
        ("faq.Question", ""),
        ("faq.Category", ""),
        ("pages.Partner", "partner-"),
        ("pages.Milestone", "milestone-"),
    ],
)
def test_view_on_site_lands_on_the_draft_in_its_list_page(client, projectteam, label, anchor):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    model = apps.get_model(label)
    obj = make_draft(model.objects.first())
    client.force_login(projectteam)
    opts = model._meta
    change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    shortcut = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(obj).pk, obj.pk]
    )
    assert shortcut in change.content.decode()
    response = client.get(shortcut)
    assert response.status_code == 302
    address, fragment = response["Location"].split("#")
    assert fragment.startswith(anchor) and fragment
    page = client.get(address)
    assert page.status_code == 200
    assert fragment in parse(page.content.decode()).ids
    assert BADGE["nl"] in page.content.decode()
