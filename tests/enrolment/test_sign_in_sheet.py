"""The sign-in sheet as evidence for the European Social Fund: the project's title, the funding
marking strip a coordinator uploads, the day's planned hours, empty numbered rows for people
added on the day; an archival PDF (real creation date, fonts embedded, XMP, sRGB intent)."""

import datetime
import io
import shutil
import subprocess

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.models import Site

from enrolment.models import SignInSheetSettings
from enrolment.services import enrolment_create
from tests.factories import PASSWORD
from tests.pdf import assert_archival_metadata, assert_fonts_embedded

from .factories import WorkshopFactory, participant

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def _logo(name, colour, size=(300, 100)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return get_image_model().objects.create(title=name, file=ImageFile(buffer, name=f"{name}.png"))


@pytest.fixture
def sheet_workshop(trainer):
    today = timezone.localdate()
    workshop = WorkshopFactory(
        day_one_date=today - datetime.timedelta(days=1), day_two_date=today, trainers=[trainer]
    )
    for last in ("Żak", "Zając", "Łuczak"):
        person = participant(last_name=last, first_name="Ewa")
        enrolment_create(
            participant=person,
            workshop=workshop,
            actor=person,
            now=timezone.now() - datetime.timedelta(days=30),
        )
    return workshop


def _sheet(client, workshop, day=1) -> tuple[bytes, PdfReader]:
    response = client.get(reverse("enrolment:sign_in_sheet", args=[workshop.code, day]))
    assert response.status_code == 200
    return response.content, PdfReader(io.BytesIO(response.content))


def test_the_sheet_carries_the_project_the_strip_the_planned_hours_and_empty_rows(
    client, trainer, sheet_workshop
):
    settings = SignInSheetSettings.for_site(Site.objects.get(is_default_site=True))
    settings.project_title = "Akademia Organizowania Społeczności Lokalnej"
    settings.project_number = "FERS.04.11-IP.04-0001/24"
    settings.funding_note = (
        "Projekt współfinansowany ze środków Europejskiego Funduszu Społecznego Plus"
    )
    settings.funding_logo_1 = _logo("fe", (0, 51, 153))
    settings.funding_logo_2 = _logo("rp", (220, 20, 60), size=(150, 100))
    settings.funding_logo_4 = _logo("ue", (0, 51, 153), size=(150, 100))
    settings.extra_rows = 4
    settings.save()
    login(client, trainer)
    content, reader = _sheet(client, sheet_workshop)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Projekt: Akademia Organizowania Społeczności Lokalnej — FERS.04.11-IP.04-0001/24" in (
        text
    )
    assert "Europejskiego Funduszu Społecznego Plus" in text
    day_one = format(sheet_workshop.day_hours(1).normalize(), "f").replace(".", ",")
    assert f"Planowana liczba godzin zajęć w tym dniu: {day_one}" in text
    # The three people in Polish order, then four empty numbered rows (4, 5, 6, 7).
    assert text.index("Ewa Łuczak") < text.index("Ewa Zając") < text.index("Ewa Żak")
    assert "osoby dopisane w dniu szkolenia" in text
    after = text[text.index("Ewa Żak") :]
    assert all(f" {n} " in f" {after} " for n in (4, 5, 6, 7))
    # The strip: three images on the page (the logos the coordinator chose, in order).
    images = reader.pages[0].images
    assert len(images) == 3
    assert_fonts_embedded(reader.pages[0])
    assert_archival_metadata(content, title=f"Lista obecności {sheet_workshop.code} dzień 1")


def test_without_settings_the_sheet_still_prints_with_five_empty_rows(
    client, trainer, sheet_workshop
):
    login(client, trainer)
    _, reader = _sheet(client, sheet_workshop, day=2)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Projekt:" not in text
    after = text[text.index("Ewa Żak") :]
    assert all(f" {n} " in f" {after} " for n in range(4, 9))
    assert " 9 " not in f" {after} "
    assert not reader.pages[0].images


def test_the_sheet_is_dated_when_printed_not_in_2000(client, trainer, sheet_workshop):
    login(client, trainer)
    before = timezone.now().replace(microsecond=0)
    content, reader = _sheet(client, sheet_workshop)
    created = reader.metadata.creation_date
    assert created.year != 2000
    assert abs(created - before) <= datetime.timedelta(minutes=1)
    assert reader.xmp_metadata.xmp_create_date is not None


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_finds_no_error_in_the_sheet(client, trainer, sheet_workshop, tmp_path):
    login(client, trainer)
    content, _ = _sheet(client, sheet_workshop)
    path = tmp_path / "lista.pdf"
    path.write_bytes(content)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows)  # the "emb" column


def test_a_coordinator_edits_the_sheet_settings_in_the_admin(client, programme_coordinator):
    site = Site.objects.get(is_default_site=True)
    login(client, programme_coordinator)
    url = reverse("wagtailsettings:edit", args=["enrolment", "signinsheetsettings", site.pk])
    response = client.get(url)
    assert response.status_code == 200
    response = client.post(
        url,
        {
            "project_title": "Projekt OSL",
            "project_number": "",
            "funding_note": "",
            "extra_rows": "31",
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert SignInSheetSettings.for_site(site).project_title == ""
    response = client.post(
        url,
        {
            "project_title": "Projekt OSL",
            "project_number": "",
            "funding_note": "",
            "extra_rows": "3",
        },
    )
    assert response.status_code == 302
    assert SignInSheetSettings.for_site(site).extra_rows == 3
