import datetime
import io
import zipfile
from urllib.parse import urlparse

import pytest
from PIL import Image
from pypdf import PdfReader

from certificates import services
from cms import roles
from tests.factories import PASSWORD, CentreFactory, UserFactory

from .factories import ParticipantCertificateFactory


def _qr_url(cert) -> str:
    import zxingcpp

    with cert.pdf.open("rb") as handle:
        page = PdfReader(io.BytesIO(handle.read())).pages[0]
    image = next(iter(page.images)).image.convert("L")
    image = image.resize((image.width * 8, image.height * 8), Image.NEAREST)
    return zxingcpp.read_barcodes(image)[0].text


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_centre_coordinator_downloads_zip_and_quality_certificate_then_qr_shows_valid(
    page, axe, tmp_path
):
    roles.ensure_roles()
    centre = CentreFactory()
    coordinator = UserFactory(
        centre=centre, role=roles.CENTRE_COORDINATORS, email="koordynatorka@example.pl"
    )
    certs = [
        ParticipantCertificateFactory(
            holder__centre=centre, holder__first_name="Zażółć", holder__last_name=f"Gęślą{i}"
        )
        for i in range(3)
    ]
    quality = services.quality_certificate_issue(
        centre=centre,
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2099, 1, 1),
        issued_by=None,
    )

    page.goto("/konto/login/")
    axe(page)
    page.fill("input[name=login]", coordinator.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    page.goto("/certyfikaty/osrodek/")
    axe(page)
    assert centre.name in page.content()
    with page.expect_download() as info:
        page.get_by_role("link", name="Pobierz wszystkie jako ZIP").click()
    zip_path = tmp_path / "paczka.zip"
    info.value.save_as(zip_path)
    names = zipfile.ZipFile(zip_path).namelist()
    assert sorted(n for n in names if n.endswith(".pdf")) == sorted(
        n for n in names if any(c.number.replace("/", "-") in n for c in certs)
    )
    assert len(names) == 4

    with page.expect_download() as info:
        page.get_by_role("link", name=f"Pobierz certyfikat jakości (PDF) {quality.number}").click()
    pdf_path = tmp_path / "jakosc.pdf"
    info.value.save_as(pdf_path)
    with quality.pdf.open("rb") as handle:
        assert pdf_path.read_bytes() == handle.read()

    # Someone else scans the QR code printed on a participant's certificate.
    url = urlparse(_qr_url(certs[0]))
    page.context.clear_cookies()
    page.goto(url.path)
    axe(page)
    assert page.get_by_role("status").inner_text().strip() == "Certyfikat jest ważny."
    assert "ważny" in page.content()
