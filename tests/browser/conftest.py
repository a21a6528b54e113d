"""Browser tests: the site served by a live server, driven by Debian's Chromium via Playwright.

Needs what `.ci/browser-deps` installs (Chromium, Java, tests/browser/node_modules). Run them
with `pytest -m browser`.

The live server is our own, session-scoped, rather than pytest-django's `live_server`: that one
makes every test `transactional_db`, which empties the database after each test and would take
the site's content (loaded once in tests/conftest.py's `django_db_setup`) away from every test
that runs later. The test database is SQLite in memory (set up by tests/conftest.py's
`django_db_setup` even in a run of the browser tests alone, in which no test asks for the
database); the server thread shares its connection, so it sees the committed content.
"""

import re
from pathlib import Path

import pytest
from django.test.utils import modify_settings
from pytest_django.live_server_helper import LiveServer

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, RESULTS  # noqa: F401
from tests.support.public_urls import all_public_urls


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can tell whether it failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def public_urls(django_db_setup, django_db_blocker):
    """Every public page (tests/test_public_pages.py's list), both languages."""
    with django_db_blocker.unblock():
        return [url for language in ("nl", "en") for url in all_public_urls(language)]


@pytest.fixture(scope="session")
def question_urls():
    """The landsdelen overview and the search answering "which landsdeel is my municipality
    in?" in each of its states (found, two municipalities, near miss, unknown, empty), both
    languages: pages that exist only with a query string."""
    questions = ["Breda", "Bergen", "Bredaa", "Atlantis", ""]
    return [
        *(f"/nl/landsdelen/?gemeente={q}" for q in questions),
        *(f"/en/regions/?gemeente={q}" for q in questions),
        "/nl/zoeken/?q=Breda",
        "/en/search/?q=Breda",
    ]


@pytest.fixture(scope="session")
def site_server(django_db_setup):
    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def site(site_server, django_db_blocker):
    """The live server's base URL. The server thread may use the database during the test."""
    with django_db_blocker.unblock(), modify_settings(ALLOWED_HOSTS={"append": "localhost"}):
        yield site_server.url


@pytest.fixture(scope="module")
def playwright(site_server, public_urls):
    """Playwright for one test module (so that it is gone before other tests run).

    Playwright's sync API keeps an asyncio loop marked as running in this thread, which makes
    Django refuse database calls here (SynchronousOnlyOperation) although nothing runs
    concurrently: the database is set up first, and the refusal is lifted while Playwright runs.
    """
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: run .ci/browser-deps")
    with pytest.MonkeyPatch.context() as mp, sync_api.sync_playwright() as p:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser, site, request):
    """Open pages in fresh browser contexts; on failure, save a screenshot of each."""
    contexts = []

    def _new_page(viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, base_url=site, **options)
        contexts.append(context)
        return context.new_page()

    yield _new_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid.split("::", 1)[-1])
        for n, context in enumerate(contexts):
            for m, page in enumerate(context.pages):
                page.screenshot(path=RESULTS / f"{name}-{n}{m}.png", full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
