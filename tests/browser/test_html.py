"""The HTML of every public page: valid (the Nu Html Checker), ready for a strict Content
Security Policy (no inline script or style), and the home page within its weight budget."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.browser import VNU
from tests.support.htmlpage import parse

BUDGET_TOTAL = 100 * 1024
BUDGET_JS = 20 * 1024


@pytest.fixture
def rendered_pages(client, public_urls, question_urls):
    """url -> HTML of every public page in both languages, from the Django test client."""
    pages = {}
    for url in [*public_urls, *question_urls]:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


@pytest.mark.browser
@pytest.mark.django_db
def test_every_public_page_is_valid_html(rendered_pages, tmp_path):
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip("needs Java and tests/browser/node_modules (run .ci/browser-deps)")
    names = {}
    for n, (url, html) in enumerate(sorted(rendered_pages.items())):
        (tmp_path / f"page{n:03d}.html").write_text(html, encoding="utf-8")
        names[f"page{n:03d}.html"] = url
    # One run over the whole folder: the checker is slow to start.
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", str(tmp_path)],
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
    assert len(names) >= 28


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_style(rendered_pages):
    """A strict CSP (no 'unsafe-inline') must not break any page. JSON-LD data blocks are data,
    not script, and CSP does not apply to them."""
    found = []
    for url, html in rendered_pages.items():
        for tag, attrs in parse(html).tags:
            if "style" in attrs:
                found.append(f"{url}: style attribute on <{tag}>")
            if any(name.startswith("on") for name in attrs):
                found.append(f"{url}: event handler attribute on <{tag}>")
            if tag == "style":
                found.append(f"{url}: <style> element")
            is_data = attrs.get("type") == "application/ld+json"
            if tag == "script" and "src" not in attrs and not is_data:
                found.append(f"{url}: inline <script>")
            if tag == "link" and attrs.get("rel") == "stylesheet":
                if not attrs["href"].startswith(settings.STATIC_URL):
                    found.append(f"{url}: stylesheet from elsewhere: {attrs['href']}")
    assert not found, "\n".join(found)


@pytest.mark.browser
@pytest.mark.parametrize("url", ["/nl/", "/en/"])
def test_home_page_stays_within_its_budget(page, url):
    """≤ 100 KB in all, ≤ 20 KB of JavaScript, CSS as one file, nothing from other hosts.

    The live server sends files uncompressed, so these are the uncompressed sizes; over the
    wire (gzip/brotli from whitenoise) the page is smaller still.
    """
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    sizes = {response.url: len(response.body()) for response in responses if response.ok}
    types = {response.url: response.request.resource_type for response in responses}
    origin = page.url.split("/", 3)[:3]
    assert all(u.split("/", 3)[:3] == origin for u in sizes), list(sizes)
    total = sum(sizes.values())
    scripts = sum(size for u, size in sizes.items() if types[u] == "script")
    stylesheets = [u for u in sizes if types[u] == "stylesheet"]
    assert total <= BUDGET_TOTAL, sizes
    assert scripts <= BUDGET_JS, sizes
    assert len(stylesheets) == 1 and stylesheets[0].endswith("/css/site.css"), stylesheets


@pytest.mark.browser
def test_no_page_trips_the_content_security_policy(page, public_urls):
    """Every public page, loaded with the site's real CSP header: the browser refuses nothing."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for url in public_urls:
        response = page.goto(url)
        policy = response.header_value("content-security-policy") or ""
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
        page.wait_for_load_state("load")
    assert not refused, "\n".join(refused)
