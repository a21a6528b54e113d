"""Measurements inside one process (run by bench/run.py with the benchmark's database):

- queries per page (cold cache), for the same pages as the load test;
- a search against rendering a page, both without the page cache: the search must answer in
  well under the time of a normal page.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from search import index as search  # noqa: E402
from techniekpact.content_version import content_version  # noqa: E402

settings.ALLOWED_HOSTS = ["testserver"]
PAGES = sys.argv[1:]
client = Client()


def median_ms(func, runs=30):
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def render(path):
    # A query parameter the page cache does not know: the page is rendered, not cached.
    separator = "&" if "?" in path else "?"
    assert client.get(f"{path}{separator}bench=1", secure=True).status_code == 200


print("\nqueries per page (not from the page cache):")
content_version()  # once per content change, not per page
search.get_index("nl"), search.get_index("en")  # likewise: built once per content version
for path in PAGES:
    separator = "&" if "?" in path else "?"
    with CaptureQueriesContext(connection) as queries:
        client.get(f"{path}{separator}bench=1", secure=True)
    print(f"  {len(queries):>3}  {path}")

search_ms = median_ms(lambda: search.search("stages", "nl"))
search_page_ms = median_ms(lambda: render("/nl/zoeken/?q=stages"))
page_ms = median_ms(lambda: render("/nl/doelen/"))
print(f"\nsearch 'stages', matching only (index warm): {search_ms:.2f} ms median")
print(f"search page /nl/zoeken/?q=stages (no page cache): {search_page_ms:.2f} ms median")
print(f"goals page /nl/doelen/ (no page cache):          {page_ms:.2f} ms median")
print(
    f"search page / goals page: {search_page_ms / page_ms:.2f}; "
    f"matching / goals page: {search_ms / page_ms:.3f} (target: well under 1)"
)
