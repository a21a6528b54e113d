"""Unpublished content never reaches a visitor: not on its own page, not in any list."""

import pytest
from django.utils import translation

from faq.models import Category, Question
from pages.models import Goal, Milestone, Page, Partner
from regions.models import Landsdeel, Programme

pytestmark = pytest.mark.django_db

EVERY_LIST = [
    "/nl/",
    "/nl/doelen/",
    "/nl/landsdelen/",
    "/nl/partners/",
    "/nl/veelgestelde-vragen/",
    "/nl/over-het-techniekpact/",
    "/en/",
    "/en/goals/",
    "/en/regions/",
    "/en/partners/",
    "/en/faq/",
    "/en/about/",
]


def hide(obj):
    obj.is_published = False
    obj.save()
    return obj


def visible_anywhere(client, needle):
    pages = EVERY_LIST + [url for language in ("nl", "en") for url in _details(language)]
    return [url for url in pages if needle in client.get(url).content.decode()]


def _details(language):
    with translation.override(language):
        return [ld.get_absolute_url() for ld in Landsdeel.objects.published()] + [
            goal.get_absolute_url() for goal in Goal.objects.published()
        ]


def test_a_draft_goal_has_no_page_and_is_in_no_list(client):
    goal = hide(Goal.objects.get(number=7))
    for language in ("nl", "en"):
        with translation.override(language):
            assert client.get(goal.get_absolute_url()).status_code == 404
    assert visible_anywhere(client, goal.title_nl) == []
    assert visible_anywhere(client, goal.title_en) == []


def test_a_draft_landsdeel_has_no_page_and_is_in_no_list(client):
    hide(Landsdeel.objects.get(slug_nl="oost"))
    assert client.get("/nl/landsdelen/oost/").status_code == 404
    assert client.get("/en/regions/east/").status_code == 404
    # The lists the site builds itself (editors' own links in texts are theirs to fix).
    for url in ("/nl/", "/nl/landsdelen/", "/nl/landsdelen/noord/"):
        assert 'href="/nl/landsdelen/oost/"' not in client.get(url).content.decode(), url
    for url in ("/en/", "/en/regions/", "/en/regions/north/"):
        assert 'href="/en/regions/east/"' not in client.get(url).content.decode(), url


def test_a_draft_question_or_category_is_not_shown(client):
    question = hide(Question.objects.visible().first())
    assert visible_anywhere(client, question.question_nl) == []
    category = hide(Category.objects.published().last())
    hidden_questions = list(category.questions.all())
    faq = client.get("/en/faq/").content.decode()
    assert category.name_en not in faq
    assert all(q.question_en not in faq for q in hidden_questions)


def test_draft_partner_programme_milestone_and_page_are_not_shown(client):
    partner = hide(Partner.objects.first())
    programme = hide(Programme.objects.first())
    milestone = hide(Milestone.objects.first())
    hide(Page.objects.get(slug_nl="regelingen"))
    assert partner.name_nl not in client.get("/nl/partners/").content.decode()
    with translation.override("en"):
        region_url = programme.landsdeel.get_absolute_url()
    assert programme.name_en not in client.get(region_url).content.decode()
    assert milestone.title_en not in client.get("/en/about/").content.decode()
    assert client.get("/nl/regelingen/").status_code == 404
    assert client.get("/en/schemes/").status_code == 404
    assert 'href="/nl/regelingen/"' not in client.get("/nl/").content.decode()
