"""Being found: canonical links, descriptions, Open Graph, sitemap, robots.txt, security.txt
and JSON-LD, in both languages, without drafts."""

import json
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.utils import translation

from faq.models import Question
from pages.models import Goal
from tests.support.public_urls import all_public_urls

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def json_ld(content):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_has_canonical_description_and_open_graph(client, language):
    for url in all_public_urls(language):
        content = client.get(url).content.decode()
        assert f'<link rel="canonical" href="http://testserver{url}">' in content, url
        description = re.search(r'<meta name="description" content="([^"]+)">', content)
        assert description and len(description.group(1)) > 30, url
        for prop in ("og:title", "og:description", "og:url", "og:type", "og:locale"):
            assert f'property="{prop}"' in content, (url, prop)


def test_goal_page_description_comes_from_its_summary(client):
    goal = Goal.objects.get(number=4)
    with translation.override("en"):
        content = client.get(goal.get_absolute_url()).content.decode()
    assert f'<meta name="description" content="{goal.summary_en}">' in content.replace(
        "&#x27;", "'"
    )


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return root.findall("s:url", NS)


def test_sitemap_lists_every_public_page_in_both_languages_with_alternates(client):
    entries = sitemap_entries(client)
    locations = {urlsplit(entry.find("s:loc", NS).text).path for entry in entries}
    expected = set(all_public_urls("nl")) | set(all_public_urls("en"))
    assert locations == expected
    for entry in entries:
        alternates = {link.get("hreflang") for link in entry.findall("x:link", NS)}
        assert alternates == {"nl", "en", "x-default"}
    assert sum(entry.find("s:lastmod", NS) is not None for entry in entries) >= len(entries) - 4


def test_every_sitemap_url_answers_200(client):
    for entry in sitemap_entries(client):
        assert client.get(urlsplit(entry.find("s:loc", NS).text).path).status_code == 200


def test_drafts_are_not_in_the_sitemap(client):
    goal = Goal.objects.get(number=2)
    goal.is_published = False
    goal.save()
    content = client.get("/sitemap.xml").content.decode()
    with translation.override("en"):
        assert goal.get_absolute_url() not in content
    with translation.override("nl"):
        assert goal.get_absolute_url() not in content


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_security_txt_follows_rfc_9116(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"].startswith(("https://", "http://", "mailto:"))
    assert fields["Preferred-Languages"] == "nl, en"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert datetime.now(UTC) < expires < datetime.now(UTC) + timedelta(days=365)


@pytest.mark.parametrize(
    ("language", "url"), [("nl", "/nl/veelgestelde-vragen/"), ("en", "/en/faq/")]
)
def test_faq_page_has_faqpage_json_ld_in_its_language(client, language, url):
    data = json_ld(client.get(url).content.decode())
    faq = next(item for item in data if item["@type"] == "FAQPage")
    with translation.override(language):
        questions = [q.question for q in Question.objects.visible()]
    assert [entity["name"] for entity in faq["mainEntity"]] == questions
    assert all(entity["acceptedAnswer"]["text"] for entity in faq["mainEntity"])
    assert "<" not in json.dumps(faq)  # plain text answers


def test_draft_question_is_not_in_the_json_ld(client):
    question = Question.objects.visible().first()
    question.is_published = False
    question.save()
    data = json_ld(client.get("/en/faq/").content.decode())
    faq = next(item for item in data if item["@type"] == "FAQPage")
    assert question.question_en not in [entity["name"] for entity in faq["mainEntity"]]


def test_home_has_organization_and_detail_pages_have_breadcrumbs(client):
    home = json_ld(client.get("/en/").content.decode())
    assert [item["@type"] for item in home] == ["Organization"]
    assert home[0]["name"] == "Technology Pact"
    with translation.override("nl"):
        goal_url = Goal.objects.get(number=3).get_absolute_url()
    crumbs = next(
        i for i in json_ld(client.get(goal_url).content.decode()) if i["@type"] == "BreadcrumbList"
    )
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]
    assert crumbs["itemListElement"][1]["item"] == "http://testserver/nl/doelen/"


def test_faq_json_ld_answers_are_plain_text_without_entities(client):
    faq = next(
        i
        for i in json_ld(client.get("/nl/veelgestelde-vragen/").content.decode())
        if i["@type"] == "FAQPage"
    )
    answers = " ".join(entity["acceptedAnswer"]["text"] for entity in faq["mainEntity"])
    assert "W&T" in answers and "&amp;" not in answers
