"""The S3-compatible stores for real, against a local S3 server (moto's, on a loopback port):
images and renditions in the public bucket answer anonymously with the long cache header under
the documented bucket policy (deploy/s3-media-policy.json); documents there and everything in
the private bucket do not, and private files have no URL at all."""

import io
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from cms.settings import media

pytestmark = pytest.mark.django_db

moto_server = pytest.importorskip("moto.server")


@pytest.fixture
def s3(monkeypatch):
    import boto3

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    env = {
        "OSL_S3_BUCKET": "osl-media",
        "OSL_S3_PRIVATE_BUCKET": "osl-private",
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket="osl-media")
    client.create_bucket(Bucket="osl-private")
    with open(settings.BASE_DIR / "deploy" / "s3-media-policy.json") as handle:
        policy = handle.read().replace("BUCKET", "osl-media")
    client.put_bucket_policy(Bucket="osl-media", Policy=policy)
    with override_settings(STORAGES=media.storages(settings.PRIVATE_MEDIA_ROOT, 3600)):
        yield endpoint
    server.stop()


def anonymous_get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
            return response.status, response.headers.get("Cache-Control"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, None, b""


def test_images_and_renditions_are_public_in_the_bucket(s3):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 120, 60)).save(buffer, "PNG")
    image = get_image_model().objects.create(
        title="Moduł", file=ImageFile(buffer, name="modul.png")
    )
    rendition = image.get_rendition("width-20")

    for url in (image.file.url, rendition.url):
        assert url.startswith(f"{s3}/osl-media/")
        assert "Signature" not in url and "X-Amz" not in url
        status, cache_control, body = anonymous_get(url)
        assert status == 200, url
        assert cache_control == "public, max-age=3600"
        assert body.startswith(b"\x89PNG")


def test_documents_and_private_files_are_not_public(s3):
    document = Document.objects.create(
        title="Regulamin", file=ContentFile(b"%PDF-1.4", name="regulamin.pdf")
    )
    assert anonymous_get(f"{s3}/osl-media/{document.file.name}")[0] == 403

    private = storages["private"]
    name = private.save("certificates/participant/2026/ABCD.pdf", ContentFile(b"%PDF-1.4 x"))
    assert private.url(name) == ""
    assert anonymous_get(f"{s3}/osl-private/{name}")[0] == 403
    with private.open(name, "rb") as handle:  # what the download views read
        assert handle.read() == b"%PDF-1.4 x"
