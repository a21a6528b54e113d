"""Test settings: the real settings with only what tests need changed."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")

from .settings import *  # noqa: E402,F403
from .settings import DATABASES, REDIS_URL, STORAGES  # noqa: E402

# Fast hashing: the suite creates users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# No manifest needed: tests do not run collectstatic.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The test client speaks plain HTTP; the redirect to HTTPS has its own test.
SECURE_SSL_REDIRECT = False
# Serve static files straight from the source folders (no collectstatic in tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Without Redis, the cache lives in the test process (the suite clears it for every test).
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Uploaded images go to a folder of this test run, never into the working tree.
MEDIA_ROOT = tempfile.mkdtemp(prefix="techniekpact-test-media-")

# The tests run on a test database of their own: pytest-django's, SQLite in memory (or a
# test_* database on PostgreSQL). Whatever reached the configured SQLite file itself (code
# that runs before the test database is set up, with database access unblocked) would open
# the developer's db.sqlite3 in the project's root: point it at an empty file of this run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = os.path.join(
        tempfile.mkdtemp(prefix="techniekpact-test-db-"), "never-used.sqlite3"
    )
