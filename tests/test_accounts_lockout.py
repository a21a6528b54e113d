"""A lockout that cannot be sidestepped: the address counted is the socket's unless one of our
own proxies says otherwise; an address trying many usernames is locked too; wrong second-factor
codes count like wrong passwords, and only a complete login clears the count."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.client_address import client_address
from tests.support.admin_helpers import PASSWORD, StaffClient, authenticator_app, current_code

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
VISITOR = "203.0.113.5"
OTHER_VISITOR = "198.51.100.9"
PROXY = "192.0.2.10"


def attempt(username, password, remote=VISITOR, forwarded=None):
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    return StaffClient(REMOTE_ADDR=remote).post(
        LOGIN, {"username": username, "password": password}, headers=headers
    )


# --- Which address counts ------------------------------------------------------------------


def address(settings, proxies, remote, forwarded=None):
    settings.TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        # Nothing in front (compose.yaml today): the header is the client's own say.
        ([], VISITOR, "1.2.3.4", VISITOR),
        ([], VISITOR, None, VISITOR),
        # From a proxy that is not ours: ignored too.
        ([PROXY], "192.0.2.99", "1.2.3.4", "192.0.2.99"),
        # Our proxy appends what it saw; whatever the client wrote before it does not count.
        ([PROXY], PROXY, f"1.2.3.4, {VISITOR}", VISITOR),
        ([PROXY], PROXY, VISITOR, VISITOR),
        # A network of proxies (a load balancer and nginx behind it), read from the right.
        (["10.0.0.0/8"], "10.0.0.2", f"6.6.6.6, {VISITOR}, 10.1.2.3", VISITOR),
        (["10.0.0.0/8", PROXY], PROXY, f"{VISITOR}, 10.0.0.7", VISITOR),
        # The proxy's own requests, and junk where an address should be.
        ([PROXY], PROXY, None, PROXY),
        ([PROXY], PROXY, "not-an-address", PROXY),
        (["10.0.0.0/8"], "10.0.0.2", f"{VISITOR}, garbage, 10.0.0.3", "10.0.0.3"),
        # IPv6, and IPv4 seen through an IPv6 socket.
        (["2001:db8::/32"], "2001:db8::1", "2001:db8:ffff::1, 2a00:1450::5", "2a00:1450::5"),
        ([], "::ffff:203.0.113.5", None, VISITOR),
    ],
)
def test_the_visitors_address_is_only_taken_from_our_own_proxies(
    settings, proxies, remote, forwarded, expected
):
    assert address(settings, proxies, remote, forwarded) == expected


def test_a_mistyped_proxy_setting_is_reported_clearly(settings):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="DJANGO_TRUSTED_PROXIES"):
        address(settings, ["10.0.0.0/33"], VISITOR)


# --- The lockout rules ---------------------------------------------------------------------


def test_made_up_forwarded_for_headers_do_not_escape_the_lockout(settings, projectteam):
    """The security test's finding: eight wrong passwords, each with a different made-up
    X-Forwarded-For, then the right one, from an address that is not a proxy: locked."""
    settings.TRUSTED_PROXIES = [PROXY]
    statuses = [
        attempt("projectteam", "wrong-password", forwarded=f"198.18.0.{n}").status_code
        for n in range(8)
    ]
    assert statuses == [200] * 4 + [429] * 4
    locked = attempt("projectteam", PASSWORD, forwarded="198.18.0.200")
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {VISITOR}


def test_an_address_trying_many_usernames_once_each_is_locked(projectteam):
    usernames = [f"guess-{n}" for n in range(12)]
    statuses = [attempt(name, "wrong-password").status_code for name in usernames]
    # Ten failures from one address lock it, whatever the usernames.
    assert statuses == [200] * 9 + [429] * 3
    # Even a real editor with the right password is kept out from that address ...
    assert attempt("projectteam", PASSWORD).status_code == 429
    # ... but not from another one.
    assert attempt("projectteam", PASSWORD, remote=OTHER_VISITOR).status_code == 302
    call_command("axes_reset_ip", VISITOR, verbosity=0)
    assert attempt("projectteam", PASSWORD).status_code == 302


def test_five_failures_of_one_username_lock_only_that_username_from_that_address(
    projectteam, coordinator
):
    for _ in range(4):
        assert attempt("projectteam", "wrong-password").status_code == 200
    assert attempt("projectteam", "wrong-password").status_code == 429
    assert attempt("projectteam", PASSWORD).status_code == 429
    assert attempt("noord-coordinator", PASSWORD).status_code == 302  # another username
    assert attempt("projectteam", PASSWORD, remote=OTHER_VISITOR).status_code == 302
    call_command("axes_reset_username", "projectteam", verbosity=0)
    assert attempt("projectteam", PASSWORD).status_code == 302


def give_code(client, code):
    return client.post(reverse("accounts:verify"), {"code": code, "next": "/admin/"})


def test_wrong_second_factor_codes_lock_the_account_like_wrong_passwords(projectteam):
    device = authenticator_app(projectteam)
    client = StaffClient(REMOTE_ADDR=VISITOR)
    assert client.post(LOGIN, {"username": "projectteam", "password": PASSWORD}).status_code == 302
    for _ in range(4):
        assert give_code(client, "000000").status_code == 200
    locked = give_code(client, "111111")
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()
    # The half-finished login is over, and the password does not get in either now.
    assert client.get("/admin/second-factor/verify/")["Location"].startswith("/admin/login/")
    assert attempt("projectteam", PASSWORD).status_code == 429
    # Nor does the right code in a session that still had the password step.
    other = StaffClient(REMOTE_ADDR=VISITOR)
    other.force_login(projectteam, second_factor=False)
    assert give_code(other, current_code(device)).status_code == 429
    call_command("axes_reset_username", "projectteam", verbosity=0)
    assert attempt("projectteam", PASSWORD).status_code == 302


def test_wrong_codes_and_wrong_passwords_share_one_count(projectteam):
    authenticator_app(projectteam)
    for _ in range(3):
        assert attempt("projectteam", "wrong-password").status_code == 200
    client = StaffClient(REMOTE_ADDR=VISITOR)
    assert client.post(LOGIN, {"username": "projectteam", "password": PASSWORD}).status_code == 302
    assert give_code(client, "000000").status_code == 200
    assert give_code(client, "000001").status_code == 429


def test_the_password_alone_does_not_clear_the_count_a_complete_login_does(projectteam):
    device = authenticator_app(projectteam)
    for _ in range(4):
        attempt("projectteam", "wrong-password")
    client = StaffClient(REMOTE_ADDR=VISITOR)
    assert client.post(LOGIN, {"username": "projectteam", "password": PASSWORD}).status_code == 302
    assert AccessAttempt.objects.get(username="projectteam").failures_since_start == 4
    assert give_code(client, current_code(device)).status_code == 302
    assert not AccessAttempt.objects.filter(username="projectteam").exists()
    assert client.get("/admin/").status_code == 200


def test_a_locked_account_cannot_log_in_with_a_passkey_either(projectteam):
    authenticator_app(projectteam)
    client = StaffClient(REMOTE_ADDR=VISITOR)
    client.force_login(projectteam, second_factor=False)
    begin = "/admin/second-factor/webauthn/authentication/begin/"
    assert client.post(begin).status_code == 200
    for _ in range(5):
        attempt("projectteam", "wrong-password")
    client.force_login(projectteam, second_factor=False)
    refused = client.post(begin)
    assert refused.status_code == 429
    assert (
        refused.json()["detail"] == "Na te veel mislukte pogingen is inloggen een tijd geblokkeerd."
    )


def test_anonymous_visitors_get_no_passkey_login(projectteam):
    """Passkeys are a second factor here, never a login without the password."""
    response = Client().post("/admin/second-factor/webauthn/authentication/begin/")
    assert response.status_code == 403
