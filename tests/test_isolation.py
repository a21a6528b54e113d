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
