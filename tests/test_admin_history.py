"""Nothing is lost: history, restore and recovery of deleted items."""

import pytest
from django.urls import reverse
from reversion.models import Version

from pages.models import Goal, Partner
from regions.models import Landsdeel, Programme
from tests.support.admin_helpers import change_and_publish as change
from tests.support.admin_helpers import form_data, urls

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_what_and_restore_brings_back_both_languages(
    as_projectteam, projectteam
):
    goal = Goal.objects.get(number=4)
    original = (goal.summary_nl, goal.summary_en)
    change(as_projectteam, goal, summary_nl="Verkeerd", summary_en="Wrong")
    history = as_projectteam.get(reverse("admin:pages_goal_history", args=[goal.pk]))
    page = history.content.decode()
    assert projectteam.username in page
    versions = Version.objects.get_for_object(goal)
    assert versions.count() == 2  # before the first change, and the change
    newest, oldest = versions[0], versions[1]
    compare = as_projectteam.get(
        reverse("admin:pages_goal_compare", args=[goal.pk]),
        {"version_id1": oldest.pk, "version_id2": newest.pk},
    )
    assert compare.status_code == 200
    assert "Verkeerd" in compare.content.decode()
    revision_url = reverse("admin:pages_goal_revision", args=[goal.pk, oldest.pk])
    data = form_data(as_projectteam.get(revision_url))
    assert as_projectteam.post(revision_url, data).status_code == 302
    goal.refresh_from_db()
    assert (goal.summary_nl, goal.summary_en) == original


def test_a_deleted_item_can_be_recovered(as_projectteam):
    partner = Partner.objects.first()
    name = partner.name_nl
    as_projectteam.post(reverse("admin:pages_partner_delete", args=[partner.pk]), {"post": "yes"})
    assert not Partner.objects.filter(pk=partner.pk).exists()
    listing = as_projectteam.get(reverse("admin:pages_partner_recoverlist"))
    assert name in listing.content.decode()
    version = Version.objects.get_deleted(Partner).get(object_id=str(partner.pk))
    recover = reverse("admin:pages_partner_recover", args=[version.pk])
    assert as_projectteam.post(recover, form_data(as_projectteam.get(recover))).status_code == 302
    assert Partner.objects.get(pk=partner.pk).name_nl == name


def test_a_deleted_landsdeel_comes_back_with_its_programmes(as_projectteam):
    landsdeel = Landsdeel.objects.get(slug_nl="noordwest")
    programmes = set(landsdeel.programmes.values_list("pk", flat=True))
    coverages = set(landsdeel.coverages.values_list("pk", flat=True))
    assert programmes
    as_projectteam.post(
        reverse("admin:regions_landsdeel_delete", args=[landsdeel.pk]), {"post": "yes"}
    )
    assert not Programme.objects.filter(pk__in=programmes).exists()
    version = Version.objects.get_deleted(Landsdeel).get(object_id=str(landsdeel.pk))
    recover = reverse("admin:regions_landsdeel_recover", args=[version.pk])
    assert as_projectteam.post(recover, form_data(as_projectteam.get(recover))).status_code == 302
    landsdeel = Landsdeel.objects.get(pk=landsdeel.pk)
    assert set(landsdeel.programmes.values_list("pk", flat=True)) == programmes
    assert set(landsdeel.coverages.values_list("pk", flat=True)) == coverages


def test_an_edit_is_on_the_public_site_at_once_in_both_languages(client, as_projectteam):
    goal = Goal.objects.get(number=1)
    pages = urls(goal)
    for address in pages.values():
        client.get(address)  # a first visit, as if something could cache it
    change(as_projectteam, goal, summary_nl="Direct zichtbaar", summary_en="Visible at once")
    client.logout()
    assert "Direct zichtbaar" in client.get(pages["nl"]).content.decode()
    assert "Visible at once" in client.get(pages["en"]).content.decode()


