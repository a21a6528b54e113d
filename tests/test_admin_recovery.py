"""Nothing an editor does can lose content for good.

Every content type is deleted and recovered through the admin; provinces stay while a landsdeel
(live, or deleted and still recoverable) covers them; provinces and coordinators' memberships
have history; a recovery that cannot be done says why in Dutch (the admin's language) and
changes nothing, instead of a server error.
"""

import pytest
import reversion
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.messages import get_messages
from django.core import serializers
from django.db import models
from django.urls import reverse
from django.utils.html import escape
from reversion.models import Version

from faq.models import Category
from pages.models import Goal, Pact
from regions.models import Coverage, Landsdeel, Province, RegionMembership
from techniekpact.admin import ContentAdmin, HistoryMixin
from techniekpact.models import SlugRedirect
from tests.support.admin_helpers import StaffClient, form_data

pytestmark = pytest.mark.django_db


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def deleted_version(model, pk):
    return Version.objects.get_deleted(model).get(object_id=str(pk))


def recover(client, model, pk):
    """Open the recovery form of a deleted item and save it, as an editor does."""
    address = admin_url(model, "recover", deleted_version(model, pk).pk)
    form = client.get(address)
    assert form.status_code == 200, address
    return client.post(address, form_data(form))


def texts_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def as_data(objs):
    """Every field of every item, to compare before deletion and after recovery: except when
    it was last changed (saving the recovery form is a change), and with an empty translation
    as empty whether the fixture's "" or the admin form's None."""
    return sorted(
        (
            item["model"],
            str(item["pk"]),
            sorted(
                (k, "" if v is None else v) for k, v in item["fields"].items() if k != "updated_at"
            ),
        )
        for item in serializers.serialize("python", objs)
    )


def cascade_of(obj):
    """The item and everything its deletion takes with it."""
    collector = NestedObjects(using="default")
    collector.collect([obj])
    return [item for instances in collector.data.values() for item in instances]


# Every content type, deleted and recovered.

CONTENT_MODELS = sorted(
    (
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, ContentAdmin)
    ),
    key=lambda model: model._meta.label,
)
NEVER_DELETED = {Pact}  # the one pact record: its admin refuses deletion altogether


def an_item(model):
    """An item of `model` to delete, with what it takes with it where it has any."""
    # Items that protect what they hold get an empty one: every province is covered by a
    # landsdeel (tested below), every FAQ category holds questions.
    if model is Province:
        return Province.objects.create(code="PV99", name_nl="Proefland", name_en="Testland")
    if model is Category:
        return Category.objects.create(name_nl="Proef", name_en="Trial", slug_nl="proef")
    if model is Landsdeel:
        return Landsdeel.objects.get(slug_nl="noordwest")  # with programmes and coverages
    return model._default_manager.order_by("pk").first()


def test_the_content_admins_are_all_there():
    labels = {model._meta.label for model in CONTENT_MODELS}
    assert {"pages.Goal", "faq.Category", "regions.Landsdeel", "regions.Province"} <= labels
    assert len(labels) >= 10


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model._meta.label)
def test_every_content_type_is_deleted_and_recovered_through_the_admin(as_projectteam, model):
    obj = an_item(model)
    assert obj is not None
    if model in NEVER_DELETED:
        assert as_projectteam.get(admin_url(model, "delete", obj.pk)).status_code == 403
        assert model.objects.filter(pk=obj.pk).exists()
        return
    items = cascade_of(obj)
    before = as_data(items)

    confirmation = as_projectteam.get(admin_url(model, "delete", obj.pk))
    assert confirmation.status_code == 200
    page = confirmation.content.decode()
    # It says what goes with it, and that all of it can come back.
    for item in items:
        assert escape(str(item)) in page, item
    # In Dutch, like the rest of the admin, without an article ("de doel" would be wrong).
    assert "Weet u zeker dat u " in page and "Weet u zeker dat u de " not in page
    assert "Niets gaat voorgoed verloren" in page
    assert admin_url(model, "recoverlist") in page

    assert (
        as_projectteam.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 302
    )
    assert not model.objects.filter(pk=obj.pk).exists()
    listing = as_projectteam.get(admin_url(model, "recoverlist"))
    assert escape(str(obj)) in listing.content.decode()

    assert recover(as_projectteam, model, obj.pk).status_code == 302
    back = [type(item)._base_manager.get(pk=item.pk) for item in items]
    assert as_data(back) == before


def test_bulk_delete_says_it_can_be_recovered(as_projectteam):
    goals = list(Goal.objects.order_by("pk")[:2])
    page = as_projectteam.post(
        admin_url(Goal, "changelist"),
        {"action": "delete_selected", "_selected_action": [goal.pk for goal in goals]},
    ).content.decode()
    assert "Niets gaat voorgoed verloren" in page and escape(goals[0].title_nl) in page


