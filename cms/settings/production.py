"""Production: every secret and deployment fact comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
try:
    SECRET_KEY = os.environ["SECRET_KEY"]
except KeyError as exc:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.") from exc

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20

# Certificates are signed with a key from the environment only (CERTIFICATES_SIGNING_KEY).
CERTIFICATES_GENERATE_SIGNING_KEY = False

# A database-backed worker runs the background tasks: `python manage.py db_worker`. The search
# index task runs at once after the publish commits, so a page is findable on the next request
# (cms/task_backends.py).
TASKS = {
    "default": {
        "BACKEND": "cms.task_backends.DatabaseBackend",
        "OPTIONS": {"RUN_AT_ONCE": ["modelsearch.tasks.insert_or_update_object_task"]},
    }
}

CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

# Cached pages and header/footer fragments (cms/caching) need a cache every gunicorn worker
# shares, or a publish through one worker would leave another serving the old page. Redis with
# REDIS_URL; without it, files on this host (shared by its workers; one host only).
if not os.environ.get("REDIS_URL"):
    CACHES["default"] = {  # noqa: F405
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / "var" / "cache")),  # noqa: F405
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
    # Django's file cache lists its folder on every write to decide whether to cull: sessions
    # stay in the database alone, so the first request of a session writes no file.
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
OSL_PAGE_CACHE_SECONDS = int(os.environ.get("OSL_PAGE_CACHE_SECONDS", "3600"))
OSL_FRAGMENT_CACHE_SECONDS = int(os.environ.get("OSL_FRAGMENT_CACHE_SECONDS", "600"))
