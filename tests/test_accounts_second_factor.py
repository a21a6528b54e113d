"""Two-factor login for every staff account: password, then a passkey, an authenticator app or
a backup code. Without the second step the admin offers nothing but that step."""

import re
import shutil
import subprocess
from base64 import b32encode
from hashlib import sha256
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor
from accounts.models import BackupCode, BackupCodeDevice
from pages.models import Goal
from tests.support.admin_helpers import PASSWORD, authenticator_app, current_code, form_data

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


def log_in(client, username, password=PASSWORD, next_url="/admin/"):
    return client.post(LOGIN, {"username": username, "password": password, "next": next_url})


def give_code(client, code, next_url=None):
    data = {"code": code}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:verify"), data)


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


CODE = re.compile(r"<li><code>([a-z2-9]{4}(?:-[a-z2-9]{4}){3})</code></li>")


def shown_codes(response):
    return CODE.findall(response.content.decode())


def is_verified_session(client):
    return DEVICE_ID_SESSION_KEY in client.session


# --- First login: set up a second factor ---------------------------------------------------


def test_after_the_first_password_login_a_new_editor_is_sent_to_set_up_a_second_factor(
    client, projectteam
):
    response = log_in(client, "projectteam")
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("accounts:setup"))
    assert "Inloggen op de beheersite gaat in twee stappen" in text(page)
    assert reverse("accounts:passkey_setup") in text(page)
    assert reverse("accounts:app_setup") in text(page)


ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/goal/",
    "/admin/pages/goal/add/",
    "/admin/faq/question/",
    "/admin/auth/user/",
    "/admin/password_change/",
    "/admin/regions/landsdeel/1/change/",
]


@pytest.mark.parametrize("has_device", [False, True], ids=["no-device", "device-not-used"])
def test_after_only_the_password_no_admin_page_opens(client, superuser, has_device):
    if has_device:
        authenticator_app(superuser)
    client.force_login(superuser, second_factor=False)
    step = reverse("accounts:verify")
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(step), url
        assert client.get(response["Location"], follow=True).status_code == 200
    # The verification step sends someone without a device on to the set-up.
    landing = client.get(step, follow=True).redirect_chain
    assert bool(landing) is (not has_device)


