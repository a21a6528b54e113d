"""Test settings: the real settings with only what tests need changed."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")

from .settings import *  # noqa: E402,F403
from .settings import REDIS_URL, STORAGES  # noqa: E402

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
