"""Where uploaded files live (Django's STORAGES), from the environment.

Default: this host's file system, public media in MEDIA_ROOT (served by cms.views.media or the
web server, docs/deployment.md) and private files in PRIVATE_MEDIA_ROOT (never served).
With OSL_S3_BUCKET, public media go to that S3-compatible bucket (django-storages); with
OSL_S3_PRIVATE_BUCKET, private files go to a second, private bucket, so that every app server
sees the same files. The endpoint and region come from AWS_S3_ENDPOINT_URL and
AWS_S3_REGION_NAME, credentials from boto3's usual chain (AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY, or the instance's role)."""

import os


def _s3_options(bucket: str) -> dict:
    return {
        "bucket_name": bucket,
        "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
        # Never replace a file under the same name (as the file system storage does not).
        "file_overwrite": False,
        "default_acl": None,
    }


def storages(private_root, media_cache_seconds: int) -> dict:
    public_bucket = os.environ.get("OSL_S3_BUCKET", "").strip()
    private_bucket = os.environ.get("OSL_S3_PRIVATE_BUCKET", "").strip()
    default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if public_bucket:
        default = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **_s3_options(public_bucket),
                # Plain, lasting links (the bucket or its CDN allows public reads of images).
                "querystring_auth": False,
                "custom_domain": os.environ.get("OSL_S3_CUSTOM_DOMAIN") or None,
                "object_parameters": {"CacheControl": f"public, max-age={media_cache_seconds}"},
            },
        }
    private = {
        "BACKEND": "cms.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": private_root},
    }
    if private_bucket:
        if private_bucket == public_bucket:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured("OSL_S3_PRIVATE_BUCKET must not be the public bucket.")
        private = {
            "BACKEND": "cms.storage_s3.PrivateS3Storage",
            "OPTIONS": {**_s3_options(private_bucket), "querystring_auth": True},
        }
    return {
        "default": default,
        "private": private,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
