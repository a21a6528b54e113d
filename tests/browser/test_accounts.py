"""The staff login in a real browser: first login with an authenticator app, a passkey made and
used with Chromium's virtual authenticator, password reset; axe-core on every page of it, and
no Content-Security-Policy violation anywhere (the admin runs without inline script)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.support.admin_helpers import PASSWORD, current_code

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

# Kept by every page of the context: CSP violations the browser reports, with what was refused.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  const seen = JSON.parse(sessionStorage.getItem('csp') || '[]');
  seen.push(`${e.violatedDirective} ${e.blockedURI} on ${location.pathname}`);
  sessionStorage.setItem('csp', JSON.stringify(seen));
});
"""


@pytest.fixture
def editor(django_db_setup, django_db_blocker):
    """A new project-team editor without a second factor, gone again after the test (the live
    server's database is not rolled back), with the lockout's counts."""
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user(
            "browser-editor", "browser-editor@example.org", PASSWORD, is_staff=True
        )
        user.user_permissions.set([])
    yield user
    with django_db_blocker.unblock():
        user.delete()
        AccessAttempt.objects.all().delete()


@pytest.fixture
def staff_page(new_page, settings, site):
    """A browser page that reports CSP violations and the console's complaints about them.
    Passkeys are accepted from the live server's origin (http://localhost:port)."""
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [site]
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    complaints = []

    def _page(language="nl"):
        page = new_page()
        page.context.add_init_script(CSP_LISTENER)
        page.on(
            "console",
            lambda msg: complaints.append(msg.text) if "Content Security Policy" in msg.text else 0,
        )
        if language != "nl":
            page.context.add_cookies(
                [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site}]
            )
        page.complaints = complaints
        return page

    return _page


def csp_violations(page):
    reported = page.evaluate("() => JSON.parse(sessionStorage.getItem('csp') || '[]')")
    return reported + page.complaints


def axe_violations(page):
    found = []
    for violation in Axe().run(page, options=AXE_OPTIONS).response["violations"]:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        found.append(f"{page.url}: {violation['id']} ({violation['impact']}) at {targets}")
    return found


def log_in(page, username, password=PASSWORD, next_url="/admin/"):
    page.goto(f"/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("#login-form input[type=submit]")


def log_out(page):
    page.locator("form[action='/admin/logout/'] button").first.click()
    page.wait_for_url("**/admin/logout/")


def test_first_login_with_an_authenticator_app_then_a_backup_code(
    staff_page, editor, django_db_blocker
):
    page = staff_page()
    problems = []
    log_in(page, editor.username)
    page.wait_for_url("**/admin/second-factor/set-up/**")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Een tweede stap voor het inloggen instellen"
    )
    problems += axe_violations(page)

    page.get_by_role("link", name="Een authenticator-app").click()
    page.wait_for_url("**/admin/second-factor/app/**")
    qr = page.locator("img.second-factor-qr")
    assert qr.is_visible() and qr.evaluate("img => img.naturalWidth") > 0
    key = page.locator("#totp-key").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4})+", key)
    problems += axe_violations(page)
    with django_db_blocker.unblock():
        device = TOTPDevice.objects.get(user=editor, confirmed=False)
    page.get_by_label("Typ de code die de app nu laat zien").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()

    page.wait_for_url("**/admin/second-factor/backup-codes/**")
    assert "Uw authenticator-app is ingesteld." in page.inner_text("main")
    problems += axe_violations(page)
    page.get_by_role("button", name="Reservecodes maken").click()
    codes = page.locator(".second-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    problems += axe_violations(page)
    page.get_by_role("link", name="Ik heb ze bewaard: verder").click()
    page.wait_for_url("**/admin/")
    assert page.get_by_role("link", name="Tweestapsverificatie").is_visible()

    page.get_by_role("link", name="Tweestapsverificatie").click()
    page.wait_for_url("**/admin/second-factor/")
    assert "U hebt nog 10 ongebruikte reservecodes." in page.inner_text("main")
    problems += axe_violations(page)

    log_out(page)
    log_in(page, editor.username, next_url="/admin/pages/goal/")
    page.wait_for_url("**/admin/second-factor/verify/**")
    problems += axe_violations(page)
    page.get_by_label("Code uit uw authenticator-app, of een reservecode").fill(codes[0])
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/admin/pages/goal/")

    assert not problems, "\n".join(problems)
    assert not csp_violations(page)


def test_a_passkey_is_made_and_used_with_a_virtual_authenticator(staff_page, editor):
    page = staff_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    authenticator = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )["authenticatorId"]
    problems = []
    log_in(page, editor.username)
    page.wait_for_url("**/admin/second-factor/set-up/**")
    page.get_by_role("link", name="Een toegangssleutel (passkey)").click()
    page.wait_for_url("**/admin/second-factor/passkey/**")
    # django-otp-webauthn's script ran (under the CSP) and put its button in place.
    button = page.get_by_role("button", name="Toegangssleutel maken")
    button.wait_for()
    problems += axe_violations(page)
    button.click()
    page.wait_for_url("**/admin/second-factor/backup-codes/**")
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})
    assert len(credentials["credentials"]) == 1
    page.goto("/admin/")
    assert page.get_by_role("link", name="Tweestapsverificatie").is_visible()

    log_out(page)
    log_in(page, editor.username, next_url="/admin/faq/question/")
    page.wait_for_url("**/admin/second-factor/verify/**")
    passkey = page.get_by_role("button", name="Inloggen met uw toegangssleutel")
    passkey.wait_for()
    problems += axe_violations(page)
    passkey.click()
    page.wait_for_url("**/admin/faq/question/")

    assert not problems, "\n".join(problems)
    assert not csp_violations(page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_password_reset_pages(staff_page, editor, language):
    page = staff_page(language)
    problems = []
    page.goto("/admin/login/")
    name = {"nl": "Inloggegevens vergeten?", "en": "Forgotten your login credentials?"}[language]
    page.get_by_role("link", name=name).click()
    page.wait_for_url("**/admin/password-reset/")
    assert page.evaluate("() => document.documentElement.lang") == language
    problems += axe_violations(page)
    page.fill("#id_email", editor.email)
    page.locator("form input[type=submit]").click()
    page.wait_for_url("**/admin/password-reset/sent/")
    problems += axe_violations(page)
    link = re.search(r"http://[^\s]+/admin/password-reset/[^\s]+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.wait_for_url("**/set-password/")
    problems += axe_violations(page)
    page.fill("#id_new_password1", "another-long-new-password")
    page.fill("#id_new_password2", "another-long-new-password")
    page.locator("form input[type=submit]").click()
    page.wait_for_url("**/admin/password-reset/done/")
    problems += axe_violations(page)
    assert not problems, "\n".join(problems)
    assert not csp_violations(page)


def test_the_csp_listener_would_see_an_inline_script(staff_page):
    """The check above can fail: the admin refuses inline script, and the listener says so."""
    page = staff_page()
    page.goto("/admin/login/")
    page.evaluate(
        "() => document.body.append(Object.assign(document.createElement('script'),"
        " {textContent: 'window.ran = true'}))"
    )
    page.wait_for_function("() => sessionStorage.getItem('csp')")
    assert page.evaluate("() => window.ran") is None
    assert any("script-src" in violation for violation in csp_violations(page))
