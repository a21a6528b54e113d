"""Resilience: Redis gone, database outages (SQLite and PostgreSQL), several processes."""

import json
import os
import subprocess
import sys

import pytest
from django.test import Client

from pages.models import Goal
from tests.support.processes import ROOT, needs_postgresql, run_python

pytestmark = pytest.mark.django_db


def test_pages_are_served_when_redis_is_gone(settings):
    """A Redis that does not answer (nothing listens on port 1) costs speed, never a page."""
    settings.CACHES = {
        "default": {
            "BACKEND": "techniekpact.cache_backends.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    client = Client()
    for url in ("/nl/", "/en/goals/", "/nl/zoeken/?q=stage"):
        response = client.get(url)
        assert response.status_code == 200 and "X-Cache" not in response
    ready = client.get("/readyz")
    assert ready.status_code == 503 and b"cache" in ready.content
    # Nothing is cached meanwhile, so an edit still shows at once (pages and search).
    goal = Goal.objects.get(number=2)
    goal.title_en = "Edited while Redis is away"
    goal.save()
    assert "Edited while Redis is away" in client.get("/en/goals/").content.decode()
    found = client.get("/en/search/", {"q": "away"}).content.decode()
    assert "Edited while Redis is away" in found


def test_health_endpoints():
    client = Client()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready["Cache-Control"] == "no-store"


def test_health_checks_answer_whatever_host_or_scheme_the_probe_uses(settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    for path in ("/healthz", "/readyz"):
        response = client.get(path, headers={"host": "10.0.0.7:8000"})
        assert response.status_code == 200, path
    assert client.get("/nl/", headers={"host": "10.0.0.7:8000"}).status_code == 400


def assert_outage_handled(result):
    assert result.returncode == 0, result.stderr[-3000:]
    steps = json.loads(result.stdout.strip().splitlines()[-1])
    assert steps["before"]["status"] == 200
    assert steps["during_nl"]["status"] == 503
    assert '<html lang="nl">' in steps["during_nl"]["body"]
    assert "tijdelijk niet beschikbaar" in steps["during_nl"]["body"]
    assert steps["during_en"]["status"] == 503
    assert "temporarily unavailable" in steps["during_en"]["body"]
    assert "Traceback" not in steps["during_en"]["body"]
    assert steps["during_cached"]["status"] == 200  # a cached page is still served
    assert steps["readyz_during"]["status"] == 503
    assert steps["healthz_during"]["status"] == 200
    assert steps["after"]["status"] == 200 and steps["readyz_after"]["status"] == 200


def test_database_outage_gives_a_503_in_the_visitors_language_and_recovers(tmp_path):
    """SQLite: the database file goes away and comes back."""
    assert_outage_handled(
        run_python([str(ROOT / "tests" / "support" / "outage_script.py"), str(tmp_path)], {})
    )


@needs_postgresql
def test_postgresql_outage_gives_a_503_and_recovers(tmp_path, scratch_database):
    """PostgreSQL: the server refuses the database and drops its connections, then takes
    them again."""
    script = str(ROOT / "tests" / "support" / "outage_script.py")
    assert_outage_handled(run_python([script, str(tmp_path), scratch_database], {}))


def test_an_edit_in_one_process_shows_in_another_without_redis(tmp_path):
    """Without Redis the default cache is shared on disk by the workers of a host: a worker
    that has the page cached sees an edit made by another process at its next request once
    CONTENT_VERSION_CHECK_SECONDS have passed (here: the other process takes longer to start)."""
    script = str(ROOT / "tests" / "support" / "worker_script.py")
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    worker = subprocess.Popen(
        [sys.executable, script, str(tmp_path), "serve"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def next_visit():
        line = ""
        while not line.startswith("{"):  # skip anything else a library prints
            line = worker.stdout.readline()
            assert line, "the worker stopped"
        return json.loads(line)

    try:
        first = next_visit()
        assert "Edited in another process" not in first["body"]
        edit = run_python([script, str(tmp_path), "edit"], {})
        assert edit.returncode == 0, edit.stderr[-2000:]
        worker.stdin.write("\n")
        worker.stdin.flush()
        second = next_visit()
        assert "Edited in another process" in second["body"]
    finally:
        worker.kill()
        worker.wait()


@needs_postgresql
def test_containers_starting_at_once_release_one_at_a_time(tmp_path, scratch_database):
    """Three `manage.py release` at once on a new database: all succeed, content loads once."""
    import psycopg

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DOTENV="0",
        DATABASE_URL=scratch_database,
        DJANGO_SECRET_KEY="release-test-key-" + "r" * 40,
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
    )
    env.pop("REDIS_URL", None)
    starts = [
        subprocess.Popen(
            [sys.executable, "manage.py", "release"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [start.communicate(timeout=300)[0] for start in starts]
    assert [start.returncode for start in starts] == [0, 0, 0], outputs
    assert sum("Content loaded" in output for output in outputs) == 1
    with psycopg.connect(scratch_database) as db:
        assert db.execute("SELECT count(*) FROM pages_goal").fetchone()[0] == 12