def test_after_only_the_password_nothing_can_be_changed_through_the_admin(client, superuser):
    goal = Goal.objects.get(number=1)
    change = reverse("admin:pages_goal_change", args=[goal.pk])
    client.force_login(superuser)
    data = form_data(client.get(change))
    data["title_nl"] = "Gewijzigd zonder tweede stap"
    client.force_login(superuser, second_factor=False)
    response = client.post(change, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify")
    delete = reverse("admin:pages_goal_delete", args=[goal.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    goal.refresh_from_db()
    assert goal.title_nl != "Gewijzigd zonder tweede stap"


def test_after_only_the_password_drafts_cannot_be_previewed_on_the_site(client, projectteam):
    goal = Goal.objects.get(number=2)
    goal.is_published = False
    goal.save()
    url = goal.get_absolute_url()
    client.force_login(projectteam, second_factor=False)
    assert client.get(url).status_code == 404
    client.force_login(projectteam)
    assert client.get(url).status_code == 200


def test_the_admin_site_refuses_a_user_who_has_not_passed_the_second_step(superuser):
    """Even where the middleware is not in the way, the admin itself asks for it."""
    request = RequestFactory().get("/admin/")
    request.user = superuser  # not marked by django-otp: not verified
    assert not admin.site.has_permission(request)
    request.user.is_verified = lambda: True
    assert admin.site.has_permission(request)
    request.user = AnonymousUser()
    assert not admin.site.has_permission(request)


def test_the_app_set_up_shows_the_qr_code_the_key_as_text_and_a_plain_code_field(
    client, projectteam
):
    client.force_login(projectteam, second_factor=False)
    page = client.get(reverse("accounts:app_setup"))
    assert page.status_code == 200
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=projectteam, confirmed=False)
    assert re.search(r'<img class="second-factor-qr" src="data:image/svg\+xml;base64,', html)
    assert 'alt="QR-code voor de authenticator-app.' in html
    key = b32encode(device.bin_key).decode()
    shown = re.search(r'<code class="second-factor-key" id="totp-key">([A-Z2-7 ]+)</code>', html)
    assert shown and shown.group(1).replace(" ", "") == key
    field = re.search(r"<input [^>]*name=\"code\"[^>]*>", html).group(0)
    assert 'type="text"' in field and 'autocomplete="one-time-code"' in field
    assert 'inputmode="numeric"' in field
    # The same key on a reload: a half-done set-up does not change under the editor.
    assert shown.group(1) in client.get(reverse("accounts:app_setup")).content.decode()


def test_the_qr_code_holds_the_apps_address_for_this_account(client, projectteam):
    client.force_login(projectteam, second_factor=False)
    client.get(reverse("accounts:app_setup"))
    device = TOTPDevice.objects.get(user=projectteam, confirmed=False)
    assert device.config_url.startswith("otpauth://totp/Techniekpact%3Aprojectteam?")
    assert "issuer=Techniekpact" in device.config_url
    svg = second_factor.qr_code_svg(device.config_url).decode()
    assert svg.startswith("<?xml") and "<svg" in svg and "<path" in svg


def test_a_wrong_code_does_not_set_up_the_app(client, projectteam):
    client.force_login(projectteam, second_factor=False)
    client.get(reverse("accounts:app_setup"))
    response = client.post(reverse("accounts:app_setup"), {"code": "000000"})
    assert response.status_code == 200
    assert "Die code klopt niet" in text(response)
    assert not TOTPDevice.objects.filter(user=projectteam, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_setting_up_the_app_with_its_code_leads_to_backup_codes_and_then_the_admin(
    client, projectteam
):
    log_in(client, "projectteam", next_url="/admin/pages/goal/")
    setup = reverse("accounts:app_setup") + "?next=/admin/pages/goal/"
    client.get(setup)
    device = TOTPDevice.objects.get(user=projectteam, confirmed=False)
    response = client.post(setup, {"code": current_code(device), "next": "/admin/pages/goal/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:backup_codes"))
    device.refresh_from_db()
    assert device.confirmed and is_verified_session(client)
    codes_page = client.get(response["Location"])
    assert "Uw authenticator-app is ingesteld." in text(codes_page)
    made = client.post(reverse("accounts:backup_codes"), {"next": "/admin/pages/goal/"})
    assert len(shown_codes(made)) == 10
    assert 'href="/admin/pages/goal/"' in text(made)
    assert client.get("/admin/pages/goal/").status_code == 200


def test_someone_with_a_second_factor_cannot_add_another_before_using_it(client, projectteam):
    authenticator_app(projectteam)
    client.force_login(projectteam, second_factor=False)
    for url in ("accounts:app_setup", "accounts:passkey_setup", "accounts:setup"):
        response = client.get(reverse(url))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:verify")), url
    for url in ("accounts:backup_codes", "accounts:second_factor"):
        assert client.post(reverse(url)).status_code == 302
    assert not BackupCodeDevice.objects.filter(user=projectteam).exists()


def test_the_second_factor_pages_need_the_password_step(client):
    for url in ("accounts:verify", "accounts:setup", "accounts:app_setup", "accounts:backup_codes"):
        response = client.get(reverse(url))
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


# --- Every later login: the second step ----------------------------------------------------


def test_the_second_step_takes_the_apps_code_and_goes_where_the_editor_was_going(
    client, projectteam
):
    device = authenticator_app(projectteam)
    response = log_in(client, "projectteam", next_url="/admin/faq/question/")
    verify = client.get(response["Location"], follow=True)
    assert "Tweede stap van het inloggen" in text(verify)
    assert "Code uit uw authenticator-app, of een reservecode" in text(verify)
    answer = give_code(client, current_code(device), next_url="/admin/faq/question/")
    assert answer.status_code == 302 and answer["Location"] == "/admin/faq/question/"
    assert client.get("/admin/faq/question/").status_code == 200


def test_a_wrong_code_is_refused_in_the_editors_language(client, projectteam):
    authenticator_app(projectteam)
    client.force_login(projectteam, second_factor=False)
    response = give_code(client, "123456")
    assert response.status_code == 200
    assert "Die code klopt niet" in text(response)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = give_code(client, "654321")
    assert "Too many wrong codes in a row. Wait" in text(response)  # django-otp's throttling
    assert not is_verified_session(client)


@pytest.mark.parametrize(
    "unsafe", ["https://evil.example/", "//evil.example/admin/", "javascript:alert(1)"]
)
def test_an_unsafe_next_goes_to_the_admin_home_page(client, projectteam, unsafe):
    device = authenticator_app(projectteam)
    response = log_in(client, "projectteam", next_url=unsafe)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    answer = give_code(client, current_code(device), next_url=unsafe)
    assert answer["Location"] == "/admin/"
    assert client.get(answer["Location"]).status_code == 200


def test_backup_codes_are_stored_hashed_and_each_works_once(client, projectteam):
    authenticator_app(projectteam)
    client.force_login(projectteam)
    page = client.post(reverse("accounts:backup_codes"))
    codes = shown_codes(page)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = BackupCode.objects.filter(device__user=projectteam).values_list("digest", flat=True)
    # Only SHA-256 digests are in the database, never a code itself.
    assert set(stored) == {sha256(code.replace("-", "").encode()).hexdigest() for code in codes}
    for code in codes:
        assert not BackupCode.objects.filter(digest__icontains=code.replace("-", "")).exists()
    # Shown once: afterwards the page only says how many are left.
    again = client.get(reverse("accounts:backup_codes"))
    assert not any(code in again.content.decode() for code in codes)
    assert "U hebt nog 10 ongebruikte reservecodes." in text(again)

    client.force_login(projectteam, second_factor=False)
    typed = codes[3].upper().replace("-", " ")  # as someone might copy it from paper
    assert give_code(client, typed).status_code == 302
    assert is_verified_session(client)
    client.force_login(projectteam, second_factor=False)
    assert give_code(client, codes[3]).status_code == 200  # used up
    assert not is_verified_session(client)
    assert BackupCode.objects.filter(device__user=projectteam).count() == 9


def test_new_backup_codes_replace_the_old_ones(client, projectteam):
    client.force_login(projectteam)
    first = shown_codes(client.post(reverse("accounts:backup_codes")))
    assert len(first) == 10
    client.post(reverse("accounts:backup_codes"))
    client.force_login(projectteam, second_factor=False)
    assert give_code(client, first[0]).status_code == 200
    assert not is_verified_session(client)


def test_the_passkey_set_up_page_loads_django_otp_webauthns_script_as_a_file(client, projectteam):
    client.force_login(projectteam, second_factor=False)
    page = client.get(reverse("accounts:passkey_setup"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'src="/static/django_otp_webauthn/otp_webauthn_register.js"' in html
    assert 'src="/static/accounts/passkey.js"' in html
    # No inline script: every <script> has a src, except the JSON configuration (not run).
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "/admin/second-factor/webauthn/registration/begin/" in html
    catalogue = client.get("/admin/second-factor/webauthn/jsi18n/").content.decode()
    assert "Toegangssleutel maken" in catalogue


def test_a_passkey_cannot_be_registered_without_the_existing_second_factor(client, projectteam):
    authenticator_app(projectteam)
    client.force_login(projectteam, second_factor=False)
    begin = client.post("/admin/second-factor/webauthn/registration/begin/")
    assert begin.status_code == 403
    assert "Log eerst in met uw bestaande tweede stap" in begin.json()["detail"]


def test_the_editors_own_page_lists_their_factors_and_keeps_the_last_one(client, projectteam):
    in_use = authenticator_app(projectteam)
    client.force_login(projectteam)
    overview = client.get(reverse("accounts:second_factor"))
    assert "Manieren om in te loggen" in text(overview)
    assert "U hebt nog geen reservecodes." in text(overview)
    remove_in_use = reverse("accounts:remove_device", args=["app", in_use.pk])
    assert remove_in_use not in text(overview)  # the only one: no button
    client.post(remove_in_use)
    assert TOTPDevice.objects.filter(pk=in_use.pk).exists()
    spare = TOTPDevice.objects.create(user=projectteam, name="Second app", confirmed=True)
    remove_spare = reverse("accounts:remove_device", args=["app", spare.pk])
    assert remove_spare in text(client.get(reverse("accounts:second_factor")))
    assert client.post(remove_spare)["Location"] == reverse("accounts:second_factor")
    assert not TOTPDevice.objects.filter(pk=spare.pk).exists()
    # Someone else's device is not found.
    other_user = type(projectteam).objects.create(username="someone-else", is_staff=True)
    other = TOTPDevice.objects.create(user=other_user, name="Theirs", confirmed=True)
    TOTPDevice.objects.create(user=projectteam, name="Third app", confirmed=True)
    assert client.post(reverse("accounts:remove_device", args=["app", other.pk])).status_code == 404
    assert TOTPDevice.objects.filter(pk=other.pk).exists()
    assert client.post(reverse("accounts:remove_device", args=["disk", 1])).status_code == 404
    # Removing the device this session was verified with asks for the second step again.
    client.post(remove_in_use)
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:verify"))


def test_the_admin_header_links_to_the_editors_second_factor(client, projectteam):
    client.force_login(projectteam)
    index = client.get("/admin/").content.decode()
    assert f'href="{reverse("accounts:second_factor")}">Tweestapsverificatie</a>' in index


@pytest.mark.parametrize(
    ("language", "phrases"),
    [
        ("nl", ["Tweede stap van het inloggen", "Met een code", "Afmelden"]),
        ("en", ["Second step of logging in", "With a code", "Log out"]),
    ],
)
def test_the_second_step_speaks_the_admins_language(client, projectteam, language, phrases):
    authenticator_app(projectteam)
    client.force_login(projectteam, second_factor=False)
    if language == "en":
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("accounts:verify"), headers={"accept-language": "en"})
    assert f'<html lang="{language}"' in page.content.decode()
    for phrase in phrases:
        assert phrase in text(page)


# --- Resetting a lost second factor --------------------------------------------------------


def test_the_reset_command_removes_every_second_factor_so_the_editor_sets_up_a_new_one(
    client, projectteam
):
    authenticator_app(projectteam)
    second_factor.replace_backup_codes(projectteam)
    client.force_login(projectteam)
    assert client.get("/admin/").status_code == 200
    call_command("reset_second_factor", "projectteam", verbosity=0)
    assert not second_factor.has_second_factor(projectteam)
    assert second_factor.backup_codes(projectteam) is None
    # The open session lost its second factor too, and is asked to set up a new one.
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:setup"))
    with pytest.raises(CommandError, match="nobody"):
        call_command("reset_second_factor", "nobody")


def test_a_superuser_resets_someones_second_factor_from_the_user_list(
    client, superuser, projectteam
):
    authenticator_app(projectteam)
    client.force_login(superuser)
    users = client.get(reverse("admin:auth_user_changelist"))
    assert "Tweestapsverificatie van de gekozen gebruikers wissen" in text(users)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [projectteam.pk]},
        follow=True,
    )
    assert "De tweestapsverificatie van 1 gebruiker is gewist." in text(response)
    assert not second_factor.has_second_factor(projectteam)
    assert second_factor.has_second_factor(superuser)  # not selected, not touched


def test_device_secrets_are_not_shown_in_the_admin(client, superuser):
    client.force_login(superuser)
    assert TOTPDevice not in admin.site._registry
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404


def test_the_accounts_catalogues_are_complete():
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext (msgfmt) is required, as for compilemessages"
    folder = Path(settings.BASE_DIR) / "accounts" / "locale" / "nl" / "LC_MESSAGES"
    for name in ("django.po", "djangojs.po"):
        result = subprocess.run(
            [msgfmt, "--check", "--statistics", "-o", "/dev/null", str(folder / name)],
            capture_output=True,
            text=True,
            check=True,
        )
        statistics = result.stderr.strip().splitlines()[-1]
        assert re.fullmatch(r"\d+ translated messages\.", statistics), (name, result.stderr)
