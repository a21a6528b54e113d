"""The tests never reach the developer's own database (db.sqlite3 in the project's root, the
settings' default): only the test database, or a scratch database of a test's own."""

from pathlib import Path

from django.conf import settings

from tests.support.processes import ROOT, run_python

DEVELOPERS_DATABASE = ROOT / "db.sqlite3"

PRINT_DATABASE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
)


def database_of(result):
    assert result.returncode == 0, result.stderr
    engine, name = result.stdout.split()
    return engine, Path(name)


def test_a_separate_process_gets_a_scratch_database_not_the_developers():
    # As test_deploy_settings runs `manage.py check --deploy`, which connects to the database.
    engine, name = database_of(
        run_python(
            ["-c", PRINT_DATABASE],
            {"DJANGO_SETTINGS_MODULE": "config.settings", "DJANGO_DEBUG": "1"},
        )
    )
    assert engine == "django.db.backends.sqlite3"
    assert name != DEVELOPERS_DATABASE
    assert not name.is_relative_to(ROOT), name
    assert not name.exists(), "a scratch database is removed with its process"


def test_the_test_settings_never_name_the_developers_sqlite_file():
    # Even when the developer's shell points DATABASE_URL at it: pytest-django's SQLite test
    # database is in memory, and the configured file is one of the test run's own.
    engine, name = database_of(
        run_python(
            ["-c", PRINT_DATABASE],
            {
                "DJANGO_SETTINGS_MODULE": "config.settings_test",
                "DATABASE_URL": f"sqlite:///{DEVELOPERS_DATABASE}",
            },
        )
    )
    assert engine == "django.db.backends.sqlite3"
    assert name != DEVELOPERS_DATABASE and not name.is_relative_to(ROOT), name


def test_this_run_does_not_use_the_developers_database(db):
    name = settings.DATABASES["default"]["NAME"]
    assert Path(str(name)) != DEVELOPERS_DATABASE, name


A_RUN_WITHOUT_DATABASE_TESTS = """
from django.db import connection

from pages.models import Goal


def test_content_without_asking_for_the_database(django_db_setup, django_db_blocker):
    # As the browser tests reach the database: through session fixtures, no `db` fixture.
    with django_db_blocker.unblock():
        print("DATABASE", connection.settings_dict["NAME"], Goal.objects.count())
"""


def test_a_run_of_tests_that_do_not_ask_for_the_database_still_gets_the_test_database(tmp_path):
    # A run of the browser tests alone: pytest-django sets up no test database for it, and
    # tests/conftest.py's `django_db_setup` must (else the content reset lands in the
    # configured database; without config/settings_test.py, the developer's db.sqlite3).
    (tmp_path / "conftest.py").write_text("from tests.conftest import *  # noqa: F403\n")
    (tmp_path / "test_alone.py").write_text(A_RUN_WITHOUT_DATABASE_TESTS)
    result = run_python(
        [
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "no:cacheprovider",
            "-c",
            str(ROOT / "pyproject.toml"),
            "--rootdir",
            str(tmp_path),
            str(tmp_path / "test_alone.py"),
        ],
        {},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("DATABASE"))
    _, name, goals = line.split()
    # The test database: SQLite's in memory, or PostgreSQL's test_* copy in the PostgreSQL pass.
    assert "memory" in name or name.startswith("test_"), line
    assert int(goals) > 0, line
