"""Settings shared by every environment. Secrets and deployment facts come from the environment."""

import os
from pathlib import Path

import dj_database_url

from . import media

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    # Domain apps; dependencies point one way: certificates -> enrolment -> courses -> cms.
    "cms",
    "courses",
    "enrolment",
    "certificates",
    "programme",
    "network",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cache versions are read once per request (cms/caching/versions.py).
    "cms.caching.versions.VersionScopeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.middleware.PrivatePagesMiddleware",
    # Input not in UTF-8: 400; PUT to a form view: 405 (cms/middleware.py).
    "cms.middleware.StrictInputMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a cached anonymous page is answered before URL routing (cms/caching/pages.py).
    "cms.caching.pages.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "cms.urls"

# Nothing on the site uses these browser features: no page, and no script injected into one, may.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
LANGUAGE_COOKIE_SAMESITE = "Lax"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]
# Our field template ties labels, help texts and errors to their inputs (WCAG 2.1: 1.3.1, 3.3.1).
FORM_RENDERER = "cms.forms.AccessibleFormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server and a background worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cms.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "akademia-osl",
    }
}
if os.environ.get("REDIS_URL"):
    # django-redis keeps one client per connection pool; Django's own Redis backend builds a
    # new one for every command, which cost more CPU than the round trip (docs/benchmarks.md).
    CACHES["default"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }
# Fragments filed under the shared page-cache generation (cms/caching/fragments.py): a key never
# changes its value, so each process may keep its own copy, and a logged-in page costs one round
# trip to the shared cache (the generation) instead of one per fragment.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "osl-fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# --- Language: Polish first, English second -------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ------------------------------------------------------------------------
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Files that must never be public (certificates, evidence) live outside MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
# How long browsers and proxies may keep a public image (renditions get new names when the
# image changes). The file system by default; S3-compatible buckets from the environment
# (cms/settings/media.py, docs/deployment.md).
OSL_MEDIA_CACHE_SECONDS = int(os.environ.get("OSL_MEDIA_CACHE_SECONDS", str(60 * 60 * 24 * 365)))
STORAGES = media.storages(PRIVATE_MEDIA_ROOT, OSL_MEDIA_CACHE_SECONDS)
# Documents are always served by Wagtail's view, which checks collection privacy; never by a
# redirect to the storage's own URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Akademia OSL"
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # passwords are managed by allauth
WAGTAILADMIN_LOGIN_URL = "account_login"

# --- Certificates ---------------------------------------------------------------------------
# Absolute links printed on certificates (QR codes) and inside credentials.
SITE_URL = os.environ.get("SITE_URL", WAGTAILADMIN_BASE_URL)
# The Ed25519 key that signs Open Badges credentials: PEM (PKCS#8) text from the environment.
# Without it, dev and tests generate one and keep it in the private storage; production refuses.
CERTIFICATES_SIGNING_KEY = os.environ.get("CERTIFICATES_SIGNING_KEY", "")
CERTIFICATES_GENERATE_SIGNING_KEY = True
# Public verification lookups allowed per IP address and window (seconds).
CERTIFICATES_VERIFY_RATE = (30, 300)

# --- Accounts (django-allauth) ---------------------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "cms.forms.SignupForm"
# Account e-mail goes through the outbox like all other e-mail (cms/account_adapter.py).
ACCOUNT_ADAPTER = "cms.account_adapter.AccountAdapter"
# A person is told when their password or e-mail address changes (templates/account/email/).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Akademia OSL] "
ACCOUNT_PRESERVE_USERNAME_CASING = False
# The client address behind a load balancer or reverse proxy, for every rate limit (allauth's
# and certificates.ratelimit): how many proxies in front are ours (their X-Forwarded-For entries
# are trusted, the rest not), or the one header a proxy sets with the client address.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("OSL_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("OSL_TRUSTED_CLIENT_IP_HEADER") or None

ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so that they are visible and tested.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "cms:profile"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

# --- E-mail ----------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Akademia OSL <noreply@akademia-osl.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Background tasks (django-tasks, as Wagtail uses) ----------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The periodic jobs `manage.py run_scheduler` enqueues: (task's dotted path, every N seconds).
# Listed here by name so that cms need not import the apps above it.
OSL_PERIODIC_TASKS = [
    ("cms.tasks.outbox_tick", 60),
    ("enrolment.tasks.enrolment_tick", 60),
    ("enrolment.tasks.enrolment_reminders", 3600),
    ("cms.tasks.publish_scheduled", 300),
    ("cms.tasks.prune_task_results", 86400),
    ("cms.tasks.outbox_prune", 86400),
    ("programme.tasks.esf_purge", 86400),
]

# --- Security headers that hold everywhere ---------------------------------------------------
# The load balancer's probes speak plain HTTP to the app server: no redirect to HTTPS for them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "cms.views.errors.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
# Sessions read from the shared cache (written through to the database): one query fewer on
# every logged-in request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

# A real content-security policy for the public site: everything from our own origin, no inline
# script or style. Wagtail's admin still relies on inline scripts and styles, so it is left
# out; only staff reach it.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "akademia": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
