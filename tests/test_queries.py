"""Pages need a bounded number of queries that does not grow with the content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from faq.models import Category, Question
from pages.models import Goal, Partner
from regions.models import Landsdeel, Programme
from techniekpact.content_version import bump_content_version, content_version, publishable_models

pytestmark = pytest.mark.django_db

URLS = [
    "/nl/",
    "/en/about/",
    "/nl/doelen/",
    "/en/goals/",
    "/nl/partners/",
    "/en/faq/",
    "/nl/landsdelen/",
    "/en/regions/north/",
    "/nl/regelingen/",
]


def count_queries(client, url):
    content_version()  # once per content change, not per page: see test below
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", URLS)
def test_every_page_needs_few_queries(client, django_assert_max_num_queries, url):
    content_version()  # once per content change, not per page: see test below
    # The home page shows the pact, the national contact, the landsdelen with their
    # provinces, goals, questions, footer pages, news and events: one query each (10). The
    # guard that matters is the next test: the count does not grow with the content.
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200


def test_a_new_content_version_costs_one_query_per_content_model(django_assert_num_queries):
    """After a change, the first request looks up the next publication moment: one small
    aggregate per publishable model, whatever the amount of content."""
    bump_content_version()
    with django_assert_num_queries(len(publishable_models())):
        content_version()
    with django_assert_num_queries(0):
        content_version()


def grow_content_tenfold():
    for i in range(10):
        category = Category.objects.create(
            name=f"Cat {i}", slug_nl=f"cat-nl-{i}", slug_en=f"cat-en-{i}", order=100 + i
        )
        Question.objects.bulk_create(
            Question(
                category=category,
                question_nl=f"Vraag {i}-{j}?",
                question_en=f"Q {i}-{j}?",
                question=f"Vraag {i}-{j}?",
                slug=f"v-{i}-{j}",
                slug_nl=f"v-{i}-{j}",
                slug_en=f"q-{i}-{j}",
                answer="a",
                answer_nl="a",
                answer_en="a",
            )
            for j in range(25)
        )
    for i in range(120):
        Partner.objects.create(name=f"Partner {i}", kind=Partner.Kind.EMPLOYERS)
    north = Landsdeel.objects.get(slug_nl="noord")
    for i in range(50):
        Programme.objects.create(landsdeel=north, name=f"Programma {i}")


def test_query_counts_do_not_grow_with_tenfold_content(client):
    with translation.override("en"):
        goal_url = Goal.objects.first().get_absolute_url()
    urls = [*URLS, goal_url]
    before = {url: count_queries(client, url) for url in urls}
    grow_content_tenfold()
    after = {url: count_queries(client, url) for url in urls}
    assert after == before
