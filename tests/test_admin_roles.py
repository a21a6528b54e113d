"""Roles are code: setup_roles and createeditor."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from regions.models import Landsdeel, RegionMembership
from techniekpact.roles import COORDINATOR, PROJECTTEAM
from tests.support.admin_helpers import PASSWORD, make_editor

pytestmark = pytest.mark.django_db

ACTIONS = ("view", "add", "change", "delete")


def permissions_of(name):
    return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))


def test_setup_roles_is_idempotent_and_repairs_drift():
    call_command("setup_roles", verbosity=0)
    first = {name: permissions_of(name) for name in (PROJECTTEAM, COORDINATOR)}
    Group.objects.get(name=COORDINATOR).permissions.clear()
    call_command("setup_roles", verbosity=0)
    call_command("setup_roles", verbosity=0)
    assert Group.objects.filter(name__in=[PROJECTTEAM, COORDINATOR]).count() == 2
    assert {name: permissions_of(name) for name in (PROJECTTEAM, COORDINATOR)} == first


def test_roles_give_content_rights_and_no_user_rights():
    call_command("setup_roles", verbosity=0)
    team, coordinator = permissions_of(PROJECTTEAM), permissions_of(COORDINATOR)
    assert {"change_goal", "delete_question", "edit_all_landsdelen"} <= team
    assert not {p for p in team | coordinator if p.endswith(("_user", "_group", "_permission"))}
    assert "regionmembership" not in " ".join(team | coordinator)
    assert coordinator == {
        "view_landsdeel",
        "change_landsdeel",
        "view_coverage",
        "view_programme",
        "add_programme",
        "change_programme",
        "delete_programme",
        # News and events of their own landsdeel (scope: news.admin).
        *(f"{action}_{model}" for model in ("newsitem", "event") for action in ACTIONS),
        "view_contact",
        "add_contact",
        "change_contact",
        "delete_contact",
    }


def test_createeditor_makes_a_coordinator_and_updates_them(editor_password):
    user = make_editor("anna", "--landsdeel", "noord", "--landsdeel", "oost")
    assert user.is_staff and not user.is_superuser and user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [COORDINATOR]
    assert set(
        RegionMembership.objects.filter(user=user).values_list("landsdeel__slug_nl", flat=True)
    ) == {"noord", "oost"}
    user = make_editor("anna", "--projectteam")
    assert list(user.groups.values_list("name", flat=True)) == [PROJECTTEAM]
    assert not RegionMembership.objects.filter(user=user).exists()
    assert get_user_model().objects.filter(username="anna").count() == 1


def test_createeditor_names_the_valid_codes_for_an_unknown_one(editor_password):
    with pytest.raises(CommandError) as error:
        make_editor("bert", "--landsdeel", "noorden")
    message = str(error.value)
    assert "noorden" in message
    for slug in ["noord", "oost", "zuidoost", "zuidwest", "noordwest"]:
        assert slug in message
    assert not get_user_model().objects.filter(username="bert").exists()


def test_createeditor_needs_exactly_one_role(editor_password):
    with pytest.raises(CommandError):
        make_editor("carla")
    with pytest.raises(CommandError):
        make_editor("carla", "--projectteam", "--landsdeel", "noord")


def test_createeditor_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", "short")
    with pytest.raises(CommandError, match="too short"):
        make_editor("dirk", "--projectteam")
    assert not get_user_model().objects.filter(username="dirk").exists()


def test_createeditor_asks_twice_when_no_password_is_given(monkeypatch):
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)
    answers = iter([PASSWORD, "something-else-entirely"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    with pytest.raises(CommandError, match="do not match"):
        make_editor("eva", "--projectteam")
    answers = iter([PASSWORD, PASSWORD])
    assert make_editor("eva", "--projectteam").check_password(PASSWORD)


def test_createeditor_takes_the_code_and_current_slugs_after_a_slug_change(editor_password):
    noord = Landsdeel.objects.get(code="noord")
    noord.slug_nl = "noord-nederland"
    noord.save()
    for name in ["noord", "noord-nederland", noord.slug_en]:
        user = make_editor("bert", "--landsdeel", name)
        assert list(RegionMembership.objects.filter(user=user)) == [
            RegionMembership.objects.get(user=user, landsdeel=noord)
        ]
