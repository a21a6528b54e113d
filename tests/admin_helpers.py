"""Users with the editors' roles, made the way the site's administrators make them."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation

from regions.models import Landsdeel

PASSWORD = "a-long-and-unusual-test-password"


def urls(obj):
    """An item's public address in each language."""
    result = {}
    for code in ("nl", "en"):
        with translation.override(code):
            result[code] = obj.get_absolute_url()
    return result


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
            if value is None:
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
