"""Public media answer in production (DEBUG off, the file system store); private files are never
reachable by a media address or by guessing their storage path."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import storages
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images import get_image_model

from certificates import services
from cms.blocks import ImageBlock
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("with_roles")]


def png(width=40, height=30):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return ImageFile(buffer, name="społeczność.png")


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Zdjęcie modułu", file=png())


@override_settings(DEBUG=False)
def test_a_module_image_and_its_rendition_answer_200_with_long_cache(client, image):
    html = ImageBlock().render({"image": image, "alt_text": "Spotkanie", "caption": ""})
    src = re.search(r'src="([^"]+)"', html).group(1)
    assert src.startswith(settings.MEDIA_URL)

    for url in (src, image.file.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("image/")
        assert f"max-age={settings.OSL_MEDIA_CACHE_SECONDS}" in response["Cache-Control"]
        assert "public" in response["Cache-Control"]
        assert b"".join(response.streaming_content)
    assert client.head(src).status_code == 200


@override_settings(DEBUG=False)
def test_media_paths_outside_the_images_answer_404(client, image):
    document = Document.objects.create(
        title="Regulamin", file=ContentFile(b"%PDF-1.4 regulamin", name="regulamin.pdf")
    )
    folder = image.file.name.rsplit("/", 1)[0]
    for path in (
        f"/media/{document.file.name}",  # documents only through Wagtail's privacy-checked view
        f"/media/{folder}/",  # no folder listings
        "/media/original_images/../documents/" + document.file.name.rsplit("/", 1)[-1],
        "/media/original_images/%2e%2e/%2e%2e/pyproject.toml",
        "/media/nothing-here.png",
    ):
        assert client.get(path).status_code == 404, path
    assert client.post(image.file.url).status_code == 405
    assert client.get(document.url).status_code == 200  # Wagtail's own document view


@override_settings(DEBUG=False)
def test_a_private_file_has_no_address_and_no_path_reaches_it(client):
    private = storages["private"]
    name = private.save("certificates/participant/2026/ABCD-1234.pdf", ContentFile(b"%PDF-1.4"))
    assert private.url(name) == ""
    private_folder = settings.PRIVATE_MEDIA_ROOT.name
    for path in (
        f"/media/{name}",
        f"/media/images/{name}",
        f"/media/original_images/{name}",
        f"/media/original_images/../../{private_folder}/{name}",
        f"/media/original_images/%2e%2e/%2e%2e/{private_folder}/{name}",
        f"/{private_folder}/{name}",
        f"/{name}",
    ):
        assert client.get(path).status_code == 404, path


@override_settings(DEBUG=False)
def test_the_certificate_download_view_still_serves_the_holder(client):
    holder = UserFactory()
    certificate = services.participant_certificate_issue(
        holder=holder,
        enrolment_id=None,
        workshop_key="workshop:1",
        course_title="Animator lokalny — szkolenie Modelu OSL",
        role_name="Animator lokalny",
        workshop_dates=[datetime.date(2026, 3, 12)],
        town="Łódź",
        hours=8,
        trainers=["Agnieszka Lewandowska"],
    )
    client.force_login(holder)

    response = client.get(f"/certyfikaty/pobierz/{certificate.verification_code}.pdf")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert certificate.pdf.url == ""
    client.logout()
    anonymous = client.get(f"/media/{certificate.pdf.name}")
    assert anonymous.status_code == 404


STORAGE_PROBE = (
    "import json, django; django.setup(); from django.conf import settings; "
    "from django.core.files.storage import storages; p = storages['private']; "
    "print(json.dumps({'default': settings.STORAGES['default']['BACKEND'], "
    "'private': type(p).__name__, 'public_url': storages['default'].url('images/a.png'), "
    "'private_url': p.url('certificates/a.pdf'), 'docs': settings.WAGTAILDOCS_SERVE_METHOD}))"
)


def test_production_storage_is_the_file_system_unless_buckets_are_configured():
    import json

    from tests.cms.test_settings import production_env, run

    default = run(["-c", STORAGE_PROBE], **production_env())
    assert default.returncode == 0, default.stderr
    assert json.loads(default.stdout) == {
        "default": "django.core.files.storage.FileSystemStorage",
        "private": "PrivateFileSystemStorage",
        "public_url": "/media/images/a.png",
        "private_url": "",
        "docs": "serve_view",
    }

    s3 = run(
        ["-c", STORAGE_PROBE],
        **production_env(),
        OSL_S3_BUCKET="osl-media",
        OSL_S3_PRIVATE_BUCKET="osl-private",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_REGION_NAME="us-east-1",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    assert s3.returncode == 0, s3.stderr
    assert json.loads(s3.stdout) == {
        "default": "storages.backends.s3.S3Storage",
        "private": "PrivateS3Storage",
        # A plain, lasting address for images; none at all for private files.
        "public_url": "http://127.0.0.1:9000/osl-media/images/a.png",
        "private_url": "",
        "docs": "serve_view",
    }


def test_private_files_inside_media_root_fail_the_checks(tmp_path):
    from cms.storage import check_private_root_outside_media_root

    with override_settings(MEDIA_ROOT=tmp_path, PRIVATE_MEDIA_ROOT=tmp_path / "private"):
        assert [e.id for e in check_private_root_outside_media_root()] == ["cms.E001"]
    with override_settings(MEDIA_ROOT=tmp_path / "media", PRIVATE_MEDIA_ROOT=tmp_path / "private"):
        assert check_private_root_outside_media_root() == []
