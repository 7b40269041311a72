"""Public media from this host's file system, for a production without a web server of its
own in front (with nginx, its `location /media/images/` does the same; docs/deployment.md).

Only Wagtail's images are public: originals and renditions. Documents are served by Wagtail's
own view (/documents/), which checks collection privacy, so /media/documents/ answers 404 here;
private files live outside MEDIA_ROOT and are never reachable by any media path."""

import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

PUBLIC_MEDIA_FOLDERS = ("images/", "original_images/")


@require_safe
def public_media(request, path):
    # The folder is judged on the path as it will be opened ("images/../documents/x" is a
    # document), and nothing outside MEDIA_ROOT is ever joined.
    normalised = posixpath.normpath(path).lstrip("/")
    if path.endswith("/") or not normalised.startswith(PUBLIC_MEDIA_FOLDERS):
        raise Http404
    # Django's static view: the path is joined safely under MEDIA_ROOT, folders are not
    # listed, the file is streamed and If-Modified-Since answers 304.
    try:
        response = serve(request, normalised, document_root=settings.MEDIA_ROOT)
    except SuspiciousFileOperation as exc:
        raise Http404 from exc
    response["Cache-Control"] = f"public, max-age={settings.OSL_MEDIA_CACHE_SECONDS}"
    return response
