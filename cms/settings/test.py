"""Tests: SQLite by default, PostgreSQL when DATABASE_URL points at one (as in CI)."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Always a private in-memory cache: tests clear it and must never clear a Redis others share.
CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
# `make test` runs the SQLite and PostgreSQL passes at the same time: each keeps its own files
# (the private storage holds the generated signing key, which two writers would race on).
_RUN = os.environ.get("TEST_DB_NAME") or DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]  # noqa: F405
MEDIA_ROOT = BASE_DIR / "var" / f"test-media-{_RUN}"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / f"test-private-{_RUN}"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
# Parallel checkouts sharing one PostgreSQL server keep their test databases apart.
if os.environ.get("TEST_DB_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DB_NAME"]}  # noqa: F405
