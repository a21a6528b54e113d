"""Mails to editors, each in the language they last used the admin in (Dutch when unknown).

Sent through Django's email framework (SMTP settings from the environment). A mail server that
is away must not stop an editor's step: failures are logged and reported as a count."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from techniekpact.models import EditorPreference

logger = logging.getLogger(__name__)


def language_of(user):
    preference = EditorPreference.objects.filter(user=user).first()
    languages = dict(settings.LANGUAGES)
    if preference is not None and preference.language in languages:
        return preference.language
    return settings.LANGUAGE_CODE


def remember_language(request):
    """Keep the admin language of a signed-in editor (once per session and language)."""
    user = getattr(request, "user", None)
    language = translation.get_language()
    if not (user and user.is_authenticated and user.is_staff and language):
        return
    if request.session.get("_editor_language") == language:
        return
    EditorPreference.objects.update_or_create(user=user, defaults={"language": language})
    request.session["_editor_language"] = language


def admin_url(view_name, *args):
    return settings.SITE_URL + reverse(view_name, args=args)


def mail_users(users, template, context):
    """Mail each user (with an address) `template`_subject.txt / `template`.txt rendered in
    their language. Returns the number of mails sent."""
    messages = []
    for user in users:
        if not user.email:
            continue
        with translation.override(language_of(user)):
            ctx = {**context, "recipient": user}
            subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
            body = render_to_string(f"{template}.txt", ctx)
        messages.append(EmailMessage(subject, body, to=[user.email]))
    sent = 0
    for message in messages:
        try:
            sent += message.send()
        except Exception:  # SMTP away, refused, timed out: the step itself has happened
            logger.exception("Could not send a workflow mail (%s) to %s", template, message.to)
    return sent
