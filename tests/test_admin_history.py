"""Nothing is lost: history, restore, recovery, old addresses; and logins are guarded."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from pages.models import Goal, Partner
from regions.models import Landsdeel, Programme
from tests.admin_helpers import PASSWORD, form_data, urls

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_projectteam(client, projectteam):
    client.force_login(projectteam)
    return client


def change(client, obj, **values):
    opts = obj._meta
    address = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = form_data(client.get(address))
    data.update(values, _publish="Publish")  # publish at once (a plain save keeps a draft)
    response = client.post(address, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj


def test_changing_a_slug_redirects_the_old_address_in_both_languages(client, as_projectteam):
    goal = Goal.objects.get(number=2)
    old = urls(goal)
    change(as_projectteam, goal, slug_nl="nieuw-adres", slug_en="new-address")
    new = urls(goal)
    assert new == {"nl": "/nl/doelen/nieuw-adres/", "en": "/en/goals/new-address/"}
    client.logout()
    for code in ("nl", "en"):
        response = client.get(old[code])
        assert response.status_code == 301
        assert response["Location"] == new[code]
        assert client.get(new[code]).status_code == 200


def test_a_landsdeel_slug_change_redirects_too_and_chains_end_at_the_current_address(
    client, as_projectteam
):
    landsdeel = Landsdeel.objects.get(slug_nl="oost")
    first = urls(landsdeel)
    change(as_projectteam, landsdeel, slug_en="east-netherlands")
    change(as_projectteam, landsdeel, slug_en="the-east")
    assert client.get(first["en"])["Location"] == "/en/regions/the-east/"
    assert client.get("/en/regions/east-netherlands/")["Location"] == "/en/regions/the-east/"
    # Taking an old address back makes it a live address again, not a redirect.
    change(as_projectteam, landsdeel, slug_en="east")
    assert client.get(first["en"]).status_code == 200
    assert client.get("/nl/landsdelen/bestaat-niet/").status_code == 404


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


def login(client, username, password):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index")},
    )


def test_five_failed_logins_lock_the_account_for_an_hour_until_reset(client, projectteam):
    for _attempt in range(4):
        assert login(client, "projectteam", "wrong-password").status_code == 200
    locked = login(client, "projectteam", "wrong-password")
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()
    # Even the right password does not get in now.
    assert login(client, "projectteam", PASSWORD).status_code == 429
    call_command("axes_reset_username", "projectteam", verbosity=0)
    assert login(client, "projectteam", PASSWORD).status_code == 302


def test_staff_sessions_expire(client, projectteam):
    response = login(client, "projectteam", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]  # ends with the browser
    assert client.session.get_expiry_age() == 8 * 60 * 60


def test_public_pages_set_no_cookies(client):
    for address in ["/nl/", "/en/regions/north/", "/nl/doelen/"]:
        response = client.get(address)
        assert response.status_code == 200
        assert not response.cookies


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


def test_an_old_address_of_a_hidden_item_answers_404_without_revealing_its_new_one(
    client, as_projectteam
):
    goal = Goal.objects.get(number=7)
    old = urls(goal)
    change(as_projectteam, goal, slug_nl="geheim-nieuw-adres", slug_en="secret-new-address")
    client.logout()
    assert client.get(old["nl"]).status_code == 301
    for hide in [
        {"is_published": False},
        {"publish_from": timezone.now() + timedelta(days=1)},  # scheduled, not yet visible
        {"publish_until": timezone.now() - timedelta(days=1)},  # expired
    ]:
        visible = {"is_published": True, "publish_from": None, "publish_until": None}
        Goal.objects.filter(pk=goal.pk).update(**{**visible, **hide})
        for code in ("nl", "en"):
            response = client.get(old[code])
            assert response.status_code == 404, hide
            assert "Location" not in response
            assert "secret-new-address" not in response.content.decode()
            assert "geheim-nieuw-adres" not in response.content.decode()
    Goal.objects.filter(pk=goal.pk).update(is_published=True, publish_from=None, publish_until=None)
    assert client.get(old["en"])["Location"] == "/en/goals/secret-new-address/"
