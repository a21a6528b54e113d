"""Admin addresses every editor can type: each answers by the user's rights, never a 500.

Allowed/denied pairs for the history comparison (every field of every version), malformed ids,
the first-version snapshot of a refused change, and the history page under the strict CSP.
"""

import pytest
from django.urls import reverse
from reversion.models import Version

from pages.models import Goal
from tests.support.admin_helpers import form_data

pytestmark = pytest.mark.django_db


def admin_url(obj, view, *args):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[obj.pk, *args])


def make_two_versions(client, obj, **values):
    """Change `obj` once as the logged-in project team: a version before and one after."""
    address = admin_url(obj, "change")
    data = form_data(client.get(address))
    data.update(values, _publish="Publish")
    assert client.post(address, data).status_code == 302
    newest, oldest = Version.objects.get_for_object(obj)[:2]
    return {"version_id1": oldest.pk, "version_id2": newest.pk}


@pytest.fixture
def goal_versions(client, projectteam):
    goal = Goal.objects.get(number=4)
    client.force_login(projectteam)
    versions = make_two_versions(client, goal, summary_nl="Xylofoongeheim")
    client.logout()
    return goal, versions


def test_the_project_team_compares_a_goals_versions(client, projectteam, goal_versions):
    goal, versions = goal_versions
    client.force_login(projectteam)
    response = client.get(admin_url(goal, "compare"), versions)
    assert response.status_code == 200
    assert "Xylofoongeheim" in response.content.decode()


def test_a_coordinator_may_not_compare_a_goals_versions(client, coordinator, goal_versions):
    goal, versions = goal_versions
    client.force_login(coordinator)
    response = client.get(admin_url(goal, "compare"), versions)
    assert response.status_code == 403
    assert "Xylofoongeheim" not in response.content.decode()


def test_a_coordinator_compares_their_own_landsdeel_but_not_another(
    client, projectteam, coordinator, noord, oost
):
    client.force_login(projectteam)
    noord_versions = make_two_versions(client, noord, summary_nl="Xylofoonnoord")
    oost_versions = make_two_versions(client, oost, summary_nl="Xylofoonoost")
    client.force_login(coordinator)
    own = client.get(admin_url(noord, "compare"), noord_versions)
    assert own.status_code == 200
    assert "Xylofoonnoord" in own.content.decode()
    other = client.get(admin_url(oost, "compare"), oost_versions)
    assert other.status_code in (403, 404)
    assert "Xylofoonoost" not in other.content.decode()
    # Oost's versions under Noord's address: not Noord's versions, so not shown either.
    mixed = client.get(admin_url(noord, "compare"), oost_versions)
    assert "Xylofoonoost" not in mixed.content.decode()


MALFORMED = [
    "/admin/regions/landsdeel/abc/change/",
    "/admin/regions/landsdeel/abc/history/",
    "/admin/regions/landsdeel/abc/delete/",
    "/admin/regions/landsdeel/abc/history/compare/?version_id1=1&version_id2=2",
    "/admin/regions/programme/abc/change/",
    "/admin/regions/programme/abc/history/",
    "/admin/pages/goal/abc/change/",
    "/admin/pages/goal/abc/history/",
    "/admin/pages/goal/abc/delete/",
    "/admin/faq/question/abc/change/",
]


@pytest.mark.parametrize("user", ["coordinator", "projectteam"])
@pytest.mark.parametrize("address", MALFORMED)
def test_a_malformed_id_is_not_found_not_a_server_error(request, client, user, address):
    client.force_login(request.getfixturevalue(user))
    for response in (client.get(address), client.post(address, {"post": "yes"})):
        assert response.status_code in (302, 403, 404), address
    if user == "projectteam":
        # As for any item that does not exist: back to the list, saying so (or 404).
        response = client.get(address)
        assert response.status_code in (302, 404)


def test_a_refused_change_leaves_no_version_in_the_history(client, coordinator):
    goal = Goal.objects.get(number=9)
    assert not Version.objects.get_for_object(goal).exists()
    client.force_login(coordinator)
    response = client.post(admin_url(goal, "change"), {"summary_nl": "Gekaapt"})
    assert response.status_code == 403
    assert not Version.objects.get_for_object(goal).exists()
    goal.refresh_from_db()
    assert goal.summary_nl != "Gekaapt"


def test_a_refused_change_of_another_landsdeel_leaves_no_version(client, coordinator, oost):
    client.force_login(coordinator)
    assert client.post(admin_url(oost, "change"), {"summary_nl": "x"}).status_code == 403
    assert not Version.objects.get_for_object(oost).exists()


def test_an_allowed_change_still_keeps_the_version_before_it(client, coordinator, noord):
    coordinator.region_memberships.update(may_publish=True)  # trusted: publishes directly
    client.force_login(coordinator)
    make_two_versions(client, noord, summary_nl="Nieuw")
    versions = Version.objects.get_for_object(noord)
    assert versions.count() == 2
    assert {v.revision.user for v in versions} == {coordinator}


def test_the_history_page_has_no_inline_style(client, projectteam, goal_versions):
    goal, _versions = goal_versions
    client.force_login(projectteam)
    response = client.get(admin_url(goal, "history"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="version_id1"' in page  # the comparison table is there
    assert "style=" not in page.split('id="change-history"', 1)[1]
    assert 'class="compare-placeholder"' in page
    assert "css/admin.css" in page
