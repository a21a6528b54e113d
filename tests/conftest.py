import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import setup_databases, teardown_databases

from techniekpact.content_version import forget_local_version
from tests.support.htmlpage import parse

# Editors with their roles (projectteam, coordinator, ...), for the admin tests.
pytest_plugins = ["tests.support.admin_helpers", "tests.support.processes"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """Run by pytest-django just before it sets up the test databases (after its own
    changes): the name of the database the settings configure, for `django_db_setup`."""
    return settings.DATABASES[DEFAULT_DB_ALIAS]["NAME"]


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup, django_db_blocker, django_db_keepdb, django_db_modify_db_settings
):
    """Every test starts from the site's real content (fixtures/), loaded once per session,
    in the test database.

    pytest-django sets up a test database only when a collected test asks for one (a
    `django_db` mark, the `db` fixture). The browser tests use the database through session
    fixtures and the live server instead, so a run of them alone got none, and the content
    was reset, and editors made, in the configured database: the developer's db.sqlite3.
    Then the test database is set up here."""
    configured = django_db_modify_db_settings
    own = None
    with django_db_blocker.unblock():
        if connections[DEFAULT_DB_ALIAS].settings_dict["NAME"] == configured:
            own = setup_databases(
                verbosity=0, interactive=False, aliases={DEFAULT_DB_ALIAS}, keepdb=django_db_keepdb
            )
        call_command("load_content", "--reset", verbosity=0)
    yield
    if own is not None and not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(own, verbosity=0)


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
