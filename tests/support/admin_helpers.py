"""Users with the editors' roles, made the way the site's administrators make them, and a
test client that logs them in the way they end up after a real login."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models.fields.files import FieldFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from regions.models import Landsdeel

PASSWORD = "a-long-and-unusual-test-password"


def urls(obj):
    """An item's public address in each language."""
    result = {}
    for code in ("nl", "en"):
        with translation.override(code):
            result[code] = obj.get_absolute_url()
    return result


class StaffClient(Client):
    """Django's test client; `force_login` logs a user in with both steps done: password and
    second factor (an authenticator app set up for them if they have none, and the session
    marked as verified by it, as `django_otp.login` does after a right code).

    `force_login(user, second_factor=False)` stops after the password, as a real login does
    until the second step is passed.
    """

    def force_login(self, user, backend=None, second_factor=True):
        super().force_login(user, backend)
        session = self.session
        if second_factor:
            session[DEVICE_ID_SESSION_KEY] = authenticator_app(user).persistent_id
        else:
            # Logging the same user in again keeps the session's data: drop the second step.
            session.pop(DEVICE_ID_SESSION_KEY, None)
        session.save()


def authenticator_app(user):
    """The user's confirmed authenticator app (TOTP), set up if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)


def current_code(device):
    """The six digits the user's app shows right now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def client():
    """The test client for every test (pytest-django's `client`, see `StaffClient`)."""
    return StaffClient()


def make_editor(username, *role_args):
    call_command("createeditor", username, "--email", f"{username}@example.org", *role_args)
    return get_user_model().objects.get(username=username)


@pytest.fixture
def editor_password(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", PASSWORD)
    return PASSWORD


@pytest.fixture
def projectteam(editor_password):
    return make_editor("projectteam", "--projectteam")


@pytest.fixture
def coordinator(editor_password):
    """The Noord coordinator."""
    return make_editor("noord-coordinator", "--landsdeel", "noord")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


@pytest.fixture
def noord(db):
    return Landsdeel.objects.get(slug_nl="noord")


@pytest.fixture
def oost(db):
    return Landsdeel.objects.get(slug_nl="oost")


def form_data(response):
    """The POST data an editor's browser would send for the admin form in `response`, as is."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            value = form[name].value()
            key = form.add_prefix(name)
            # An empty file field (no upload): the browser sends nothing for it.
            if value is None or (isinstance(value, FieldFile) and not value):
                continue
            if isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif type(field.widget).__name__ == "SplitDateTimeWidget" or hasattr(
                field.widget, "widgets"
            ):
                for index, part in enumerate(field.widget.decompress(value)):
                    data[f"{key}_{index}"] = "" if part is None else part
            else:
                data[key] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


# The test client, logged in (both steps) as one of the editors above. Defined here only: the
# test modules share them (tests/conftest.py loads this module as a plugin).


@pytest.fixture
def as_projectteam(client, projectteam):
    client.force_login(projectteam)
    return client


@pytest.fixture
def as_coordinator(client, coordinator):
    """Logged in as the Noord coordinator."""
    client.force_login(coordinator)
    return client


@pytest.fixture
def as_superuser(client, superuser):
    client.force_login(superuser)
    return client


def change_and_publish(client, obj, **values):
    """Change `obj` through its admin form and publish the change at once."""
    opts = obj._meta
    address = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = form_data(client.get(address))
    data.update(values, _publish="Publish")  # publish at once (a plain save keeps a draft)
    response = client.post(address, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj
