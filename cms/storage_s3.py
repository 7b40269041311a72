"""The private store in an S3-compatible bucket (OSL_S3_PRIVATE_BUCKET): objects carry no
public grant and the storage makes no presigned link, so a certificate or an evidence file is
read only by the permission-checked download views (cms/storage.py)."""

from storages.backends.s3 import S3Storage

from cms.storage import NoUrlMixin


class PrivateS3Storage(NoUrlMixin, S3Storage):
    pass
