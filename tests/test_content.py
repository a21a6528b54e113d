"""The site's content (fixtures/) is complete and consistent in both languages."""

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from modeltranslation.translator import translator

from faq.models import Category, Question
from pages.models import Goal, Pact, Partner
from regions.models import Coverage, Landsdeel, Province
from techniekpact.markup import render_markdown

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


# --- Honest about time (issue 13): the fixtures are read as a visitor in December 2026 would.

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# A 2020 target stated as if it still lay ahead ("In 2020 geeft elke basisschool ...").
# A period such as "2020–2023" is not a target year.
TARGET_2020 = re.compile(r"\b(?:in|by|tegen|uiterlijk in) 2020\b(?![–-]\d)", re.IGNORECASE)
# Words that put a sentence in the past: Dutch and English past tenses used for the goals.
PAST = re.compile(
    r"\b(?:was|waren|moest|moesten|zou|zouden|had|hadden|wilde|wilden|werd|werden|gaf|gaven"
    r"|bood|boden|kwam|kwamen|ging|gingen|bleef|bleven|toen|destijds"
    r"|were|would|aimed|wanted|meant|then|did)\b",
    re.IGNORECASE,
)
EZK_SPELLED_OUT = re.compile(r"Economische Zaken en Klimaat|Economic Affairs and Climate")
EZK = re.compile(r"\bEZK\b")
# A sentence that names the ministry's old name as history: it says when, or that it was then.
HISTORY = re.compile(
    r"\b(?:tot (?:juli )?2024|until (?:July )?2024|toen|then|destijds|at the time|heette"
    r"|was called)\b",
    re.IGNORECASE,
)
YEAR_BEFORE_THE_SPLIT = re.compile(r"\b(?:19\d\d|20[01]\d|202[0-4])\b")


