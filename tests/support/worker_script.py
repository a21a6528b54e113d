"""Run by test_production.py: a long-lived "worker" process with production settings.

It serves a page, then waits for a line on stdin (meanwhile another process edits the content),
then serves the page again. Prints one JSON line per visit.
"""

import json
import sys

from production_process import setup

setup(sys.argv[1])

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

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
