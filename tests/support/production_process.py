"""Shared by the scripts that tests run in separate processes (outage_script, worker_script):
Django with the production settings, on a database and cache of the test's own folder.

Imported before django.setup(); not a test module.
"""

import os
import sys
from pathlib import Path


def setup(workdir, redis_url=None, **env):
    """Set up Django as production runs it, with SQLite under `workdir` and the file cache
    there too, or Redis at `redis_url`."""
    workdir = Path(workdir)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": "separate-process-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            "DJANGO_CACHE_DIR": str(workdir / "cache"),
            "DJANGO_LOG_LEVEL": "CRITICAL",
            **env,
        }
    )
    os.environ.pop("REDIS_URL", None)
    if redis_url:
        os.environ["REDIS_URL"] = redis_url

    import django

    django.setup()

    from django.conf import settings

    # Production settings, except static files straight from static/ (no collectstatic here).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    return workdir / "db.sqlite3"


# The scripts run from tests/: make the project importable (and not tests/ itself first).
sys.path[0] = str(Path(__file__).resolve().parents[2])