def fixture_texts():
    """(where, text) for every text field of every record in fixtures/*.json."""
    for path in sorted(FIXTURES.glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            for name, value in record["fields"].items():
                if isinstance(value, str) and value:
                    yield f"{path.name} {record['model']} {record['pk']} {name}", value


def official_goal_titles():
    """The goals' titles are names (the official 2016 wording and its translation): quoting
    them is not a claim about today."""
    records = json.loads((FIXTURES / "pages.json").read_text(encoding="utf-8"))
    titles = {
        record["fields"][f"title_{language}"]
        for record in records
        if record["model"] == "pages.goal"
        for language in ("nl", "en")
    }
    return sorted(titles, key=len, reverse=True)


def sentences(text):
    return [part for part in SENTENCE.split(text) if part.strip()]


def test_no_fixture_speaks_of_the_2020_targets_as_if_they_still_lay_ahead():
    titles = official_goal_titles()
    offending = []
    for where, text in fixture_texts():
        if where.split()[-1].startswith("title_") and "pages.goal" in where:
            continue
        for title in titles:
            text = text.replace(title, "")
        for sentence in sentences(text):
            if TARGET_2020.search(sentence) and not PAST.search(sentence):
                offending.append(f"{where}: {sentence.strip()}")
    assert not offending, "\n".join(offending)


def test_the_ministry_of_economic_affairs_and_climate_is_named_only_as_history():
    """Since July 2024 the ministry is Economische Zaken (EZ), with climate at KGG: the old name
    may appear in a sentence about the past, never as today's name."""
    offending = []
    for where, text in fixture_texts():
        for sentence in sentences(text):
            if EZK_SPELLED_OUT.search(sentence) and not HISTORY.search(sentence):
                offending.append(f"{where}: {sentence.strip()}")
            elif EZK.search(sentence) and not (
                HISTORY.search(sentence)
                or YEAR_BEFORE_THE_SPLIT.search(sentence)
                or PAST.search(sentence)
            ):
                offending.append(f"{where}: {sentence.strip()}")
    assert not offending, "\n".join(offending)


def test_the_guards_catch_what_they_are_for():
    """The two checks above, on sentences a visitor must not meet and on their honest form."""
    assert TARGET_2020.search("In 2020 geeft elke basisschool W&T.")
    assert not PAST.search("In 2020 geeft elke basisschool W&T.")
    assert PAST.search("Het doel was dat in 2020 elke basisschool W&T gaf.")
    assert TARGET_2020.search("By 2020, every primary school teaches science.")
    assert not PAST.search("By 2020, every primary school teaches science.")
    assert not HISTORY.search(
        "Het projectteam zit bij het ministerie van Economische Zaken en Klimaat."
    )
    assert HISTORY.search("Tot juli 2024 heette het ministerie Economische Zaken en Klimaat.")


def test_every_goal_says_it_was_a_2016_2020_goal_and_what_followed():
    for goal in Goal.objects.all():
        for language in ("nl", "en"):
            body = getattr(goal, f"body_{language}")
            assert "2016–2020" in body, (goal.number, language)
            assert ("Na 2020" if language == "nl" else "After 2020") in body, (
                goal.number,
                language,
            )
            summary = getattr(goal, f"summary_{language}")
            assert summary.startswith("Het doel was" if language == "nl" else "The goal was"), (
                goal.number,
                summary,
            )


def test_a_goal_page_says_once_that_its_explanation_is_this_websites_own():
    for goal in Goal.objects.all():
        assert goal.body_nl.lower().count("deze website") == 1, goal.number
        assert goal.body_en.lower().count("this website") == 1, goal.number


# --- Answers first: the answer, then the explanation.


@pytest.mark.parametrize(
    ("slug_nl", "answer_nl", "answer_en"),
    [
        ("vacatures", "Nee.", "No."),
        ("is-er-een-budget", "Nee.", "No."),
        ("stage-in-de-techniek", "Op [Stagemarkt.nl]", "On [Stagemarkt.nl]"),
        ("omscholing", "Op [roc.nl]", "On [roc.nl]"),
        ("leraar-worden", "Met een diploma van een lerarenopleiding.", "With a diploma"),
        ("welke-landsdelen", "In vijf:", "Five:"),
    ],
)
def test_faq_answers_begin_with_the_answer(slug_nl, answer_nl, answer_en):
    question = Question.objects.get(slug_nl=slug_nl)
    assert question.answer_nl.startswith(answer_nl)
    assert question.answer_en.startswith(answer_en)


def test_every_faq_answer_opens_with_a_short_sentence():
    for question in Question.objects.all():
        for language in ("nl", "en"):
            answer = getattr(question, f"answer_{language}")
            first = sentences(re.sub(r"<[^>]+>", "", answer))[0]
            assert len(first.split()) <= 20, f"{question.slug_nl} ({language}): {first}"


# Facts from the pact's own FAQ (the seed) that the Dutch FAQ and its English version keep.
SEED_FACTS = [
    ("13 mei 2013", "13 May 2013"),
    ("18 april 2016", "18 April 2016"),
    ("Bussemaker", "Bussemaker"),
    ("Asscher", "Asscher"),
    ("Kamp", "Kamp"),
    ("Dekker", "Dekker"),
    ("Landelijke Regiegroep Techniekpact", "Landelijke Regiegroep Techniekpact"),
    ("Economische Zaken en Klimaat", "Economic Affairs and Climate Policy"),
    ("liaisons", "liaison officers"),
    ("doe-agenda", "doe-agenda"),
    ("Regionaal investeringsfonds mbo", "Regionaal investeringsfonds mbo"),
    ("Regeling sectorplannen", "Regeling sectorplannen"),
    ("Impuls Leraren Tekortvakken", "Impuls Leraren Tekortvakken"),
    ("geen rechten", "no rights"),
    ("W&T in de klas", "W&T in de klas"),
    ("wetenschapsknooppunten.nl", "wetenschapsknooppunten.nl"),
    ("vacatures", "vacancies"),
    ("roc.nl", "roc.nl"),
    ("stagemarkt.nl", "stagemarkt.nl"),
    ("lerarenopleiding", "teacher-training programme"),
    ("studiekeuze123", "studiekeuze123"),
    ("Trainees in het onderwijs", "Trainees in het onderwijs"),
    ("zorg, de voedingsindustrie, energie en sport", "health care, the food industry, energy"),
    ("4 tot 18 jaar", "aged 4 to 18"),
    ("zij-instroom", "zij-instroom"),
    ("Noord-Brabant (zonder West-Brabant)", "Noord-Brabant (except West-Brabant)"),
]


@pytest.mark.parametrize(("dutch", "english"), SEED_FACTS)
def test_the_faq_keeps_the_seed_facts_in_both_languages(dutch, english):
    answers_nl = " ".join(Question.objects.values_list("answer_nl", flat=True))
    answers_en = " ".join(Question.objects.values_list("answer_en", flat=True))
    assert dutch.lower() in answers_nl.lower()
    assert english.lower() in answers_en.lower()


# --- Language of parts (WCAG 3.1.2): Markdown texts mark terms in the other language.

# Dutch words that an English text must wrap in <span lang="nl">.
DUTCH_TERMS = re.compile(
    r"\blandsde(?:el|len)\b|Landelijke Regiegroep|\bTechniekpact\b|\b(?:mbo|MBO|VMBO|HBO|HAVO"
    r"|VWO|WO)\b|investeringsfonds|sectorplannen\b|Leraren Tekortvakken|Sterk Techniekonderwijs"
    r"|doe-agenda|\baanjager\b|zij-instroom|\bpabo|funderend onderwijs|Wetenschapsknooppunt"
    r"|Ook Techniekpact|Focus en versnellen|Nationaal Groeifonds|Actieplan Groene"
)
# English words that a Dutch text must wrap in <span lang="en">.
ENGLISH_TERMS = re.compile(
    r"\bcrossovers\b|Centres? of Expertise|Be Smart|Twente Board Development|Brainport (?:Talent"
    r"|Industries)|Web Content Accessibility Guidelines|Groningen at Work|TechYourFuture"
)


class _TextByLanguage(HTMLParser):
    """The text of an HTML fragment, split by the language it is marked with."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.stack = [language]
        self.text = {}

    def handle_starttag(self, tag, attrs):
        if tag not in ("br", "hr"):
            self.stack.append(dict(attrs).get("lang", self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in ("br", "hr") and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        self.text[self.stack[-1]] = self.text.get(self.stack[-1], "") + data


def markdown_fields():
    """(where, language, text) for every Markdown field of every record in the fixtures."""
    for where, text in fixture_texts():
        _file, label, _pk, name = where.split()
        base, _, language = name.rpartition("_")
        if language not in ("nl", "en"):
            continue
        field = apps.get_model(label)._meta.get_field(base)
        if str(field.help_text).startswith("Markdown"):
            yield where, language, text


def test_english_texts_mark_dutch_terms_and_dutch_texts_mark_english_ones():
    unmarked = []
    for where, language, text in markdown_fields():
        reader = _TextByLanguage(language)
        reader.feed(str(render_markdown(text)))
        own = reader.text.get(language, "")
        terms = DUTCH_TERMS if language == "en" else ENGLISH_TERMS
        unmarked += [f"{where}: {match}" for match in terms.findall(own)]
    assert not unmarked, "\n".join(unmarked)


def test_the_english_pages_show_dutch_terms_with_their_language(client):
    about = client.get("/en/about/").content.decode()
    assert '<span lang="nl">Landelijke Regiegroep Techniekpact</span>' in about
    assert '<span lang="nl">landsdelen</span>' in about
    schemes = client.get("/en/schemes/").content.decode()
    assert '<span lang="nl">Regionaal investeringsfonds mbo</span>' in schemes
    faq = client.get("/nl/veelgestelde-vragen/").content.decode()
    assert '<span lang="en">crossovers</span>' in faq


def test_the_goals_overview_says_the_goals_were_for_2016_to_2020_and_what_followed(client):
    dutch = client.get("/nl/doelen/").content.decode()
    english = client.get("/en/goals/").content.decode()
    assert "Van 2016 tot en met 2020 werkte het pact aan twaalf doelen" in dutch
    assert "vier thema" in dutch
    assert "From 2016 to 2020 the pact worked towards twelve goals" in english
    assert "four themes" in english
