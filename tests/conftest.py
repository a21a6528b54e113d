import pytest
from django.core.cache import cache
from django.core.management import call_command

from techniekpact.content_version import forget_local_version
from tests.support.htmlpage import parse

# Editors with their roles (projectteam, coordinator, ...), for the admin tests.
pytest_plugins = ["tests.support.admin_helpers", "tests.support.processes"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test starts from the site's real content (fixtures/), loaded once per session."""
    with django_db_blocker.unblock():
        call_command("load_content", "--reset", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back test must not leave cached pages
    (or a content version) behind for the next one."""
    cache.clear()
    forget_local_version()
    yield
    cache.clear()
    forget_local_version()


@pytest.fixture
def get_page(client):
    """GET a public page, assert it answered 200, and return it parsed."""

    def _get(url, status=200, **headers):
        response = client.get(url, headers=headers)
        assert response.status_code == status, f"{url} answered {response.status_code}"
        return parse(response.content.decode())

    return _get
