"""Password reset by email for staff: Django's views in the admin's look, in Dutch and English,
sent through the site's mail settings, counted by the lockout, and never a way round the
second factor. Whether an address belongs to an account is never shown."""

import re
import socket
from email import message_from_bytes, policy

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.support.admin_helpers import PASSWORD, StaffClient, authenticator_app

pytestmark = pytest.mark.django_db

RESET = "/admin/password-reset/"
VISITOR = "203.0.113.5"
NEW_PASSWORD = "a-brand-new-and-long-password"


def ask_reset(email, remote=VISITOR, language=None):
    client = StaffClient(REMOTE_ADDR=remote)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.post(RESET, {"email": email})


def reset_link(message):
    return re.search(r"https?://testserver(/admin/password-reset/[^/\s]+/[^/\s]+/)", message.body)


def test_the_login_page_links_to_the_password_reset(client):
    login = client.get(reverse("admin:login")).content.decode()
    assert f'href="{RESET}">Inloggegevens vergeten?</a>' in login
    page = client.get(RESET)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Techniekpact: beheer van de inhoud" in html  # the admin's header, not Django's
    assert '<html lang="nl"' in html


def test_a_staff_member_sets_a_new_password_by_email_and_still_needs_the_second_factor(
    projectteam,
):
    authenticator_app(projectteam)
    response = ask_reset("PROJECTTEAM@example.org")  # the address in any case
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["projectteam@example.org"]
    assert message.subject == "Nieuw wachtwoord voor de beheersite van het Techniekpact"
    assert "‘projectteam’" in message.body and "De link werkt een uur" in message.body
    assert message.from_email == settings.DEFAULT_FROM_EMAIL

    client = StaffClient(REMOTE_ADDR=VISITOR)
    form = client.get(reset_link(message).group(1), follow=True)
    assert form.status_code == 200
    assert "new_password1" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert client.get(done["Location"]).status_code == 200
    # The reset logged nobody in, and the new password alone does not open the admin.
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    login = client.post(
        "/admin/login/", {"username": "projectteam", "password": NEW_PASSWORD, "next": "/admin/"}
    )
    assert login.status_code == 302
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:verify"))
    # The link works once.
    again = client.get(reset_link(message).group(1), follow=True)
    assert "new_password1" not in again.content.decode()


def test_the_reset_mail_is_in_english_for_an_editor_who_chose_english(projectteam):
    ask_reset("projectteam@example.org", language="en")
    assert mail.outbox[0].subject == "Set a new password for the Technology Pact's management site"
    assert "open this link within an hour" in mail.outbox[0].body


def test_an_unknown_or_non_staff_address_gets_the_same_answer_and_no_mail(
    projectteam, django_user_model
):
    django_user_model.objects.create_user("visitor", "visitor@example.org", PASSWORD)
    answers = [
        ask_reset(email, remote=f"203.0.113.{n}")
        for n, email in enumerate(
            ["projectteam@example.org", "nobody@example.org", "visitor@example.org"]
        )
    ]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["projectteam@example.org"]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("accounts:password_reset_done"))
    }


def test_reset_requests_count_for_the_lockout(projectteam):
    statuses = [ask_reset("projectteam@example.org").status_code for _ in range(6)]
    assert statuses == [302] * 4 + [429] * 2
    assert len(mail.outbox) == 4  # at most four mails an hour to one address from one visitor
    # The visitor's address has used up half of its ten tries; five more addresses lock it.
    for n in range(5):
        ask_reset(f"someone-{n}@example.org")
    assert (
        StaffClient(REMOTE_ADDR=VISITOR)
        .post("/admin/login/", {"username": "projectteam", "password": PASSWORD})
        .status_code
        == 429
    )


def test_a_locked_address_gets_no_reset_mail(projectteam):
    for n in range(10):
        StaffClient(REMOTE_ADDR=VISITOR).post(
            "/admin/login/", {"username": f"guess-{n}", "password": "wrong-password"}
        )
    locked = ask_reset("projectteam@example.org")
    assert locked.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in locked.content.decode()
    assert mail.outbox == []
    assert ask_reset("projectteam@example.org", remote="198.51.100.9").status_code == 302
    assert len(mail.outbox) == 1


@pytest.fixture
def smtp_server():
    """A real SMTP server on localhost (aiosmtpd) that keeps what it receives."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    with socket.socket() as probe:  # a free port for this run
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = controller_module.Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port, received
    controller.stop()


def test_the_reset_mail_goes_out_through_the_configured_smtp_server(
    settings, projectteam, smtp_server
):
    port, received = smtp_server
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "use_tls": False, "timeout": 5},
        }
    }
    assert ask_reset("projectteam@example.org").status_code == 302
    assert len(received) == 1
    envelope = received[0]
    assert envelope.rcpt_tos == ["projectteam@example.org"]
    message = message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["Subject"] == "Nieuw wachtwoord voor de beheersite van het Techniekpact"
    assert message["From"] == settings.DEFAULT_FROM_EMAIL
    body = message.get_content()
    assert re.search(r"http://testserver/admin/password-reset/[^/\s]+/[^/\s]+/", body)


def test_a_mail_server_that_is_down_costs_the_mail_not_the_page(settings, projectteam):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens there once the probe closes
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "use_tls": False, "timeout": 2},
        }
    }
    response = ask_reset("projectteam@example.org")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
