"""Every download, for every role: participant, another participant, the centre's coordinator,
another centre's coordinator, a trainer, a programme coordinator and anonymous."""

import datetime
import io
import zipfile

import pytest

from certificates import services
from cms import roles
from tests.factories import CentreFactory, UserFactory

from .factories import ParticipantCertificateFactory, programme_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    centre, other_centre = CentreFactory(), CentreFactory()
    holder = UserFactory(centre=centre, first_name="Zażółć", last_name="Gęślą")
    cert = ParticipantCertificateFactory(holder=holder)
    quality = services.quality_certificate_issue(
        centre=centre,
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2029, 1, 1),
        issued_by=None,
    )
    return {
        "cert": cert,
        "quality": quality,
        "participant": holder,
        "another participant": UserFactory(centre=centre, role=roles.PARTICIPANTS),
        "centre coordinator": UserFactory(centre=centre, role=roles.CENTRE_COORDINATORS),
        "other centre coordinator": UserFactory(
            centre=other_centre, role=roles.CENTRE_COORDINATORS
        ),
        "trainer": UserFactory(centre=None, role=roles.TRAINERS),
        "programme coordinator": programme_coordinator(),
        "centre": centre,
    }


PARTICIPANT_PDF = {
    "participant": 200,
    "another participant": 404,
    "centre coordinator": 200,
    "other centre coordinator": 404,
    "trainer": 404,
    "programme coordinator": 200,
}
QUALITY_PDF = {
    "participant": 404,
    "another participant": 404,
    "centre coordinator": 200,
    "other centre coordinator": 404,
    "trainer": 404,
    "programme coordinator": 200,
}


@pytest.mark.parametrize("role,expected", PARTICIPANT_PDF.items())
def test_participant_certificate_pdf_and_credential_by_role(client, world, role, expected):
    client.force_login(world[role])
    code = world["cert"].verification_code
    for url in (
        f"/certyfikaty/pobierz/{code}.pdf",
        f"/certyfikaty/pobierz/{code}.jwt",
        f"/certyfikaty/pobierz/{code}.json",
    ):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 200:
            assert response["Cache-Control"] == "private, no-store"
            assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("role,expected", QUALITY_PDF.items())
def test_quality_certificate_pdf_by_role(client, world, role, expected):
    client.force_login(world[role])
    response = client.get(f"/certyfikaty/pobierz/{world['quality'].verification_code}.pdf")
    assert response.status_code == expected


def test_anonymous_gets_no_file(client, world):
    for code in (world["cert"].verification_code, world["quality"].verification_code):
        response = client.get(f"/certyfikaty/pobierz/{code}.pdf")
        assert response.status_code == 302 and "/konto/login/" in response["Location"]
    for url in ("/certyfikaty/osrodek/paczka.zip", "/certyfikaty/paczka/?rok=2026"):
        assert client.get(url).status_code == 302


def test_guessed_codes_and_storage_paths_are_not_served(client, world):
    client.force_login(world["programme coordinator"])
    assert client.get("/certyfikaty/pobierz/AAAAAAAAAAAA.pdf").status_code == 404
    assert client.get("/certyfikaty/pobierz/1.pdf").status_code == 404
    assert client.get("/media/" + world["cert"].pdf.name).status_code == 404
    assert client.get("/private/" + world["cert"].pdf.name).status_code == 404


def test_stored_pdf_bytes_do_not_change_between_downloads(client, world):
    client.force_login(world["participant"])
    url = f"/certyfikaty/pobierz/{world['cert'].verification_code}.pdf"
    first = b"".join(client.get(url).streaming_content)
    second = b"".join(client.get(url).streaming_content)
    assert first == second
    import hashlib

    assert hashlib.sha256(first).hexdigest() == world["cert"].pdf_sha256


def _zip_names(response):
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return sorted(archive.namelist())


BUNDLE = {
    "participant": 403,
    "another participant": 403,
    "centre coordinator": 200,
    "other centre coordinator": 200,  # their own centre's ZIP: none of ours inside
    "trainer": 403,
    "programme coordinator": 403,  # programme coordinators use the programme bundle
}


