"""Running Django in a separate process, as production does, and a scratch PostgreSQL database."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def run_python(code_or_args, env):
    """Run Python in a separate process from the project's root, with the test run's
    environment minus its DJANGO_* variables, plus `env`.

    Without a DATABASE_URL in `env` the process gets an empty SQLite database of its own: the
    settings' default is the developer's db.sqlite3 in the project's root, and the test run's
    DATABASE_URL names the database it was pointed at, not its test database. (Even
    `manage.py check` connects: Django's JSONField check asks the database.)
    """
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    # As production: never the developer's .env (see manage.py).
    full_env.update(DJANGO_DOTENV="0", **env)
    with tempfile.TemporaryDirectory(prefix="techniekpact-process-") as scratch:
        if "DATABASE_URL" not in env:
            full_env["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'db.sqlite3'}"
        return subprocess.run(
            [sys.executable, *code_or_args],
            cwd=ROOT,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=120,
        )


ON_POSTGRESQL = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
needs_postgresql = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="runs in the PostgreSQL pass of CI (DATABASE_URL=postgres://...)"
)


@pytest.fixture
def scratch_database():
    """A new, empty PostgreSQL database on the test server; its URL. Dropped afterwards."""
    import psycopg

    server = settings.DATABASES["default"]
    name = f"{server['NAME']}_scratch"
    base = f"postgres://{server['USER']}@{server['HOST']}:{server['PORT'] or 5432}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
