"""Old addresses: a changed slug answers 301 from the old address, never to a hidden item."""

from datetime import timedelta

import pytest
from django.utils import timezone

from pages.models import Goal
from regions.models import Landsdeel
from tests.support.admin_helpers import change_and_publish as change
from tests.support.admin_helpers import urls

pytestmark = pytest.mark.django_db


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
