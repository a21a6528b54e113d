"""Run by test_production.py in a separate process: the database disappears and comes back.

    outage_script.py WORKDIR              SQLite: the database file is moved away and back
    outage_script.py WORKDIR DATABASE_URL PostgreSQL: the server refuses connections to the
                                          database (ALLOW_CONNECTIONS false) and drops the
                                          open ones, then accepts them again

A real outage, not a mock. Prints one JSON line with what a visitor got at each step.
"""

import json
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from production_process import setup

workdir = Path(sys.argv[1])
postgres_url = sys.argv[2] if len(sys.argv) > 2 else None
# No persistent connections: every request connects anew, as after a real outage.
env = {"DJANGO_CONN_MAX_AGE": "0"} | ({"DATABASE_URL": postgres_url} if postgres_url else {})
database = setup(workdir, **env)

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402


def postgres_admin(sql):
    import psycopg

    parts = urlsplit(postgres_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.format(name=name))
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )


def database_goes_away():
    if postgres_url:
        postgres_admin('ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
    else:
        shutil.move(database, workdir / "away.sqlite3")
        database.touch()  # an empty file where the database was: every query fails
    # The test client keeps its connection across requests (a server would not): reconnect.
    connections.close_all()


def database_comes_back():
    if postgres_url:
        postgres_admin('ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
    else:
        shutil.move(workdir / "away.sqlite3", database)
    connections.close_all()


call_command("migrate", verbosity=0)
call_command("load_content", verbosity=0)
client = Client(raise_request_exception=False)


def visit(url):
    response = client.get(url)
    return {"status": response.status_code, "body": response.content.decode()[:3000]}


steps = {"before": visit("/nl/doelen/"), "cached_before": visit("/en/")}
database_goes_away()
steps.update(
    during_nl=visit("/nl/over-het-techniekpact/"),
    during_en=visit("/en/partners/"),
    during_cached=visit("/en/"),
    readyz_during=visit("/readyz"),
    healthz_during=visit("/healthz"),
)
database_comes_back()
steps.update(after=visit("/nl/over-het-techniekpact/"), readyz_after=visit("/readyz"))
print(json.dumps(steps))