@pytest.mark.parametrize("role,expected", BUNDLE.items())
def test_centre_bundle_by_role(client, world, role, expected):
    if role == "other centre coordinator":
        ParticipantCertificateFactory(holder__centre=world[role].centre)
    client.force_login(world[role])
    response = client.get("/certyfikaty/osrodek/paczka.zip")
    assert response.status_code == expected
    if expected == 200:
        names = _zip_names(response)
        assert ("OSL" in " ".join(names)) and "spis.csv" in names
        own = world["cert"].number.replace("/", "-")
        assert any(own in n for n in names) == (role == "centre coordinator")
        assert response["Cache-Control"] == "private, no-store"


def test_centre_bundle_holds_the_stored_files_filtered_by_year_and_workshop(client, world):
    centre = world["centre"]
    colleague = UserFactory(centre=centre)
    later = ParticipantCertificateFactory(
        holder=colleague, workshop_key="workshop:2", workshop_dates=[datetime.date(2027, 5, 6)]
    )
    services.certificate_revoke(
        certificate=ParticipantCertificateFactory(holder=colleague),
        actor=world["programme coordinator"],
        reason="błąd",
    )
    client.force_login(world["centre coordinator"])
    everything = _zip_names(client.get("/certyfikaty/osrodek/paczka.zip"))
    assert len(everything) == 3  # two live certificates and spis.csv; the revoked one is left out
    only_2027 = _zip_names(client.get("/certyfikaty/osrodek/paczka.zip?rok=2027"))
    assert only_2027 == sorted(
        [n for n in everything if later.number.replace("/", "-") in n] + ["spis.csv"]
    )
    only_first = _zip_names(client.get("/certyfikaty/osrodek/paczka.zip?szkolenie=workshop:1"))
    assert len(only_first) == 2 and any(
        world["cert"].number.replace("/", "-") in n for n in only_first
    )
    response = client.get("/certyfikaty/osrodek/paczka.zip?rok=1999")  # not a choice: ignored
    assert response.status_code == 200
    with zipfile.ZipFile(
        io.BytesIO(
            b"".join(client.get("/certyfikaty/osrodek/paczka.zip?rok=2026").streaming_content)
        )
    ) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".pdf"))
        with world["cert"].pdf.open("rb") as handle:
            assert archive.read(name) == handle.read()


def test_programme_coordinator_downloads_any_set(client, world):
    other = UserFactory()
    ParticipantCertificateFactory(holder=other)
    client.force_login(world["programme coordinator"])
    everything = _zip_names(client.get("/certyfikaty/paczka/?rok=2026"))
    assert len(everything) == 3
    one_centre = _zip_names(client.get(f"/certyfikaty/paczka/?osrodek={world['centre'].pk}"))
    assert len(one_centre) == 2
    empty = client.get("/certyfikaty/paczka/?rok=2001")
    assert empty.status_code == 200 and "Nie ma certyfikatów" in empty.content.decode()
    for role in ("centre coordinator", "trainer", "participant"):
        client.force_login(world[role])
        assert client.get("/certyfikaty/paczka/?rok=2026").status_code == 403


def test_centre_page_lists_staff_and_quality_certificates(
    client, world, django_assert_max_num_queries
):
    for _ in range(5):
        ParticipantCertificateFactory(holder__centre=world["centre"])
    client.force_login(world["centre coordinator"])
    with django_assert_max_num_queries(20):  # constant: the base template takes most
        response = client.get("/certyfikaty/osrodek/")
    body = response.content.decode()
    assert world["cert"].number in body and world["quality"].number in body
    client.force_login(world["other centre coordinator"])
    assert world["cert"].number not in client.get("/certyfikaty/osrodek/").content.decode()
    client.force_login(world["trainer"])
    assert client.get("/certyfikaty/osrodek/").status_code == 403


def test_participant_sees_only_own_certificates(client, world):
    client.force_login(world["another participant"])
    assert world["cert"].number not in client.get("/certyfikaty/moje/").content.decode()
    client.force_login(world["participant"])
    assert world["cert"].number in client.get("/certyfikaty/moje/").content.decode()