def test_done_when_the_noord_coordinator_edits_noord_and_the_project_team_undoes_it(
    client, coordinator, projectteam
):
    noord = Landsdeel.objects.get(slug_nl="noord")
    oost = Landsdeel.objects.get(slug_nl="oost")
    original = (noord.summary_nl, noord.summary_en)
    # A coordinator the project team trusts publishes directly (the others submit for review).
    coordinator.region_memberships.update(may_publish=True)

    client.force_login(coordinator)
    listing = client.get(reverse("admin:regions_landsdeel_changelist"))
    assert list(listing.context["cl"].queryset) == [noord]
    change(client, noord, summary_nl="Noord in het nieuws", summary_en="North in the news")
    assert "Noord in het nieuws" in client.get("/nl/landsdelen/noord/").content.decode()
    assert "North in the news" in client.get("/en/regions/north/").content.decode()
    for view in ["change", "delete", "history"]:
        address = reverse(f"admin:regions_landsdeel_{view}", args=[oost.pk])
        assert client.get(address).status_code == 403
        assert client.post(address, {"summary_nl": "x", "post": "yes"}).status_code == 403
    oost.refresh_from_db()
    assert oost.summary_nl != "x"

    client.force_login(projectteam)
    history = client.get(reverse("admin:regions_landsdeel_history", args=[noord.pk]))
    assert coordinator.username in history.content.decode()
    before = Version.objects.get_for_object(noord)[1]
    revision_url = reverse("admin:regions_landsdeel_revision", args=[noord.pk, before.pk])
    assert client.post(revision_url, form_data(client.get(revision_url))).status_code == 302
    noord.refresh_from_db()
    assert (noord.summary_nl, noord.summary_en) == original
    client.logout()
    assert original[0] in client.get("/nl/landsdelen/noord/").content.decode()
    assert "North in the news" not in client.get("/en/regions/north/").content.decode()


def bulk_delete(client, model, objs):
    opts = model._meta
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [o.pk for o in objs], "post": "yes"},
    )
    assert response.status_code == 302
    assert not model.objects.filter(pk__in=[o.pk for o in objs]).exists()


def recover(client, model, pk):
    opts = model._meta
    version = Version.objects.get_deleted(model).get(object_id=str(pk))
    address = reverse(f"admin:{opts.app_label}_{opts.model_name}_recover", args=[version.pk])
    assert client.post(address, form_data(client.get(address))).status_code == 302
    return model.objects.get(pk=pk)


def test_bulk_deleted_goals_can_be_recovered_one_by_one_in_both_languages(as_projectteam):
    goal, other = Goal.objects.get(number=5), Goal.objects.get(number=6)
    texts = (goal.title_nl, goal.title_en, goal.summary_nl, goal.summary_en)
    bulk_delete(as_projectteam, Goal, [goal, other])
    listing = as_projectteam.get(reverse("admin:pages_goal_recoverlist")).content.decode()
    assert goal.title_nl in listing and other.title_nl in listing
    goal = recover(as_projectteam, Goal, goal.pk)
    assert (goal.title_nl, goal.title_en, goal.summary_nl, goal.summary_en) == texts
    # Each item has its own revision: recovering one does not bring back the other.
    assert not Goal.objects.filter(pk=other.pk).exists()


def test_a_coordinator_recovers_their_bulk_deleted_programme_in_both_languages(client, coordinator):
    noord = Landsdeel.objects.get(slug_nl="noord")
    programme = noord.programmes.first()
    programme.description_en = "In English."
    programme.save()
    texts = (programme.name_nl, programme.name_en, programme.description_nl, "In English.")
    client.force_login(coordinator)
    bulk_delete(client, Programme, [programme])
    programme = recover(client, Programme, programme.pk)
    assert (
        programme.name_nl,
        programme.name_en,
        programme.description_nl,
        programme.description_en,
    ) == texts
    assert programme.landsdeel == noord
