"""The news and events pages in a browser (axe-core, WCAG 2.1 AA) and through the Nu Html
Checker, in both languages, including a Dutch-only item and an item with an image."""

import json
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from news.models import Event, NewsItem
from regions.models import Landsdeel
from tests.support.browser import DESKTOP, PHONE, VNU

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Pages the fixture's content fills (the live server shares the session's database).
FIXTURE_PAGES = [
    "/nl/nieuws/",
    "/nl/nieuws/?landsdeel=national",
    "/nl/nieuws/thea-koster-nieuwe-voorzitter/",
    "/nl/agenda/",
    "/nl/agenda/?archief=1",
    "/nl/agenda/jaarconferentie-2018-assen/",
    "/en/news/",
    "/en/news/thea-koster-new-chair/",
    "/en/events/",
    "/en/events/?archive=1",
    "/en/events/annual-conference-2019-eindhoven/",
    "/en/regions/north/",
    "/nl/",
    "/en/",
]


@pytest.mark.parametrize(
    ("viewport", "scheme"),
    [(DESKTOP, "light"), (PHONE, "dark")],
    ids=["desktop", "phone-dark"],
)
def test_axe_finds_no_violations_on_news_and_event_pages(new_page, viewport, scheme):
    page = new_page(viewport=viewport, color_scheme=scheme)
    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    found = []
    for url in FIXTURE_PAGES:
        response = page.goto(url)
        assert response.status == 200, url
        for violation in axe.run(page, options=options).response["violations"]:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            found.append(f"{url}: {violation['id']} ({violation['impact']}) at {targets}")
    assert not found, "\n".join(found)


def photo():
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), "navy").save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.mark.django_db
def test_news_and_event_pages_are_valid_html(client, tmp_path, settings):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip("needs Java and tests/browser/node_modules (run .ci/browser-deps)")
    settings.MEDIA_ROOT = tmp_path / "media"
    noord = Landsdeel.objects.get(code="noord")
    with_image = NewsItem.objects.create(
        landsdeel=noord,
        title_nl="Bericht met foto",
        title_en="Item with a photo",
        slug_nl="bericht-met-foto",
        slug_en="item-with-a-photo",
        summary_nl="Samenvatting.",
        summary_en="Summary.",
        body_nl="Tekst.",
        body_en="Text.",
        image=photo(),
        image_alt_nl="Een blauw vlak",
        image_alt_en="A blue square",
        is_published=True,
    )
    NewsItem.objects.create(
        title_nl="Alleen in het Nederlands",
        slug_nl="alleen-nederlands",
        summary_nl="Samenvatting.",
        body_nl="Tekst.",
        is_published=True,
    )
    online = Event.objects.create(
        landsdeel=noord,
        title_nl="Webinar",
        title_en="Webinar",
        slug_nl="webinar",
        slug_en="webinar",
        description_nl="Online.",
        description_en="Online.",
        start="2027-03-01T10:00:00+01:00",
        end="2027-03-01T11:30:00+01:00",
        is_online=True,
        online_url="https://example.org/live",
        organiser="Techniekpact Noord",
        registration_url="https://example.org/aanmelden",
        is_published=True,
    )
    urls = [
        *FIXTURE_PAGES,
        "/nl/landsdelen/noord/",
        "/nl/nieuws/bericht-met-foto/",
        "/en/news/item-with-a-photo/",
        "/en/news/alleen-nederlands/",
        "/nl/agenda/webinar/",
        "/en/events/webinar/",
    ]
    assert with_image.image_large and online.pk
    names = {}
    for n, url in enumerate(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        (tmp_path / f"page{n:03d}.html").write_text(response.content.decode(), encoding="utf-8")
        names[f"page{n:03d}.html"] = url
    result = subprocess.run(
        [
            java,
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--errors-only",
            *map(str, sorted(tmp_path.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [
        f"{names[Path(m['url']).name]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in report["messages"]
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)
