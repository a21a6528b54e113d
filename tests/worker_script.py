"""Run by test_production.py: a long-lived "worker" process with production settings.

It serves a page, then waits for a line on stdin (meanwhile another process edits the content),
then serves the page again. Prints one JSON line per visit.
"""

import json
import os
import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)
workdir = Path(sys.argv[1])
os.environ.update(
    DJANGO_SETTINGS_MODULE="techniekpact.settings",
    DJANGO_SECRET_KEY="worker-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_ALLOWED_HOSTS="testserver",
    DATABASE_URL=f"sqlite:///{workdir / 'db.sqlite3'}",
    DJANGO_CACHE_DIR=str(workdir / "cache"),
    DJANGO_LOG_LEVEL="CRITICAL",
)
os.environ.pop("REDIS_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
mode = sys.argv[2]
if mode == "edit":
    from pages.models import Goal

    goal = Goal.objects.get(number=1)
    goal.title_en = "Edited in another process"
    goal.save()
    sys.exit(0)

call_command("migrate", verbosity=0)
call_command("load_content", verbosity=0)
client = Client()
for _visit in range(2):
    response = client.get("/en/goals/")
    print(json.dumps({"cache": response.get("X-Cache"), "body": response.content.decode()}))
    sys.stdout.flush()
    sys.stdin.readline()
