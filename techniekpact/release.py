"""A fingerprint of the running release: what the code, templates, translations and static
files of this deployment are. Cached pages are keyed on it (techniekpact.page_cache), so a new
release never serves pages its predecessor rendered, even when both share one Redis.

`DJANGO_RELEASE` (an image tag or commit, when the build sets one) is used as given; otherwise
the fingerprint is a hash of the files a page is rendered from, computed once per process.
"""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings

# What a rendered page depends on; everything else (tests, tools, .venv) does not count.
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".xml", ".svg", ".mo", ".json", ".css", ".js")
SKIPPED_DIRECTORIES = {".venv", ".tools", ".git", "tests", "tools", "node_modules", "bench"}


def _source_files(root, skipped):
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if name not in SKIPPED_DIRECTORIES
            and not name.startswith(".")
            and Path(directory, name) not in skipped
        )
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                yield Path(directory, name)


@functools.cache
def release_fingerprint():
    given = os.environ.get("DJANGO_RELEASE", "").strip()
    if given:
        return hashlib.sha256(given.encode()).hexdigest()[:12]
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    # The collected static files are copies: their manifest below stands for them.
    for path in _source_files(
        root, skipped={Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)}
    ):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()[:12]