def test_everything_a_content_deletion_takes_with_it_is_under_history():
    """What the confirmation page promises: every model a deletion can reach is versioned, so
    the deletion snapshot holds it and the recovery brings it back."""

    def reached(model, seen):
        for relation in model._meta.related_objects:
            if relation.on_delete is models.CASCADE and relation.related_model not in seen:
                seen.add(relation.related_model)
                reached(relation.related_model, seen)
        return seen

    versioned = {m for m, ma in admin.site._registry.items() if isinstance(ma, HistoryMixin)}
    for model in list(versioned):
        versioned |= reached(model, set())
    assert RegionMembership in versioned and Coverage in versioned
    for model in versioned:
        assert reversion.is_registered(model), model


def test_an_old_address_removed_by_mistake_can_be_brought_back(as_projectteam):
    goal = Goal.objects.get(number=3)
    # Made as the site makes them: by changing a slug.
    change_url = admin_url(Goal, "change", goal.pk)
    data = form_data(as_projectteam.get(change_url))
    data["slug_nl"] = "nieuw-adres-van-doel-drie"
    data["_publish"] = "Publish"  # a plain save of a published goal only keeps a draft change
    assert as_projectteam.post(change_url, data).status_code == 302
    redirect = SlugRedirect.objects.get(language="nl", object_id=goal.pk)
    listing = as_projectteam.get(admin_url(SlugRedirect, "changelist")).content.decode()
    assert admin_url(SlugRedirect, "recoverlist") in listing
    assert admin_url(SlugRedirect, "add") not in listing  # never added by hand
    assert as_projectteam.get(admin_url(SlugRedirect, "add")).status_code == 403
    as_projectteam.post(admin_url(SlugRedirect, "delete", redirect.pk), {"post": "yes"})
    assert not SlugRedirect.objects.filter(pk=redirect.pk).exists()
    assert recover(as_projectteam, SlugRedirect, redirect.pk).status_code == 302
    assert SlugRedirect.objects.get(pk=redirect.pk).old_path == redirect.old_path


# Provinces stay while a landsdeel covers them.


def groningen():
    return Province.objects.get(name_nl="Groningen")


def test_a_province_covered_by_a_landsdeel_cannot_be_deleted(as_projectteam):
    province = groningen()
    page = as_projectteam.get(admin_url(Province, "delete", province.pk)).content.decode()
    assert "provincie kan niet worden verwijderd" in page
    assert "kan alleen worden verwijderd als ook deze beschermde" in page
    assert "Ja, ik weet het zeker" not in page
    as_projectteam.post(admin_url(Province, "delete", province.pk), {"post": "yes"})
    assert Province.objects.filter(pk=province.pk).exists()


def test_a_province_stays_while_a_deleted_landsdeel_covering_it_can_be_recovered(
    as_projectteam,
):
    noord = Landsdeel.objects.get(slug_nl="noord")
    province = groningen()
    as_projectteam.post(admin_url(Landsdeel, "delete", noord.pk), {"post": "yes"})
    assert not Landsdeel.objects.filter(pk=noord.pk).exists()
    assert not Coverage.objects.filter(province=province).exists()  # nothing live protects it

    page = as_projectteam.get(admin_url(Province, "delete", province.pk)).content.decode()
    assert "Verwijderd landsdeel “Noord” (kan nog worden hersteld" in page
    assert "Een provincie kan niet worden verwijderd zolang een landsdeel haar omvat" in page
    as_projectteam.post(admin_url(Province, "delete", province.pk), {"post": "yes"})
    as_projectteam.post(
        admin_url(Province, "changelist"),
        {"action": "delete_selected", "_selected_action": [province.pk], "post": "yes"},
    )
    assert Province.objects.filter(pk=province.pk).exists()

    assert recover(as_projectteam, Landsdeel, noord.pk).status_code == 302
    assert Landsdeel.objects.get(pk=noord.pk).coverages.filter(province=province).exists()


# A recovery that cannot be done says why.


def delete_province_without_the_admin(province, with_history):
    """How a province could go before it was protected: outside the admin (with_history=False)
    or through an admin that kept a version of it (True)."""
    if with_history:
        with reversion.create_revision():
            reversion.add_to_revision(province)
    Province.objects.filter(pk=province.pk).delete()


@pytest.mark.parametrize("with_history", [False, True], ids=["gone", "recoverable"])
def test_recovering_a_landsdeel_whose_province_is_gone_says_why_instead_of_a_500(
    as_projectteam, with_history
):
    """The reported 500: delete a landsdeel, then one of its provinces, recover the landsdeel."""
    noord = Landsdeel.objects.get(slug_nl="noord")
    province = groningen()
    as_projectteam.post(admin_url(Landsdeel, "delete", noord.pk), {"post": "yes"})
    delete_province_without_the_admin(province, with_history)

    address = admin_url(Landsdeel, "recover", deleted_version(Landsdeel, noord.pk).pk)
    for attempt in (as_projectteam.get, lambda url: as_projectteam.post(url, {"post": "yes"})):
        response = attempt(address)
        assert response.status_code == 302
        assert response["Location"] == admin_url(Landsdeel, "recoverlist")
        said = texts_of(response)
        assert "“Noord” kan niet worden teruggezet, er is dus niets veranderd." in said
        if with_history:
            assert any(
                "hoort bij de provincie “Groningen”, die is verwijderd. Herstel eerst die "
                "provincie" in text
                for text in said
            ), said
        else:
            assert any("die niet meer bestaat en niet kan worden hersteld" in t for t in said)
        assert not Landsdeel.objects.filter(pk=noord.pk).exists()
    listing = as_projectteam.get(response["Location"])
    assert listing.status_code == 200
    assert "kan niet worden teruggezet" in listing.content.decode()

    if with_history:  # as the message says: the province first, then the landsdeel
        assert recover(as_projectteam, Province, province.pk).status_code == 302
        assert recover(as_projectteam, Landsdeel, noord.pk).status_code == 302
        assert Landsdeel.objects.get(pk=noord.pk).coverages.filter(province=province).exists()


