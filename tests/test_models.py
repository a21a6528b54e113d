from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from faq.models import Category, Question
from pages.models import Goal, Pact, Page
from regions.models import Coverage, Landsdeel

pytestmark = pytest.mark.django_db


def make_goal(number, **fields):
    fields.setdefault("is_published", True)
    return Goal.objects.create(
        number=number,
        slug_nl=f"doel-{number}",
        slug_en=f"goal-{number}",
        title_nl=f"Doel {number}",
        title_en=f"Goal {number}",
        summary="s",
        body="b",
        stage=Goal.Stage.PRIMARY,
        **fields,
    )


def test_published_honours_the_flag_and_the_publication_window():
    Goal.objects.all().delete()
    now = timezone.now()
    shown = make_goal(1)
    make_goal(2, is_published=False)
    make_goal(3, publish_from=now + timedelta(days=1))
    make_goal(4, publish_until=now - timedelta(seconds=1))
    window = make_goal(
        5, publish_from=now - timedelta(days=1), publish_until=now + timedelta(days=1)
    )
    assert list(Goal.objects.published()) == [shown, window]


def test_goal_numbers_are_unique_and_between_1_and_12():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_goal(1)  # the fixtures already have goal 1
    Goal.objects.all().delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_goal(13)
    with pytest.raises(ValidationError):
        Goal(number=0).full_clean()


def test_there_is_only_one_pact():
    pact = Pact.load()
    pact.pk = None
    pact.save()
    assert Pact.objects.count() == 1


@pytest.mark.parametrize(
    "slug", ["doelen", "landsdelen", "veelgestelde-vragen", "over-het-techniekpact"]
)
def test_a_free_page_cannot_take_an_address_the_site_already_uses(slug):
    page = Page(slug_nl=slug, slug_en="fine-page", title_nl="t", title_en="t", body_nl="b")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "slug_nl" in error.value.message_dict


def test_a_free_page_may_take_a_new_address():
    Page(slug_nl="nieuwsbrief", slug_en="newsletter", title="t", body="b").clean()


def test_coverage_label_names_the_part_or_the_whole_province():
    zuidwest = Landsdeel.objects.get(slug_nl="zuidwest")
    labels = {c.label for c in Coverage.objects.filter(landsdeel=zuidwest)}
    assert "West-Brabant" in labels
    assert "Zeeland" in labels


def test_visible_questions_exclude_a_hidden_category():
    category = Category.objects.create(
        name="Verborgen", slug_nl="verborgen", slug_en="hidden", is_published=False
    )
    question = Question.objects.create(
        category=category,
        question="Q?",
        slug_nl="q-nl",
        slug_en="q-en",
        answer="a",
        is_published=True,
    )
    assert question in Question.objects.published()
    assert question not in Question.objects.visible()
