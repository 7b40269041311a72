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