def test_a_recovery_that_clashes_with_an_address_now_in_use_says_so(as_projectteam):
    goal, other = Goal.objects.get(number=5), Goal.objects.get(number=6)
    slug = goal.slug_nl
    as_projectteam.post(admin_url(Goal, "delete", goal.pk), {"post": "yes"})
    change_url = admin_url(Goal, "change", other.pk)
    data = form_data(as_projectteam.get(change_url))
    data["slug_nl"] = slug
    data["_publish"] = "Publish"
    response = as_projectteam.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    address = admin_url(Goal, "recover", deleted_version(Goal, goal.pk).pk)
    response = as_projectteam.get(address)
    assert response.status_code == 302
    said = texts_of(response)
    assert any("bestaat al" in text for text in said), said
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_restoring_an_old_version_that_points_to_a_deleted_province_says_why(as_projectteam):
    """The same check guards "History": an old landsdeel version with a province gone since."""
    noord = Landsdeel.objects.get(slug_nl="noord")
    province = groningen()
    change_url = admin_url(Landsdeel, "change", noord.pk)
    data = form_data(as_projectteam.get(change_url))
    assert as_projectteam.post(change_url, data).status_code == 302  # keeps a first version
    old = Version.objects.get_for_object(noord).last()
    Coverage.objects.filter(landsdeel=noord, province=province).delete()
    delete_province_without_the_admin(province, with_history=True)

    response = as_projectteam.get(admin_url(Landsdeel, "revision", noord.pk, old.pk))
    assert response.status_code == 302
    assert response["Location"] == admin_url(Landsdeel, "history", noord.pk)
    assert any("provincie “Groningen”" in text for text in texts_of(response))


# Coordinators' memberships and provinces have history.


def test_recovering_a_landsdeel_gives_its_coordinators_their_access_back(as_superuser, coordinator):
    noord = Landsdeel.objects.get(slug_nl="noord")
    page = as_superuser.get(admin_url(Landsdeel, "delete", noord.pk)).content.decode()
    assert "noord-coordinator" in page  # the membership goes with it, and the page says so
    as_superuser.post(admin_url(Landsdeel, "delete", noord.pk), {"post": "yes"})
    assert not RegionMembership.objects.filter(user=coordinator).exists()
    assert recover(as_superuser, Landsdeel, noord.pk).status_code == 302

    assert RegionMembership.objects.filter(user=coordinator, landsdeel=noord).exists()
    the_coordinator = StaffClient()  # both login steps done
    the_coordinator.force_login(coordinator)
    assert the_coordinator.get(admin_url(Landsdeel, "change", noord.pk)).status_code == 200


def test_a_deleted_coordinator_membership_has_history_and_comes_back(as_superuser, coordinator):
    membership = RegionMembership.objects.get(user=coordinator)
    history = as_superuser.get(admin_url(RegionMembership, "history", membership.pk))
    assert history.status_code == 200
    page = as_superuser.get(admin_url(RegionMembership, "delete", membership.pk)).content.decode()
    assert "Niets gaat voorgoed verloren" in page
    as_superuser.post(admin_url(RegionMembership, "delete", membership.pk), {"post": "yes"})
    the_coordinator = StaffClient()  # both login steps done
    the_coordinator.force_login(coordinator)
    noord_url = admin_url(Landsdeel, "change", membership.landsdeel_id)
    assert the_coordinator.get(noord_url).status_code == 403  # access gone with it

    assert recover(as_superuser, RegionMembership, membership.pk).status_code == 302
    assert the_coordinator.get(noord_url).status_code == 200


def test_province_changes_have_history_and_can_be_undone(as_projectteam, projectteam):
    province = Province.objects.get(name_nl="Fryslân")
    change_url = admin_url(Province, "change", province.pk)
    data = form_data(as_projectteam.get(change_url))
    data["name_en"] = "Wrong name"
    assert as_projectteam.post(change_url, data).status_code == 302
    history = as_projectteam.get(admin_url(Province, "history", province.pk)).content.decode()
    assert projectteam.username in history
    before = Version.objects.get_for_object(province).last()
    revision_url = admin_url(Province, "revision", province.pk, before.pk)
    assert (
        as_projectteam.post(revision_url, form_data(as_projectteam.get(revision_url))).status_code
        == 302
    )
    province.refresh_from_db()
    assert province.name_en != "Wrong name"
