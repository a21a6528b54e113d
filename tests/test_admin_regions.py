"""A regional coordinator keeps their own landsdeel up to date and can touch nothing else.

Allowed/denied pairs: the Noord coordinator on Noord (allowed) and on Oost (denied), for the
landsdeel itself, its programmes and its coverage inline; the project team for contrast.
"""

import pytest
from django.urls import reverse

from regions.models import Landsdeel, Programme
from techniekpact import workflow
from tests.support.admin_helpers import form_data

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"admin:regions_{name}", args=args)


def programme_of(landsdeel):
    return Programme.objects.filter(landsdeel=landsdeel).first()


def test_coordinator_admin_index_shows_only_region_models(as_coordinator):
    page = as_coordinator.get(reverse("admin:index")).content.decode()
    assert url("landsdeel_changelist") in page
    assert url("programme_changelist") in page
    for other in ["pages/goal", "pages/partner", "pages/page", "faq/", "auth/user", "auth/group"]:
        assert f"/admin/{other}" not in page


@pytest.mark.parametrize(
    "address",
    [
        "admin:pages_goal_changelist",
        "admin:pages_partner_changelist",
        "admin:pages_page_changelist",
        "admin:faq_question_changelist",
        "admin:auth_user_changelist",
        "admin:auth_group_changelist",
        "admin:regions_province_changelist",
        "admin:regions_regionmembership_changelist",
    ],
)
def test_coordinator_cannot_open_other_content_users_or_groups(as_coordinator, address):
    assert as_coordinator.get(reverse(address)).status_code == 403


def test_coordinator_cannot_change_own_user_rights(as_coordinator, coordinator):
    response = as_coordinator.get(reverse("admin:auth_user_change", args=[coordinator.pk]))
    assert response.status_code == 403


def test_coordinator_lists_only_their_landsdeel(as_coordinator, noord, oost):
    response = as_coordinator.get(url("landsdeel_changelist"))
    assert list(response.context["cl"].queryset) == [noord]


def test_projectteam_lists_every_landsdeel(as_projectteam):
    response = as_projectteam.get(url("landsdeel_changelist"))
    assert response.context["cl"].queryset.count() == Landsdeel.objects.count() == 5


def test_coordinator_lists_and_filters_only_their_programmes(as_coordinator, noord, oost):
    response = as_coordinator.get(url("programme_changelist"))
    shown = list(response.context["cl"].queryset)
    assert shown and all(p.landsdeel == noord for p in shown)
    page = response.content.decode()
    assert f"landsdeel__id__exact={oost.pk}" not in page
    assert programme_of(oost).name not in page


def test_coordinator_opens_own_landsdeel_with_name_and_slug_read_only(as_coordinator, noord):
    response = as_coordinator.get(url("landsdeel_change", noord.pk))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert {"summary_nl", "summary_en", "body_nl", "body_en", "contact_nl", "contact_en"} <= set(
        form.fields
    )
    assert not {"name_nl", "name_en", "slug_nl", "slug_en"} & set(form.fields)
    # Provinces covered: shown, read-only, only Noord's.
    (coverages,) = response.context["inline_admin_formsets"]
    assert not coverages.has_change_permission and not coverages.has_add_permission
    assert {c.landsdeel for c in coverages.formset.queryset} == {noord}


def test_projectteam_may_change_name_and_slug(as_projectteam, oost):
    response = as_projectteam.get(url("landsdeel_change", oost.pk))
    assert {"name_nl", "slug_en"} <= set(response.context["adminform"].form.fields)


@pytest.mark.parametrize("view", ["landsdeel_change", "landsdeel_delete", "landsdeel_history"])
def test_coordinator_cannot_open_another_landsdeel(as_coordinator, oost, view):
    assert as_coordinator.get(url(view, oost.pk)).status_code == 403


def test_coordinator_may_open_own_history_but_not_delete(as_coordinator, noord):
    assert as_coordinator.get(url("landsdeel_history", noord.pk)).status_code == 200
    assert as_coordinator.get(url("landsdeel_delete", noord.pk)).status_code == 403


