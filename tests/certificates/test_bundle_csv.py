"""spis.csv in the certificate bundles is neutralised against spreadsheet formulas."""

import csv
import io
import zipfile

import pytest

from cms import roles
from tests.factories import CentreFactory, UserFactory

from .factories import ParticipantCertificateFactory, programme_coordinator

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x")'


def _listing(response):
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    text = archive.read("spis.csv").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def evil_certificate():
    centre = CentreFactory()
    return ParticipantCertificateFactory(
        holder__centre=centre, holder__first_name="", holder__last_name=EVIL
    )


def _assert_neutralised(rows, cert):
    row = next(r for r in rows if r[0] == cert.number)
    assert row[1] == "'" + cert.holder_name
    assert not any(cell[:1] in ("=", "+", "-", "@") for r in rows for cell in r)


def test_centre_bundle_listing_neutralises_formulas(client, evil_certificate):
    assert evil_certificate.holder_name.startswith("=")
    coordinator = UserFactory(centre=evil_certificate.holder.centre, role=roles.CENTRE_COORDINATORS)
    client.force_login(coordinator)
    rows = _listing(client.get("/certyfikaty/osrodek/paczka.zip"))
    _assert_neutralised(rows, evil_certificate)


def test_programme_bundle_listing_neutralises_formulas(client, evil_certificate):
    client.force_login(programme_coordinator())
    centre = evil_certificate.holder.centre
    rows = _listing(client.get(f"/certyfikaty/paczka/?osrodek={centre.pk}"))
    _assert_neutralised(rows, evil_certificate)
