"""A fingerprint of the running release: the code, templates, translations, static files and
locked dependencies of this deployment, and the settings that shape a response's headers.
Cached pages, headers included, are keyed on it (techniekpact.page_cache), so a new release or a
restart with other security settings never serves what its predecessor stored, even when both
share one Redis.

`DJANGO_RELEASE` (an image tag or commit, when the build sets one) stands for the files; the
settings are always part of it. Computed once per process; the same for every worker and host
that run the same files with the same settings.
"""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings

# What a rendered page depends on; everything else (tests, tools, .venv) does not count.
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".xml", ".svg", ".mo", ".json", ".css", ".js")
SKIPPED_DIRECTORIES = {
    ".venv",
    ".tools",
    ".git",
    "tests",
    "tools",
    "node_modules",
    "bench",
    "test-results",
}
# Settings whose values end up in the headers a cached page is replayed with.
RESPONSE_SETTINGS = (
    "DEBUG",
    "X_FRAME_OPTIONS",
    "PERMISSIONS_POLICY",
    "CROSS_ORIGIN_RESOURCE_POLICY",
    "LANGUAGES",
    "LANGUAGE_CODE",
    "STATIC_URL",
)
RESPONSE_SETTING_PREFIXES = ("SECURE_", "PUBLIC_CACHE_")


def _source_files(root, skipped):
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(
            name
            for name in subdirectories
            if name not in SKIPPED_DIRECTORIES
            and not name.startswith(".")
            and Path(directory, name).resolve() not in skipped
        )
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES):
                yield Path(directory, name)


def _response_settings():
    names = sorted(
        name
        for name in dir(settings)
        if name in RESPONSE_SETTINGS or name.startswith(RESPONSE_SETTING_PREFIXES)
    )
    return repr([(name, getattr(settings, name)) for name in names]).encode()


@functools.cache
def release_fingerprint():
    digest = hashlib.sha256(_response_settings())
    given = os.environ.get("DJANGO_RELEASE", "").strip()
    if given:
        digest.update(given.encode())
        return digest.hexdigest()[:12]
    root = Path(settings.BASE_DIR).resolve()
    # The collected static files are copies: their manifest below stands for them.
    skipped = {Path(settings.STATIC_ROOT).resolve(), Path(settings.MEDIA_ROOT).resolve()}
    for path in _source_files(root, skipped):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for extra in (root / "uv.lock", Path(settings.STATIC_ROOT) / "staticfiles.json"):
        if extra.exists():
            digest.update(extra.read_bytes())
    return digest.hexdigest()[:12]
