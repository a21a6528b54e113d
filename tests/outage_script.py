"""Run by test_production.py in a separate process: the database disappears and comes back.

Uses a real SQLite file (not a mock): moving it away is the outage, moving it back the
recovery. Prints one JSON line with what a visitor got at each step.
"""

import json
import shutil
import sys
from pathlib import Path

from production_process import setup

workdir = Path(sys.argv[1])
# No persistent connections: every request connects anew, as after a real outage.
database = setup(workdir, DJANGO_CONN_MAX_AGE="0")

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
