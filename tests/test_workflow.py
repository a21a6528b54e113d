"""The editorial workflow: drafts of live items, review, publishing, locking, owners' checks."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from faq.models import Category, Question
from pages.models import Goal, Pact
from regions.models import Landsdeel, Programme
from techniekpact import workflow
from techniekpact.models import EditorialState, EditorPreference, WorkflowEvent
from tests.support.admin_helpers import StaffClient, form_data

pytestmark = pytest.mark.django_db

OLD_SUMMARY = "Samenvatting zoals het publiek haar nu leest"
NEW_SUMMARY = "Xylofoonregio met een nieuwe samenvatting"


def admin_url(obj_or_model, view, *args):
    opts = obj_or_model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def edit(client, obj, button=None, **values):
    """Open the change form of `obj`, change `values` and press `button` (None: "Save")."""
    address = admin_url(obj, "change", obj.pk)
    data = form_data(client.get(address))
    data["_lock"] = client.get(address).context["workflow"]["lock"]
    data.update(values)
    if button:
        data[button] = "1"
    return client.post(address, data)


def search(client, language, query):
    with translation.override(language):
        address = reverse("search:index")
    return client.get(address, {"q": query}).content.decode()


@pytest.fixture
def noord_live(noord):
    noord.summary_nl = OLD_SUMMARY
    noord.save()
    return noord


def test_a_coordinators_change_waits_for_review_and_shows_at_once_when_approved(
    client, coordinator, projectteam, noord_live
):
    anonymous = StaffClient()
    public = "/nl/landsdelen/noord/"
    assert OLD_SUMMARY in anonymous.get(public).content.decode()  # now in the page cache

    client.force_login(coordinator)
    response = edit(client, noord_live, summary_nl=NEW_SUMMARY)
    assert response.status_code == 302
    noord_live.refresh_from_db()
    assert noord_live.summary_nl == OLD_SUMMARY
    page = anonymous.get(public).content.decode()
    assert OLD_SUMMARY in page and NEW_SUMMARY not in page
    assert NEW_SUMMARY not in search(anonymous, "nl", "xylofoonregio")

    # The coordinator previews the change, with the banner, never cached.
    preview = client.get(public, {"preview": "changes"})
    assert NEW_SUMMARY in preview.content.decode()
    assert "wijzigingen die nog niet gepubliceerd zijn" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    # Without asking for the preview (and for visitors) the live version.
    assert NEW_SUMMARY not in client.get(public).content.decode()
    assert NEW_SUMMARY not in anonymous.get(public, {"preview": "changes"}).content.decode()

    # Submit for review, with a note: the project team is mailed.
    response = edit(client, noord_live, "_submit", _review_note="Graag voor vrijdag")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[projectteam.email]]
    assert "Graag voor vrijdag" in mail.outbox[0].body
    # A coordinator may not approve anything.
    review = admin_url(noord_live, "review", noord_live.pk)
    assert client.get(review).status_code == 403

    client.force_login(projectteam)
    home = client.get(reverse("admin:index")).content.decode()
    assert "Te beoordelen" in home and review in home
    page = client.get(review).content.decode()
    assert OLD_SUMMARY in page and "<ins>Xylofoonregio" in page
    response = client.post(review, {"_approve": "1", "comment": "Prima"})
    assert response.status_code == 302

    page = anonymous.get(public).content.decode()
    assert NEW_SUMMARY in page and OLD_SUMMARY not in page
    assert "Noord" in search(anonymous, "nl", "xylofoonregio")
    assert mail.outbox[-1].to == [coordinator.email]
    assert "Prima" in mail.outbox[-1].body
    steps = [(e.action, e.user) for e in workflow.history(noord_live)]
    assert steps[:3] == [
        (WorkflowEvent.Action.APPROVED, projectteam),
        (WorkflowEvent.Action.SUBMITTED, coordinator),
        (WorkflowEvent.Action.SAVED_DRAFT, coordinator),
    ]
    history = client.get(admin_url(noord_live, "history", noord_live.pk)).content.decode()
    assert "Graag voor vrijdag" in history and "Goedgekeurd en gepubliceerd" in history


def test_sending_back_keeps_the_live_version_and_tells_the_author_why(
    client, coordinator, projectteam, noord_live
):
    english = StaffClient()
    english.cookies["django_language"] = "en"  # this coordinator uses the admin in English
    english.force_login(coordinator)
    edit(english, noord_live, "_submit", summary_nl=NEW_SUMMARY)
    assert EditorPreference.objects.get(user=coordinator).language == "en"
    client.force_login(projectteam)
    review = admin_url(noord_live, "review", noord_live.pk)
    refused = client.post(review, {"_send_back": "1", "comment": ""})
    assert refused.status_code == 200  # a comment is required
    assert "Zeg wat de auteur moet veranderen" in refused.content.decode()
    assert client.post(review, {"_send_back": "1", "comment": "Te lang"}).status_code == 302
    noord_live.refresh_from_db()
    assert noord_live.summary_nl == OLD_SUMMARY
    sent = mail.outbox[-1]
    assert sent.to == [coordinator.email]
    assert sent.subject.startswith("Sent back")  # in the language the author uses
    assert "Te lang" in sent.body

    form = english.get(admin_url(noord_live, "change", noord_live.pk)).content.decode()
    assert "Sent back by the project team" in form and "Te lang" in form
    assert "Te lang" in english.get(reverse("admin:index")).content.decode()
    assert NEW_SUMMARY in form  # the draft change is still there to work on


def test_a_new_faq_question_with_the_defaults_is_not_shown_until_published(client, projectteam):
    client.force_login(projectteam)
    category = Category.objects.published().first()
    add = client.get(admin_url(Question, "add"))
    data = form_data(add)
    data.update(
        category=category.pk,
        question_nl="Mag een nieuwe vraag al online?",
        question_en="May a new question go online?",
        slug_nl="nieuwe-vraag",
        slug_en="new-question",
        answer_nl="Pas na publicatie.",
        answer_en="Only once published.",
    )
    assert client.post(admin_url(Question, "add"), data).status_code == 302
    question = Question.objects.get(slug_nl="nieuwe-vraag")
    assert not question.is_published
    anonymous = StaffClient()
    assert "Mag een nieuwe vraag" not in anonymous.get("/nl/veelgestelde-vragen/").content.decode()
    listing = client.get(admin_url(Question, "changelist"), {"status": "draft"})
    assert list(listing.context["cl"].queryset) == [question]
    assert "Concept" in listing.content.decode()

    assert edit(client, question, "_publish").status_code == 302
    assert "Mag een nieuwe vraag" in anonymous.get("/nl/veelgestelde-vragen/").content.decode()


def test_the_second_of_two_editors_saving_a_goal_gets_the_conflict_and_keeps_their_text(
    projectteam, superuser
):
    goal = Goal.objects.get(number=2)
    first, second = StaffClient(), StaffClient()
    first.force_login(projectteam)
    second.force_login(superuser)
    address = admin_url(goal, "change", goal.pk)
    forms = []
    for client in (first, second):
        response = client.get(address)
        data = form_data(response)
        data["_lock"] = response.context["workflow"]["lock"]
        forms.append(data)
    versions_before = Version.objects.get_for_object(goal).count()

    forms[0].update(summary_nl="Eerste redacteur", _publish="1")
    assert first.post(address, forms[0]).status_code == 302
    forms[1].update(summary_nl="Tweede redacteur", _publish="1")
    response = second.post(address, forms[1])
    assert response.status_code == 200
    page = response.content.decode()
    assert "Iemand anders heeft dit item opgeslagen nadat u het opende" in page
    assert "<ins>Eerste" in page  # the diff: what the other editor changed
    assert response.context["adminform"].form["summary_nl"].value() == "Tweede redacteur"
    goal.refresh_from_db()
    assert goal.summary_nl == "Eerste redacteur"
    # One change in the history (plus the version kept from before the first change).
    versions = Version.objects.get_for_object(goal)
    assert versions.count() - versions_before == 2
    assert versions.first().field_dict["summary_nl"] == "Eerste redacteur"


def test_a_second_save_of_a_draft_change_from_an_old_form_is_refused_too(
    client, projectteam, superuser
):
    goal = Goal.objects.get(number=3)
    other = StaffClient()
    other.force_login(superuser)
    client.force_login(projectteam)
    address = admin_url(goal, "change", goal.pk)
    stale = client.get(address)
    stale_data = {**form_data(stale), "_lock": stale.context["workflow"]["lock"]}
    assert edit(other, goal, summary_en="Draft by the other editor").status_code == 302
    stale_data["summary_en"] = "My draft"
    response = client.post(address, stale_data)
    assert response.status_code == 200
    assert "Draft by the other editor" in response.content.decode()
    assert workflow.working_version(goal).summary_en == "Draft by the other editor"


def test_the_conflict_message_is_in_the_editors_language(client, projectteam, superuser):
    goal = Goal.objects.get(number=4)
    client.cookies["django_language"] = "en"
    client.force_login(projectteam)
    address = admin_url(goal, "change", goal.pk)
    stale = client.get(address)
    stale_data = {**form_data(stale), "_lock": stale.context["workflow"]["lock"]}
    other = StaffClient()
    other.force_login(superuser)
    edit(other, goal, "_publish", summary_nl="Ander")
    response = client.post(address, {**stale_data, "summary_nl": "Mijn tekst"})
    assert "Someone else saved this item after you opened it" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Concept", "Gepland", "Gepubliceerd", "Gepubliceerd, wijzigingen in concept"]),
        ("en", ["Draft", "Scheduled", "Published", "Published, changes in draft"]),
    ],
)
def test_every_list_shows_the_status_in_words_with_a_filter(client, projectteam, language, words):
    goals = {g.number: g for g in Goal.objects.all()}
    Goal.objects.filter(pk=goals[1].pk).update(is_published=False)
    Goal.objects.filter(pk=goals[2].pk).update(publish_from=timezone.now() + timedelta(days=3))
    Goal.objects.filter(pk=goals[3].pk).update(publish_until=timezone.now() - timedelta(days=1))
    client.cookies["django_language"] = language
    client.force_login(projectteam)
    edit(client, goals[4], summary_nl="Concepttekst")
    page = client.get(admin_url(Goal, "changelist")).content.decode()
    for word in words:
        assert f'<td class="field-status">{word}</td>' in page
    expired = "Verlopen" if language == "nl" else "Expired"
    assert f'<td class="field-status">{expired}</td>' in page
    filtered = {
        status: list(
            client.get(admin_url(Goal, "changelist"), {"status": status}).context["cl"].queryset
        )
        for status in ["draft", "scheduled", "expired", "changed"]
    }
    assert filtered == {
        "draft": [goals[1]],
        "scheduled": [goals[2]],
        "expired": [goals[3]],
        "changed": [goals[4]],
    }
    for model in [Pact, Programme, Landsdeel, Category, Question]:
        listing = client.get(admin_url(model, "changelist"))
        assert listing.status_code == 200
        assert "field-status" in listing.content.decode(), model
        assert "?status=" in listing.content.decode(), model


def test_a_window_that_ends_before_it_starts_is_a_form_error(client, projectteam):
    client.force_login(projectteam)
    goal = Goal.objects.get(number=5)
    response = edit(
        client,
        goal,
        "_publish",
        publish_from_0="10-03-2027",
        publish_from_1="12:00:00",
        publish_until_0="01-03-2027",
        publish_until_1="12:00:00",
    )
    assert response.status_code == 200
    assert "Het einde van de publicatie moet na het begin liggen" in response.content.decode()


def test_an_untrusted_coordinator_cannot_publish_and_a_trusted_one_can(
    client, coordinator, noord_live
):
    client.force_login(coordinator)
    form = client.get(admin_url(noord_live, "change", noord_live.pk)).content.decode()
    assert 'name="_publish"' not in form
    edit(client, noord_live, "_publish", summary_nl=NEW_SUMMARY)  # a forged publish: a draft
    noord_live.refresh_from_db()
    assert noord_live.summary_nl == OLD_SUMMARY

    coordinator.region_memberships.update(may_publish=True)
    assert edit(client, noord_live, "_publish").status_code == 302
    noord_live.refresh_from_db()
    assert noord_live.summary_nl == NEW_SUMMARY


def test_a_new_programme_by_a_coordinator_is_published_by_approval(
    client, coordinator, projectteam, noord
):
    client.force_login(coordinator)
    data = form_data(client.get(admin_url(Programme, "add")))
    data.update(landsdeel=noord.pk, name_nl="Proefprogramma", name_en="Trial programme")
    data["_submit"] = "1"
    assert client.post(admin_url(Programme, "add"), data).status_code == 302
    programme = Programme.objects.get(name_nl="Proefprogramma")
    assert not programme.is_published
    assert "Proefprogramma" not in StaffClient().get("/nl/landsdelen/noord/").content.decode()
    client.force_login(projectteam)
    review = admin_url(programme, "review", programme.pk)
    assert client.post(review, {"_approve": "1"}).status_code == 302
    assert "Proefprogramma" in StaffClient().get("/nl/landsdelen/noord/").content.decode()


def test_the_project_team_may_ask_one_colleague_who_cannot_be_the_author(
    client, projectteam, editor_password
):
    from tests.support.admin_helpers import make_editor

    colleague = make_editor("collega", "--projectteam")
    make_editor("derde", "--projectteam")
    goal = Goal.objects.get(number=6)
    client.force_login(projectteam)
    edit(client, goal, "_submit", summary_en="Asked of a colleague", _reviewer=colleague.pk)
    assert [m.to for m in mail.outbox] == [[colleague.email]]
    # The author cannot approve their own change.
    assert client.get(admin_url(goal, "review", goal.pk)).status_code == 403
    client.force_login(colleague)
    assert "gevraagd aan u" in client.get(reverse("admin:index")).content.decode()


def test_discard_drops_the_draft_change(client, projectteam):
    goal = Goal.objects.get(number=7)
    client.force_login(projectteam)
    edit(client, goal, summary_nl="Weg ermee")
    assert workflow.working_version(goal).summary_nl == "Weg ermee"
    edit(client, goal, "_discard")
    assert workflow.working_version(goal).summary_nl != "Weg ermee"
    assert not EditorialState.objects.filter(object_id=goal.pk, data__isnull=False).exists()


def test_a_draft_change_can_be_published_at_a_set_moment(client, projectteam):
    goal = Goal.objects.get(number=8)
    client.force_login(projectteam)
    later = timezone.localtime() + timedelta(hours=2)
    edit(
        client, goal, "_publish", summary_nl="Straks", _publish_at=later.strftime("%Y-%m-%dT%H:%M")
    )
    goal.refresh_from_db()
    assert goal.summary_nl != "Straks"
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    goal.refresh_from_db()
    assert goal.summary_nl != "Straks"  # not yet
    EditorialState.objects.filter(object_id=goal.pk).update(publish_at=timezone.now())
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    goal.refresh_from_db()
    assert goal.summary_nl == "Straks"


def test_the_pact_has_the_workflow_too(client, projectteam):
    pact = Pact.load()
    client.force_login(projectteam)
    edit(client, pact, tagline_nl="Een nieuwe ondertitel in concept")
    assert "Een nieuwe ondertitel" not in StaffClient().get("/nl/").content.decode()
    assert "Een nieuwe ondertitel" in client.get("/nl/", {"preview": "changes"}).content.decode()
    edit(client, pact, "_publish")
    assert "Een nieuwe ondertitel" in StaffClient().get("/nl/").content.decode()


# Owner and freshness


@pytest.mark.parametrize(
    ("address", "text"),
    [
        ("/nl/landsdelen/noord/", "Laatst gecontroleerd op 1 december 2026"),
        ("/en/regions/north/", "Last reviewed 1 December 2026"),
    ],
)
def test_public_pages_say_when_they_were_last_reviewed(client, noord, address, text):
    moment = timezone.make_aware(timezone.datetime(2026, 12, 1, 10, 0))
    Landsdeel.objects.filter(pk=noord.pk).update(updated_at=moment - timedelta(days=90))
    Landsdeel.objects.filter(pk=noord.pk).update(last_reviewed_at=moment)
    assert text in client.get(address).content.decode()


def test_confirming_an_item_gives_it_a_new_review_date_without_changing_it(client, projectteam):
    goal = Goal.objects.get(number=9)
    long_ago = timezone.now() - timedelta(days=400)
    Goal.objects.filter(pk=goal.pk).update(updated_at=long_ago)
    client.force_login(projectteam)
    home = client.get(reverse("admin:index")).content.decode()
    assert "Te controleren" in home and admin_url(goal, "change", goal.pk) in home
    edit(client, goal, "_confirm_review")
    goal.refresh_from_db()
    assert goal.updated_at == long_ago
    assert goal.last_reviewed_at > long_ago
    assert (
        admin_url(goal, "change", goal.pk)
        not in client.get(reverse("admin:index")).content.decode()
    )


def test_review_reminders_go_to_each_owner_once(capsys, coordinator, projectteam, noord):
    long_ago = timezone.now() - timedelta(days=400)
    for model in [Goal, Landsdeel, Category, Pact]:
        model.objects.update(updated_at=timezone.now())
    Landsdeel.objects.filter(pk=noord.pk).update(updated_at=long_ago, owner_role="coordinators")
    Goal.objects.filter(number=10).update(updated_at=long_ago)
    call_command("send_review_reminders")
    out = capsys.readouterr().out
    assert f"Mailed {coordinator.email}: 1 item(s)" in out
    assert f"Mailed {projectteam.email}: 1 item(s)" in out
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "Noord" in by_recipient[coordinator.email].body
    assert "Doel" not in by_recipient[coordinator.email].body
    call_command("send_review_reminders")
    assert "No reminders to send" in capsys.readouterr().out
    assert len(mail.outbox) == 2


# Mail through a real SMTP server


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    class Collect:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            self.messages.append(envelope)
            return "250 OK"

    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "use_tls": False},
        }
    }
    settings.DEFAULT_FROM_EMAIL = "redactie@techniekpact.example"
    yield handler
    controller.stop()


def test_the_review_flow_mails_through_a_real_smtp_server(
    client, coordinator, projectteam, noord_live, smtp_server
):
    client.force_login(coordinator)
    edit(client, noord_live, "_submit", summary_nl=NEW_SUMMARY, _review_note="Nieuw voorjaar")
    client.force_login(projectteam)
    client.post(admin_url(noord_live, "review", noord_live.pk), {"_approve": "1"})
    received = [(m.rcpt_tos, m.mail_from, m.content.decode()) for m in smtp_server.messages]
    assert [r[0] for r in received] == [[projectteam.email], [coordinator.email]]
    assert all(r[1] == "redactie@techniekpact.example" for r in received)
    assert "Nieuw voorjaar" in received[0][2]
    assert "/admin/regions/landsdeel/" in received[0][2]
    assert "Gepubliceerd" in received[1][2] or "goedgekeurd" in received[1][2]
    noord_live.refresh_from_db()
    assert noord_live.summary_nl == NEW_SUMMARY
