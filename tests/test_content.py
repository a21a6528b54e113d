"""The site's content (fixtures/) is complete and consistent in both languages."""

import re
from collections import Counter

import pytest
from django.apps import apps
from django.core.management import call_command
from modeltranslation.translator import translator

from faq.models import Category, Question
from pages.models import Goal, Pact, Partner
from regions.models import Coverage, Landsdeel, Province

pytestmark = pytest.mark.django_db

LINK = re.compile(r"\[[^\]]+\]\(([^)\s]+)\)")


def test_twelve_goals_numbered_one_to_twelve_with_unique_slugs():
    goals = list(Goal.objects.all())
    assert [goal.number for goal in goals] == list(range(1, 13))
    assert len({goal.slug_nl for goal in goals}) == 12
    assert len({goal.slug_en for goal in goals}) == 12
    assert Goal.objects.get(number=1).title_nl == "Basisscholen bieden in 2020 structureel W&T aan"
    assert Goal.objects.get(number=11).title_nl.startswith(
        "Integrale samenwerking van regionale en sectorale"
    )


def test_five_landsdelen_with_their_slugs():
    assert [(ld.slug_nl, ld.slug_en) for ld in Landsdeel.objects.all()] == [
        ("noord", "north"),
        ("oost", "east"),
        ("zuidoost", "southeast"),
        ("zuidwest", "southwest"),
        ("noordwest", "northwest"),
    ]


def test_twelve_provinces_each_covered_once_and_noord_brabant_split_in_two():
    assert Province.objects.count() == 12
    counts = Counter(c.province.code for c in Coverage.objects.select_related("province"))
    assert set(counts) == set(Province.objects.values_list("code", flat=True))
    assert {code: n for code, n in counts.items() if n != 1} == {"PV30": 2}
    whole = Coverage.objects.filter(part="").exclude(province__code="PV30").count()
    assert whole == 11
    brabant = {c.landsdeel.slug_nl: c for c in Coverage.objects.filter(province__code="PV30")}
    assert set(brabant) == {"zuidwest", "zuidoost"}
    assert brabant["zuidwest"].part_nl == "West-Brabant"
    assert brabant["zuidwest"].corop_codes == "CR33"
    assert "West-Brabant" in brabant["zuidoost"].part_nl  # "Noord-Brabant zonder West-Brabant"
    assert set(brabant["zuidoost"].corop_codes.split(",")) == {"CR34", "CR35", "CR36"}


def test_expected_provinces_per_landsdeel():
    expected = {
        "noord": {"Groningen", "Fryslân", "Drenthe"},
        "oost": {"Gelderland", "Overijssel"},
        "zuidoost": {"Noord-Brabant", "Limburg"},
        "zuidwest": {"Zeeland", "Noord-Brabant", "Zuid-Holland"},
        "noordwest": {"Noord-Holland", "Utrecht", "Flevoland"},
    }
    for landsdeel in Landsdeel.objects.all():
        names = {c.province.name_nl for c in landsdeel.coverages.select_related("province")}
        assert names == expected[landsdeel.slug_nl], landsdeel.slug_nl


def test_faq_has_at_least_twenty_real_questions_each_with_a_link():
    questions = list(Question.objects.visible())
    assert len(questions) >= 20
    assert Category.objects.published().count() >= 3
    for question in questions:
        for language in ("nl", "en"):
            text = getattr(question, f"question_{language}")
            answer = getattr(question, f"answer_{language}")
            assert text.strip().endswith("?"), text
            links = LINK.findall(answer)
            assert links, f"no link in the {language} answer to {text!r}"
            for href in links:
                if href.startswith("/"):
                    assert href.startswith(f"/{language}/"), f"{text!r} links to {href}"


def test_the_seed_typos_and_broken_address_are_not_repeated():
    texts = " ".join(
        str(getattr(obj, field.name) or "")
        for model in apps.get_app_config("faq").get_models()
        for obj in model.objects.all()
        for field in model._meta.fields
    )
    assert "w&tindeklas" not in texts.lower()
    assert "20131" not in texts
    assert "Landelijk Regiegroep" not in texts


def test_every_translated_field_is_filled_in_both_languages():
    """No visitor meets an empty English (or Dutch) text where the other language has one."""
    for model in translator.get_registered_models():
        if model._meta.abstract:
            continue
        fields = translator.get_options_for_model(model).fields
        for obj in model.objects.all():
            for name in fields:
                nl, en = getattr(obj, f"{name}_nl"), getattr(obj, f"{name}_en")
                assert bool(nl) == bool(en), (
                    f"{model.__name__} {obj.pk}: {name} nl={nl!r} en={en!r}"
                )


def test_the_pact_record_and_the_steering_group():
    pact = Pact.load()
    assert pact.signed_on.isoformat() == "2013-05-13"
    assert pact.updated_on.isoformat() == "2016-04-18"
    assert Partner.objects.filter(in_steering_group=True).count() >= 15
    for kind in ("ministry", "employers", "employees", "education"):
        assert Partner.objects.filter(kind=kind).exists(), kind


def test_load_content_never_overwrites_editors_work():
    goal = Goal.objects.get(number=1)
    goal.title_nl = "Aangepast door een redacteur"
    goal.save()
    call_command("load_content", verbosity=0)
    goal.refresh_from_db()
    assert goal.title_nl == "Aangepast door een redacteur"


def test_reset_content_restores_the_fixtures():
    Goal.objects.filter(number=1).update(title_nl="Aangepast")
    Question.objects.all().delete()
    call_command("load_content", "--reset", verbosity=0)
    assert Goal.objects.get(number=1).title_nl == "Basisscholen bieden in 2020 structureel W&T aan"
    assert Question.objects.count() >= 20


def test_reset_content_keeps_who_coordinates_which_landsdeel(django_user_model):
    from regions.models import RegionMembership

    user = django_user_model.objects.create_user("coordinator-noord", is_staff=True)
    RegionMembership.objects.create(user=user, landsdeel=Landsdeel.objects.get(code="noord"))
    call_command("load_content", "--reset", verbosity=0)
    assert list(
        RegionMembership.objects.filter(user=user).values_list("landsdeel__code", flat=True)
    ) == ["noord"]
