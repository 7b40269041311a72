"""File storages. Public media (Wagtail images) may be served by URL; private files
(certificate PDFs, CAL evidence, signing keys) never are: their storages give no URL at all, so
nothing can link to them, and they are read only by the permission-checked download views.
The S3-compatible twin is in cms/storage_s3.py (imported only when configured)."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage


class NoUrlMixin:
    """A storage whose files have no address: `url()` is empty, and Django's file widgets then
    show no link either (ClearableFileInput treats a file without a URL as having none)."""

    def url(self, name, *args, **kwargs):
        return ""


class PrivateFileSystemStorage(NoUrlMixin, FileSystemStorage):
    """Private files on this host's disk, outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT)."""


@checks.register(checks.Tags.security)
def check_private_root_outside_media_root(app_configs=None, **kwargs):
    """Private files inside MEDIA_ROOT would sit where public media are served from."""
    media, private = (
        Path(settings.MEDIA_ROOT).resolve(),
        Path(settings.PRIVATE_MEDIA_ROOT).resolve(),
    )
    if private == media or media in private.parents:
        return [
            checks.Error(
                "PRIVATE_MEDIA_ROOT must lie outside MEDIA_ROOT.",
                hint="Give private files their own folder (PRIVATE_MEDIA_ROOT).",
                id="cms.E001",
            )
        ]
    return []
