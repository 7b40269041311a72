"""Settings for bench/certificates_bench.py: the test settings with a fresh database and storage."""

import os

import dj_database_url

from cms.settings.test import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["BENCH_DATABASE_URL"])}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "bench-private"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False}  # no audit lines on the console
if os.environ.get("BENCH_REDIS_URL"):
    # The shared cache production uses: what a page-cache invalidation costs is a round trip.
    CACHES["default"] = {  # noqa: F405
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["BENCH_REDIS_URL"],
    }
