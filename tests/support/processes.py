"""Running Django in a separate process, as production does, and a scratch PostgreSQL database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def run_python(code_or_args, env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    # As production: never the developer's .env (see manage.py).
    full_env.update(DJANGO_DOTENV="0", **env)
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
