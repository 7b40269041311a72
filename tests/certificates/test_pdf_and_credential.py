import io
import json

import pytest
from PIL import Image
from pypdf import PdfReader

from certificates import credentials, pdf, services
from certificates.verification import credential_verify
from tests.pdf import assert_fonts_embedded

from .factories import ParticipantCertificateFactory, programme_coordinator

pytestmark = pytest.mark.django_db


def _pdf_bytes(cert) -> bytes:
    with cert.pdf.open("rb") as handle:
        return handle.read()


def test_pdf_text_holds_the_polish_name_course_and_code():
    cert = ParticipantCertificateFactory(
        holder__first_name="Zażółć", holder__last_name="Gęślą Jaźń"
    )
    reader = PdfReader(io.BytesIO(_pdf_bytes(cert)))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    text = reader.pages[0].extract_text()
    assert "Zażółć Gęślą Jaźń" in text
    assert "Animator lokalny — szkolenie Modelu OSL" in text
    assert cert.verification_code in text
    assert cert.number in text
    assert "12–13 marca 2026" in text
    assert "Łódź" in text


@pytest.mark.parametrize(
    ("first_name", "last_name"),
    [("Олександра", "Коваленко"), ("Nguyễn Thị", "Ánh"), ("Šárka", "Žemaitė-Dvořák")],
)
def test_pdf_text_holds_names_in_other_alphabets(first_name, last_name):
    """Social workers' names are not all Polish: a Ukrainian or Vietnamese name must not lose
    letters (a glyph missing from the embedded font drops out of the PDF)."""
    cert = ParticipantCertificateFactory(holder__first_name=first_name, holder__last_name=last_name)
    text = PdfReader(io.BytesIO(_pdf_bytes(cert))).pages[0].extract_text()
    assert f"{first_name} {last_name}" in text


def test_pdf_fonts_are_embedded():
    reader = PdfReader(io.BytesIO(_pdf_bytes(ParticipantCertificateFactory())))
    assert_fonts_embedded(reader.pages[0])


def test_qr_code_in_the_pdf_decodes_to_the_verification_url():
    import zxingcpp

    cert = ParticipantCertificateFactory()
    page = PdfReader(io.BytesIO(_pdf_bytes(cert))).pages[0]
    images = list(page.images)
    assert len(images) == 1
    qr = images[0].image.convert("L")
    qr = qr.resize((qr.width * 8, qr.height * 8), Image.NEAREST)
    results = zxingcpp.read_barcodes(qr)
    assert [r.text for r in results] == [
        f"http://testserver/certyfikaty/v/{cert.verification_code}/"
    ]


def test_date_ranges_read_naturally_in_polish():
    import datetime as dt

    assert pdf.polish_date_range([dt.date(2026, 3, 30), dt.date(2026, 4, 1)]) == (
        "30 marca – 1 kwietnia 2026"
    )
    assert pdf.polish_date_range([dt.date(2026, 9, 5)]) == "5 września 2026"


def test_credential_verifies_against_the_published_key(client):
    cert = ParticipantCertificateFactory(holder__first_name="Zażółć", holder__last_name="Gęślą")
    jwks = client.get("/certyfikaty/.well-known/jwks.json").json()
    result = credential_verify(cert.credential_jwt, jwks=jwks)
    assert result.signature_valid and result.ok, result.reason
    credential = result.credential
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    names = [
        i for i in credential["credentialSubject"]["identifier"] if i["identityType"] == "name"
    ]
    assert names[0]["identityHash"] == "Zażółć Gęślą"
    assert credential["credentialStatus"]["type"] == "BitstringStatusListEntry"
    assert credential["issuer"]["id"] == "http://testserver/certyfikaty/wystawca.json"
    profile = client.get("/certyfikaty/wystawca.json").json()
    assert profile["id"] == credential["issuer"]["id"]
    # the enveloped JSON form earlier .json downloads held verifies too
    enveloped = {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "id": f"data:application/vc+jwt,{cert.credential_jwt}",
        "type": "EnvelopedVerifiableCredential",
    }
    assert credential_verify(json.dumps(enveloped)).ok


def test_credential_fails_after_any_one_byte_changes():
    cert = ParticipantCertificateFactory()
    token = cert.credential_jwt
    jwks = credentials.published_jwks()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for position in range(len(token)):
        if token[position] == ".":
            continue
        replacement = alphabet[(alphabet.index(token[position]) + 1) % len(alphabet)]
        tampered = token[:position] + replacement + token[position + 1 :]
        assert not credential_verify(tampered, jwks=jwks).signature_valid, position


def test_credential_fails_against_another_key():
    from joserfc.jwk import ECKey

    cert = ParticipantCertificateFactory()
    other = {"keys": [ECKey.generate_key("P-256").as_dict(private=False)]}
    other["keys"][0]["kid"] = credentials.published_jwks()["keys"][0]["kid"]
    assert not credential_verify(cert.credential_jwt, jwks=other).signature_valid


def test_revocation_shows_in_the_status_and_the_revocation_list(client):
    cert = ParticipantCertificateFactory()
    services.certificate_revoke(certificate=cert, actor=programme_coordinator(), reason="błąd")
    result = credential_verify(cert.credential_jwt)
    assert result.signature_valid and result.status == "revoked" and not result.ok
    listing = client.get("/certyfikaty/lista-uniewaznien.json").json()  # 1EdTech's, for old ones
    assert {
        "id": cert.credential["id"],
        "revocationReason": "unieważniony przez wystawcę",
    } in listing["revokedCredential"]


def test_malformed_input_is_a_failed_check_not_an_error():
    for junk in ("", "abc", "a.b.c", "{}", b"\xff\xfe", '{"type": "x"}'):
        assert not credential_verify(junk).signature_valid
