"""Local development: `make run`. Sent e-mails are printed to the console running the server."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "dev-only-insecure-key-change-me"
)  # never used in production
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# `make run` starts the site with a database-backed task queue, as in production, next to
# `db_worker` and `run_scheduler` (OSL_TASKS=database): a sent e-mail goes through the outbox and
# the worker. Without it (seed_demo, a bare runserver) tasks run at once in the same process.
if os.environ.get("OSL_TASKS") == "database":
    TASKS = {
        "default": {
            "BACKEND": "cms.task_backends.DatabaseBackend",
            "OPTIONS": {"RUN_AT_ONCE": ["modelsearch.tasks.insert_or_update_object_task"]},
        }
    }
