"""Run by test_production.py: a long-lived "worker" process with production settings.

It serves a page, then waits for a line on stdin (meanwhile another process edits the content),
then serves the page again. Prints one JSON line per visit.

    worker_script.py WORKDIR serve|edit [REDIS_URL]
    worker_script.py WORKDIR poll REDIS_URL: ask for the page every 10 ms until the edit
        shows (at most 60 s), then print when it did.
"""

import json
import sys
import time

from production_process import setup

setup(sys.argv[1], redis_url=sys.argv[3] if len(sys.argv) > 3 else None)

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

mode = sys.argv[2]
if mode == "edit":
    from pages.models import Goal

    goal = Goal.objects.get(number=1)
    goal.title_en = "Edited in another process"
    goal.save()  # autocommit: committed when save() returns
    print(json.dumps({"saved_at": time.time()}))
    sys.exit(0)

call_command("migrate", verbosity=0)
call_command("load_content", verbosity=0)
client = Client()
if mode == "poll":
    # Ask for the page every 10 ms (so this worker's content version is always fresh) until
    # the edit shows, then say when (time.time(), to compare with the editing process).
    response = client.get("/en/goals/")
    print(json.dumps({"cache": response.get("X-Cache"), "body": response.content.decode()}))
    sys.stdout.flush()
    hits = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        response = client.get("/en/goals/")
        if "Edited in another process" in response.content.decode():
            break
        hits += response.get("X-Cache") == "HIT"
        time.sleep(0.01)
    print(json.dumps({"seen_at": time.time(), "hits_before": hits}))
    sys.exit(0)
for _visit in range(2):
    response = client.get("/en/goals/")
    print(json.dumps({"cache": response.get("X-Cache"), "body": response.content.decode()}))
    sys.stdout.flush()
    sys.stdin.readline()
