"""Run by test_production.py in a separate process: the database disappears and comes back.

Uses a real SQLite file (not a mock): moving it away is the outage, moving it back the
recovery. Prints one JSON line with what a visitor got at each step.
"""

import json
import os
import shutil
import sys
from pathlib import Path

# Run as a script from tests/: make the project importable (and not tests/ itself first).
sys.path[0] = str(Path(__file__).resolve().parent.parent)
workdir = Path(sys.argv[1])
database = workdir / "db.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="techniekpact.settings",
    DJANGO_SECRET_KEY="outage-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_ALLOWED_HOSTS="testserver",
    DATABASE_URL=f"sqlite:///{database}",
    DJANGO_CONN_MAX_AGE="0",
    DJANGO_CACHE_DIR=str(workdir / "cache"),
    DJANGO_LOG_LEVEL="CRITICAL",
)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Production settings, except static files straight from static/ (no collectstatic here).
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402

call_command("migrate", verbosity=0)
call_command("load_content", verbosity=0)
client = Client(raise_request_exception=False)


def visit(url):
    response = client.get(url)
    return {"status": response.status_code, "body": response.content.decode()[:3000]}


steps = {"before": visit("/nl/doelen/"), "cached_before": visit("/en/")}
shutil.move(database, workdir / "away.sqlite3")
database.touch()  # an empty file where the database was: every query fails
# The test client keeps its connection across requests (a server would not): reconnect.
connections.close_all()
steps.update(
    during_nl=visit("/nl/over-het-techniekpact/"),
    during_en=visit("/en/partners/"),
    during_cached=visit("/en/"),
    readyz_during=visit("/readyz"),
    healthz_during=visit("/healthz"),
)
shutil.move(workdir / "away.sqlite3", database)
connections.close_all()
steps.update(after=visit("/nl/over-het-techniekpact/"), readyz_after=visit("/readyz"))
print(json.dumps(dict(steps.items())))
