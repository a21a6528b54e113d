"""Logins are guarded: lockout, session lifetime, no cookies for visitors."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.support.admin_helpers import PASSWORD

pytestmark = pytest.mark.django_db


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
