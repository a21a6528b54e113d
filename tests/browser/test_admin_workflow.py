"""axe-core on the editorial workflow's admin pages and the preview of a draft change, in both
languages: the admin home with "To review" and "Due for a check", a change form with a draft
change, the review page with its diff, and the public page previewing the change."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from regions.models import Landsdeel
from techniekpact import workflow
from techniekpact.models import EditorialState, WorkflowEvent
from tests.support.admin_helpers import StaffClient
from tests.support.browser import AXE_TAGS

pytestmark = pytest.mark.browser


@pytest.fixture
def submitted_change(site):
    """A project-team reviewer, and a coordinator's change to Noord submitted for review.
    Browser tests share one database that is not rolled back: all of it is removed after."""
    from tests.support.admin_helpers import make_editor

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_EDITOR_PASSWORD", "a-long-and-unusual-test-password")
        reviewer = make_editor("axe-reviewer", "--projectteam")
        author = make_editor("axe-author", "--landsdeel", "noord")
    noord = Landsdeel.objects.get(slug_nl="noord")
    noord.summary_nl = noord.summary_nl + " (nieuw voorjaar)"
    noord.summary_en = noord.summary_en + " (nieuw voorjaar)"
    workflow.save_working_copy(noord, author)
    workflow.submit(noord, author, "Graag een blik")
    yield reviewer, Landsdeel.objects.get(pk=noord.pk)
    EditorialState.objects.filter(object_id=noord.pk).delete()
    WorkflowEvent.objects.filter(user__in=[reviewer, author]).delete()
    get_user_model().objects.filter(pk__in=[reviewer.pk, author.pk]).delete()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_workflow_admin_pages_have_no_wcag21_aa_violations(new_page, submitted_change, language):
    reviewer, noord = submitted_change
    client = StaffClient()
    client.force_login(reviewer)
    page = new_page()
    # Whole pages, except the change form: its fields are Django's and modeltranslation's
    # (issue 11 reworks them); here only what the workflow adds to it is checked.
    workflow_parts = {"include": [[".workflow-panel"], [".workflow-actions"]]}
    urls = [
        (reverse("admin:index"), None),
        (reverse("admin:regions_landsdeel_change", args=[noord.pk]), workflow_parts),
        (reverse("admin:regions_landsdeel_review", args=[noord.pk]), None),
        (reverse("admin:regions_landsdeel_history", args=[noord.pk]), None),
        (
            ("/nl/landsdelen/noord/" if language == "nl" else "/en/regions/north/")
            + "?preview=changes",
            None,
        ),
    ]
    page.goto("/")
    origin = page.evaluate("location.origin")
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": origin,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": origin},
        ]
    )
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = []
    for url, context in urls:
        response = page.goto(url)
        assert response.status == 200, f"{url} answered {response.status}"
        if context:
            assert page.locator(".workflow-panel").count() == 1
        for violation in axe.run(page, context, options).response["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            found.append(f"{url}: {violation['id']} ({violation['impact']}) at {targets}")
    assert "nieuw voorjaar" in page.content()  # the preview shows the change
    assert not found, "\n".join(found)
