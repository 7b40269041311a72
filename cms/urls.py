from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import health, media
from cms.views import signup as signup_views

urlpatterns = [
    path("healthz", health.healthz),
    path("readyz", health.readyz),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Polish at the root, English under /en/.
urlpatterns += i18n_patterns(
    # Before allauth's own: the same address and name, the whole sign-up in one transaction.
    path("konto/signup/", signup_views.signup, name="account_signup"),
    path("konto/", include("allauth.urls")),
    path("konto/", include("cms.urls_site")),
    path("kursy/", include("courses.urls")),
    path("szkolenia/", include("enrolment.urls")),
    path("certyfikaty/", include("certificates.urls")),
    path("program/", include("programme.urls")),
    # Wagtail's pages, served through the route cache (cms/caching/routes.py).
    path("", include("cms.caching.urls")),
    prefix_default_language=False,
)

# Public media from the file system (the default store), in production as in development;
# with an object store (OSL_S3_BUCKET) images have the bucket's own addresses.
if settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage":
    urlpatterns = [
        path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.public_media),
        *urlpatterns,
    ]
