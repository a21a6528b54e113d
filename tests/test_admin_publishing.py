"""Drafts: never on the public site, previewable by staff; translation status in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from pages.models import Goal, Page
from regions.models import Landsdeel
from tests.admin_helpers import PASSWORD, urls

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
