"""The certificate PDF as a record kept for an audit: dated at its issue (not 2000-01-01, not the
moment it is rendered again), fonts embedded, XMP metadata and an sRGB output intent, no PDF/A
claim (no validator here could show conformance), and qpdf finds nothing wrong."""

import datetime
import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from certificates import pdf, services
from certificates.services.sealing import _participant_document
from tests.factories import CentreFactory
from tests.pdf import assert_archival_metadata, assert_fonts_embedded

from .factories import ParticipantCertificateFactory

pytestmark = pytest.mark.django_db


def _pdf_bytes(cert) -> bytes:
    with cert.pdf.open("rb") as handle:
        return handle.read()


def test_the_certificate_is_dated_at_its_issue():
    cert = ParticipantCertificateFactory()
    content = _pdf_bytes(cert)
    reader = PdfReader(io.BytesIO(content))
    created = reader.metadata.creation_date
    assert abs(created - cert.issued_at) <= datetime.timedelta(minutes=1)
    assert reader.metadata.modification_date == created
    assert_fonts_embedded(reader.pages[0])
    assert_archival_metadata(content, title=f"Zaświadczenie {cert.number} — {cert.holder_name}")


def test_rendering_again_later_gives_the_same_bytes_and_the_issue_date():
    cert = ParticipantCertificateFactory()
    cert.issued_at -= datetime.timedelta(days=400)  # as if issued long ago
    first = pdf.render_pdf(_participant_document(cert))
    assert pdf.render_pdf(_participant_document(cert)) == first
    created = PdfReader(io.BytesIO(first)).metadata.creation_date
    assert abs(created - cert.issued_at) <= datetime.timedelta(minutes=1)


def test_the_quality_certificate_is_dated_at_its_issue_with_the_same_metadata():
    quality = services.quality_certificate_issue(
        centre=CentreFactory(),
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2029, 1, 1),
        issued_by=None,
    )
    content = _pdf_bytes(quality)
    reader = PdfReader(io.BytesIO(content))
    assert abs(reader.metadata.creation_date - quality.issued_at) <= datetime.timedelta(minutes=1)
    assert_fonts_embedded(reader.pages[0])
    assert_archival_metadata(content, title=reader.metadata.title)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_and_pdffonts_accept_the_certificate(tmp_path):
    path = tmp_path / "certyfikat.pdf"
    path.write_bytes(_pdf_bytes(ParticipantCertificateFactory()))
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows)  # the "emb" column