def test_coordinator_cannot_add_landsdelen(as_coordinator):
    assert as_coordinator.get(url("landsdeel_add")).status_code == 403


def test_coordinator_updates_own_texts_but_not_the_name(as_coordinator, noord):
    data = form_data(as_coordinator.get(url("landsdeel_change", noord.pk)))
    data.update(summary_nl="Nieuwe samenvatting", summary_en="New summary", name_nl="Gekaapt")
    response = as_coordinator.post(url("landsdeel_change", noord.pk), data)
    assert response.status_code == 302
    # Kept as a draft change for review: the texts are in it, the name is not.
    draft = workflow.working_version(noord)
    assert (draft.summary_nl, draft.summary_en) == ("Nieuwe samenvatting", "New summary")
    assert draft.name_nl == "Noord"


def test_forged_post_on_another_landsdeel_changes_nothing(as_coordinator, oost):
    before = oost.summary_nl
    response = as_coordinator.post(
        url("landsdeel_change", oost.pk),
        {"summary_nl": "Gekaapt", "summary_en": "Hijacked", "body_nl": "x", "body_en": "x"},
    )
    assert response.status_code == 403
    oost.refresh_from_db()
    assert oost.summary_nl == before


def test_forged_delete_of_another_landsdeel_deletes_nothing(as_coordinator, oost):
    response = as_coordinator.post(url("landsdeel_delete", oost.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Landsdeel.objects.filter(pk=oost.pk).exists()


# Programmes


@pytest.mark.parametrize("view", ["programme_change", "programme_delete", "programme_history"])
def test_coordinator_opens_own_programme_pages(as_coordinator, noord, view):
    assert as_coordinator.get(url(view, programme_of(noord).pk)).status_code == 200


@pytest.mark.parametrize("view", ["programme_change", "programme_delete", "programme_history"])
def test_coordinator_cannot_open_another_landsdeels_programme(as_coordinator, oost, view):
    assert as_coordinator.get(url(view, programme_of(oost).pk)).status_code == 403


def test_coordinator_edits_own_programme(as_coordinator, noord):
    programme = programme_of(noord)
    data = form_data(as_coordinator.get(url("programme_change", programme.pk)))
    data["description_en"] = "Updated in English."
    assert as_coordinator.post(url("programme_change", programme.pk), data).status_code == 302
    assert workflow.working_version(programme).description_en == "Updated in English."


def test_coordinator_cannot_move_own_programme_to_another_landsdeel(as_coordinator, noord, oost):
    programme = programme_of(noord)
    response = as_coordinator.get(url("programme_change", programme.pk))
    choices = response.context["adminform"].form.fields["landsdeel"].queryset
    assert list(choices) == [noord]
    data = form_data(response)
    data["landsdeel"] = oost.pk
    response = as_coordinator.post(url("programme_change", programme.pk), data)
    assert response.status_code == 200  # the form again, with an error
    assert response.context["adminform"].form.errors["landsdeel"]
    programme.refresh_from_db()
    assert programme.landsdeel == noord


def test_coordinator_cannot_add_a_programme_to_another_landsdeel(as_coordinator, noord, oost):
    data = form_data(as_coordinator.get(url("programme_add")))
    data.update(landsdeel=oost.pk, name_nl="Ondergeschoven", order=1)
    as_coordinator.post(url("programme_add"), data)
    assert not Programme.objects.filter(name_nl="Ondergeschoven").exists()
    data["landsdeel"] = noord.pk
    assert as_coordinator.post(url("programme_add"), data).status_code == 302
    assert Programme.objects.get(name_nl="Ondergeschoven").landsdeel == noord


def test_coordinator_deletes_own_programme_but_not_anothers(as_coordinator, noord, oost):
    own, other = programme_of(noord), programme_of(oost)
    assert as_coordinator.post(url("programme_delete", own.pk), {"post": "yes"}).status_code == 302
    assert not Programme.objects.filter(pk=own.pk).exists()
    assert (
        as_coordinator.post(url("programme_delete", other.pk), {"post": "yes"}).status_code == 403
    )
    assert Programme.objects.filter(pk=other.pk).exists()


def test_coordinator_bulk_delete_reaches_only_own_programmes(as_coordinator, noord, oost):
    ids = list(Programme.objects.values_list("pk", flat=True))
    as_coordinator.post(
        url("programme_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert not Programme.objects.filter(landsdeel=noord).exists()
    assert Programme.objects.filter(landsdeel=oost).exists()


# History and recovery are scoped too.


def test_coordinator_recovers_only_own_deleted_programmes(
    client, as_projectteam, projectteam, coordinator, noord, oost
):
    own, other = programme_of(noord), programme_of(oost)
    for programme in (own, other):
        as_projectteam.post(url("programme_delete", programme.pk), {"post": "yes"})
    client.force_login(coordinator)
    response = client.get(url("programme_recoverlist"))
    assert response.status_code == 200
    deleted = list(response.context["deleted"])
    assert {v.object_id for v in deleted} == {str(own.pk)}
    from reversion.models import Version

    other_version = Version.objects.get_deleted(Programme).get(object_id=str(other.pk))
    assert client.get(url("programme_recover", other_version.pk)).status_code == 404
    own_version = deleted[0]
    data = form_data(client.get(url("programme_recover", own_version.pk)))
    assert client.post(url("programme_recover", own_version.pk), data).status_code == 302
    assert Programme.objects.filter(pk=own.pk).exists()
    assert not Programme.objects.filter(pk=other.pk).exists()


def test_coordinator_cannot_see_or_compare_another_landsdeels_versions(
    as_projectteam, client, coordinator, oost
):
    data = form_data(as_projectteam.get(url("landsdeel_change", oost.pk)))
    data["summary_nl"] = "Tweede versie"
    as_projectteam.post(url("landsdeel_change", oost.pk), data)
    from reversion.models import Version

    version = Version.objects.get_for_object(oost).first()
    client.force_login(coordinator)
    assert client.get(url("landsdeel_revision", oost.pk, version.pk)).status_code == 403
    assert client.get(url("landsdeel_compare", oost.pk)).status_code == 403
    assert client.post(url("landsdeel_revision", oost.pk, version.pk), data).status_code == 403


# Restoring versions: reversion reverts every field of every item in a revision, so a
# coordinator restores only their programmes; landsdelen are restored by the project team.

RESTORE_REFUSED = "Alleen het projectteam mag een landsdeel terugzetten of herstellen"


def team_reshapes(client, landsdeel):
    """The project team renames the landsdeel, moves it, unpublishes it and drops a coverage."""
    response = client.get(url("landsdeel_change", landsdeel.pk))
    data = form_data(response)
    prefix = response.context["inline_admin_formsets"][0].formset.prefix
    data.update(name_nl="Nieuwe naam", slug_nl="nieuw-noord", **{f"{prefix}-0-DELETE": "on"})
    data.pop("is_published")  # an unticked checkbox
    assert client.post(url("landsdeel_change", landsdeel.pk), data).status_code == 302
    landsdeel.refresh_from_db()
    return landsdeel


def shape(landsdeel):
    landsdeel.refresh_from_db()
    coverages = set(landsdeel.coverages.values_list("pk", flat=True))
    return landsdeel.name_nl, landsdeel.slug_nl, landsdeel.is_published, coverages


def test_projectteam_may_restore_a_landsdeel_version(as_projectteam, noord):
    before = shape(noord)
    team_reshapes(as_projectteam, noord)
    assert shape(noord) != before
    from reversion.models import Version

    oldest = Version.objects.get_for_object(noord).last()
    revision_url = url("landsdeel_revision", noord.pk, oldest.pk)
    data = form_data(as_projectteam.get(revision_url))
    assert as_projectteam.post(revision_url, data).status_code == 302
    assert shape(noord) == before


def test_coordinator_cannot_restore_a_landsdeel_version(client, projectteam, coordinator, noord):
    client.force_login(projectteam)
    reshaped = shape(team_reshapes(client, noord))
    from reversion.models import Version

    oldest = Version.objects.get_for_object(noord).last()
    client.force_login(coordinator)
    data = form_data(client.get(url("landsdeel_change", noord.pk)))
    revision_url = url("landsdeel_revision", noord.pk, oldest.pk)
    for response in [client.get(revision_url), client.post(revision_url, data)]:
        assert response.status_code == 403
        assert RESTORE_REFUSED in response.content.decode()
    assert shape(noord) == reshaped
    # History and comparing versions stay open to the coordinator.
    assert client.get(url("landsdeel_history", noord.pk)).status_code == 200
    newest = Version.objects.get_for_object(noord).first()
    compare = {"version_id1": oldest.pk, "version_id2": newest.pk}
    assert client.get(url("landsdeel_compare", noord.pk), compare).status_code == 200


def test_coordinator_cannot_recover_a_landsdeel(client, as_projectteam, coordinator, oost):
    as_projectteam.post(url("landsdeel_delete", oost.pk), {"post": "yes"})
    from reversion.models import Version

    version = Version.objects.get_deleted(Landsdeel).get(object_id=str(oost.pk))
    client.force_login(coordinator)
    for response in [
        client.get(url("landsdeel_recover", version.pk)),
        client.post(url("landsdeel_recover", version.pk), {"name_nl": "Oost"}),
    ]:
        assert response.status_code == 403
        assert RESTORE_REFUSED in response.content.decode()
    assert not Landsdeel.objects.filter(pk=oost.pk).exists()


def test_coordinator_may_restore_own_programme_text(as_coordinator, noord):
    programme = programme_of(noord)
    original = (programme.description_nl, programme.description_en)
    data = form_data(as_coordinator.get(url("programme_change", programme.pk)))
    data.update(description_nl="Vergissing", description_en="Mistake")
    assert as_coordinator.post(url("programme_change", programme.pk), data).status_code == 302
    from reversion.models import Version

    oldest = Version.objects.get_for_object(programme).last()
    revision_url = url("programme_revision", programme.pk, oldest.pk)
    data = form_data(as_coordinator.get(revision_url))
    assert as_coordinator.post(revision_url, data).status_code == 302
    programme.refresh_from_db()
    assert (programme.description_nl, programme.description_en) == original


def test_coordinator_cannot_restore_a_programme_version_saved_with_its_landsdeel(
    client, superuser, coordinator, noord
):
    """Deleting a landsdeel snapshots it with its programmes in one revision: restoring that
    version of a programme would also restore the landsdeel's name, slug and coverages."""
    from reversion.models import Version

    from regions.models import RegionMembership

    programme = programme_of(noord)
    # Deleting a landsdeel also deletes its coordinators' memberships: for a superuser only.
    client.force_login(superuser)
    assert client.post(url("landsdeel_delete", noord.pk), {"post": "yes"}).status_code == 302
    version = Version.objects.get_deleted(Landsdeel).get(object_id=str(noord.pk))
    recover = url("landsdeel_recover", version.pk)
    assert client.post(recover, form_data(client.get(recover))).status_code == 302
    # The coordinator's membership came back with the landsdeel.
    assert RegionMembership.objects.filter(user=coordinator, landsdeel_id=noord.pk).exists()
    reshaped = shape(team_reshapes(client, noord))

    deleted = Version.objects.get_for_object(programme).get(revision=version.revision)
    client.force_login(coordinator)
    revision_url = url("programme_revision", programme.pk, deleted.pk)
    data = form_data(client.get(url("programme_change", programme.pk)))
    response = client.post(revision_url, data)
    assert response.status_code == 403
    assert "alleen het projectteam mag haar terugzetten" in response.content.decode()
    assert shape(noord) == reshaped
