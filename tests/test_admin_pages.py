"""Every admin page opens, for a superuser and for the project team."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

CONTENT_APPS = {"pages", "faq", "regions", "techniekpact"}


def admin_urls(user, content_only=False):
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if content_only and opts.app_label not in CONTENT_APPS:
            continue
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        yield model, model_admin, reverse(f"{prefix}_changelist"), prefix


@pytest.mark.parametrize("role", ["superuser", "projectteam"])
def test_every_admin_list_add_change_and_history_page_opens(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200
    opened = 0
    for model, model_admin, changelist, prefix in admin_urls(user):
        if role == "projectteam" and model._meta.app_label in {"auth", "axes"}:
            continue
        if model._meta.model_name == "regionmembership" and role == "projectteam":
            continue
        response = client.get(changelist)
        assert response.status_code == 200, changelist
        obj = model._default_manager.first()
        if model_admin.has_add_permission(response.wsgi_request):
            assert client.get(reverse(f"{prefix}_add")).status_code == 200, prefix
        if obj is not None:
            change = reverse(f"{prefix}_change", args=[obj.pk])
            assert client.get(change).status_code == 200, change
            history = reverse(f"{prefix}_history", args=[obj.pk])
            assert client.get(history).status_code == 200, history
        opened += 1
    assert opened >= 11


def test_projectteam_does_not_see_users_and_groups(client, projectteam):
    client.force_login(projectteam)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "/admin/auth/" not in index
    assert "/admin/pages/goal/" in index


def test_translated_fields_are_side_by_side_with_their_language_named(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:pages_goal_add")).content.decode()
    assert "jquery-ui" not in page and "tabbed_translation_fields.js" not in page
    assert "ajax.googleapis.com" not in page
    # One form row holds both languages of the title, Dutch first.
    row = page.split("form-multiline field-title_nl field-title_en", 1)[1].split("form-row", 1)[0]
    assert row.index('name="title_nl"') < row.index('name="title_en"')
    assert 'lang="nl"' in row and 'lang="en"' in row
    assert "Titel (Nederlands)" in row and "Titel (Engels)" in row


def test_admin_speaks_dutch_whatever_the_browser_asks(client, superuser):
    client.force_login(superuser)
    page = client.get(reverse("admin:index"), headers={"accept-language": "en"})
    assert page.wsgi_request.LANGUAGE_CODE == "nl"
    assert "Nog te vertalen" in page.content.decode()
