"""Open Badges 3.0 as tools nobody here wrote read it: PyJWT verifies the VC-JWT with the key its
`kid` URL answers, 1EdTech's AchievementCredential JSON Schema accepts the payload, and the
W3C Bitstring Status List is read with the specification's rules only (no project code)."""

import base64
import datetime
import gzip
import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import jwt
import pytest
from django.conf import settings
from django.test import override_settings

from certificates import services
from tests.certificates.factories import ParticipantCertificateFactory, programme_coordinator
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "achievementcredential.json").read_text())


def _get(client, url, **headers):
    """Dereference one of our absolute URLs through the test client."""
    assert url.startswith("http://testserver/"), url
    return client.get(urlsplit(url).path, **headers)


def _verified(client, token: str, *, typ: str = "JWT") -> dict:
    """Verify a compact JWS as OB 3.0 §8.2 says, with PyJWT: the header's kid is a URL that
    dereferences to the JWK, the signature checks with it, the claims mirror the credential."""
    header = jwt.get_unverified_header(token)
    assert set(header) <= {"alg", "kid", "typ"}  # OB 3.0: no other JOSE headers
    assert header["alg"] == "ES256" and header["typ"] == typ
    response = _get(client, header["kid"])
    assert response.status_code == 200
    jwk = response.json()
    assert "d" not in jwk and jwk["kty"] == "EC" and jwk["crv"] == "P-256"
    key = jwt.PyJWK(jwk).key
    return jwt.decode(token, key, algorithms=["ES256"], options={"verify_aud": False})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_the_credential_verifies_with_pyjwt_and_the_key_its_kid_names(client):
    cert = ParticipantCertificateFactory(holder__email="zofia.wojcik@example.pl")
    claims = _verified(client, cert.credential_jwt)
    assert claims["iss"] == claims["issuer"]["id"] == "http://testserver/certyfikaty/wystawca.json"
    assert (
        claims["jti"]
        == claims["id"]
        == f"http://testserver/certyfikaty/v/{cert.verification_code}/"
    )
    assert claims["sub"] == claims["credentialSubject"]["id"]
    assert claims["sub"].startswith("urn:uuid:")
    valid_from = datetime.datetime.fromisoformat(claims["validFrom"].replace("Z", "+00:00"))
    assert claims["nbf"] == int(valid_from.timestamp())
    # The holder is one subject across their badges, and the e-mail is not in the credential.
    second = ParticipantCertificateFactory(holder=cert.holder)
    assert _verified(client, second.credential_jwt)["sub"] == claims["sub"]
    assert "zofia.wojcik" not in json.dumps(claims)
    hashed = [i for i in claims["credentialSubject"]["identifier"] if i["hashed"]]
    assert hashed[0]["identityType"] == "emailAddress"
    import hashlib

    digest = hashlib.sha256(("zofia.wojcik@example.pl" + hashed[0]["salt"]).encode()).hexdigest()
    assert hashed[0]["identityHash"] == f"sha256${digest}"  # what OB 3.0 §"verify-identifier" does


def test_a_flipped_byte_anywhere_fails_pyjwt(client):
    token = ParticipantCertificateFactory().credential_jwt
    key = jwt.PyJWK(_get(client, jwt.get_unverified_header(token)["kid"]).json()).key
    segments = token.split(".")
    for part in range(3):
        raw = _unb64(segments[part])
        for position in range(0, len(raw), 1 if part != 1 else 11):
            flipped = bytearray(raw)
            flipped[position] ^= 0x01
            tampered = list(segments)
            tampered[part] = _b64(bytes(flipped))
            with pytest.raises(jwt.PyJWTError):
                jwt.decode(".".join(tampered), key, algorithms=["ES256"])


def test_the_payload_and_the_json_download_match_1edtechs_schema(client):
    validator = jsonschema.Draft201909Validator(SCHEMA)
    cert = ParticipantCertificateFactory()
    record = services.quality_certificate_issue(
        centre=CentreFactory(),
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2029, 1, 1),
        issued_by=None,
    )
    for token in (cert.credential_jwt, record.credential_jwt):
        claims = _verified(client, token)
        validator.validate(claims)
        assert claims["@context"] == [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ]
        assert claims["credentialSubject"]["id"].startswith("urn:uuid:")
    client.force_login(cert.holder)
    download = client.get(f"/certyfikaty/pobierz/{cert.verification_code}.json")
    credential = json.loads(download.content)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]  # not enveloped
    validator.validate(credential)
    assert credential == {
        k: v
        for k, v in _verified(client, cert.credential_jwt).items()
        if k not in ("iss", "jti", "sub", "nbf", "exp")
    }


def test_one_issuer_name_in_the_credential_and_the_profile(client):
    cert = ParticipantCertificateFactory(issuer="Stowarzyszenie CAL (oddział łódzki)")
    profile = client.get("/certyfikaty/wystawca.json").json()
    issuer = _verified(client, cert.credential_jwt)["issuer"]
    assert issuer["id"] == profile["id"] and issuer["name"] == profile["name"]
    assert [m["id"] for m in profile["verificationMethod"]] == [
        jwt.get_unverified_header(cert.credential_jwt)["kid"]
    ]


def _status(client, credential: dict) -> int:
    """W3C Bitstring Status List, §3.2 validate algorithm, purpose "revocation": 1 = revoked."""
    entry = credential["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusPurpose"] == "revocation"
    response = _get(client, entry["statusListCredential"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    status_list = _verified(client, response.content.decode(), typ="vc+jwt")
    assert "BitstringStatusListCredential" in status_list["type"]
    assert status_list["id"] == entry["statusListCredential"]
    subject = status_list["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == entry["statusPurpose"]
    encoded = subject["encodedList"]
    assert encoded[0] == "u"  # multibase base64url, no padding
    bits = gzip.decompress(_unb64(encoded[1:]))
    assert len(bits) * 8 >= 131_072  # the specification's minimum length
    index = int(entry["statusListIndex"])
    assert index < len(bits) * 8  # else STATUS_LIST_LENGTH_ERROR
    return (bits[index // 8] >> (7 - index % 8)) & 1  # index 0 is the leftmost bit


def test_revoked_and_superseded_certificates_read_as_such_from_the_status_list(client):
    coordinator = programme_coordinator()
    valid = ParticipantCertificateFactory()
    revoked = ParticipantCertificateFactory()
    corrected = ParticipantCertificateFactory()
    quality = services.quality_certificate_issue(
        centre=CentreFactory(),
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2029, 1, 1),
        issued_by=None,
    )
    before = {c.pk: _status(client, c.credential) for c in (valid, revoked, corrected)}
    assert set(before.values()) == {0} and _status(client, quality.credential) == 0

    services.certificate_revoke(certificate=revoked, actor=coordinator, reason="pomyłka")
    replacement = services.certificate_reissue(
        certificate=corrected, actor=coordinator, reason="literówka", town="Łęczyca"
    )
    services.certificate_revoke(certificate=quality, actor=coordinator, reason="cofnięty")
    assert _status(client, valid.credential) == 0
    assert _status(client, revoked.credential) == 1
    assert _status(client, corrected.credential) == 1  # superseded: no longer valid
    assert _status(client, replacement.credential) == 0
    assert _status(client, quality.credential) == 1
    indexes = {
        c.credential["credentialStatus"]["statusListIndex"]
        for c in (valid, revoked, corrected, replacement, quality)
    }
    assert len(indexes) == 5  # each certificate its own, stable place


def test_the_status_list_is_cacheable_and_stable_until_a_bit_changes(client):
    cert = ParticipantCertificateFactory()
    first = client.get("/certyfikaty/lista-statusow/")
    assert first["Cache-Control"] == "public, max-age=300"
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get("/certyfikaty/lista-statusow/")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert (
        client.get("/certyfikaty/lista-statusow/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )
    services.certificate_revoke(certificate=cert, actor=programme_coordinator(), reason="błąd")
    changed = client.get("/certyfikaty/lista-statusow/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_the_1edtech_revocation_list_names_its_fields_as_the_specification_does(client):
    coordinator = programme_coordinator()
    revoked, corrected = ParticipantCertificateFactory(), ParticipantCertificateFactory()
    services.certificate_revoke(certificate=revoked, actor=coordinator, reason="prywatny powód")
    services.certificate_reissue(certificate=corrected, actor=coordinator, reason="x", town="Koło")
    listing = client.get("/certyfikaty/lista-uniewaznien.json").json()
    assert "revokedCredentials" not in listing
    entries = {e["id"]: e["revocationReason"] for e in listing["revokedCredential"]}
    assert entries == {
        revoked.credential["id"]: "unieważniony przez wystawcę",
        corrected.credential["id"]: "zastąpiony poprawionym certyfikatem",
    }
    assert "prywatny powód" not in json.dumps(listing)


def test_a_withdrawn_keys_url_answers_404(client):
    from django.core.management import call_command

    from certificates import keys

    token = ParticipantCertificateFactory().credential_jwt
    kid_url = jwt.get_unverified_header(token)["kid"]
    call_command("certificates_rotate_key", stdout=None)
    assert _get(client, kid_url).status_code == 200  # retired: still published
    call_command("certificates_withdraw_key", f"--kid={keys.signed_with(token)}", "--reason", "x")
    assert _get(client, kid_url).status_code == 404
    assert client.get("/certyfikaty/klucze/nie-ma-takiego.json").status_code == 404


def test_verification_pages_are_kept_out_of_search_engines(client):
    cert = ParticipantCertificateFactory()
    for code, status in ((cert.verification_code, 200), ("AAAAAAAAAAAA", 404)):
        response = client.get(f"/certyfikaty/v/{code}/")
        assert response.status_code == status
        assert response["X-Robots-Tag"] == "noindex"
        assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_course_named_after_its_role_is_not_doubled(client):
    title = "Organizator sieci społecznych"
    cert = ParticipantCertificateFactory(course_title=title, role_name=title)
    assert (
        f"{title} — {title}"
        not in cert.credential["credentialSubject"]["achievement"]["description"]
    )
    client.force_login(cert.holder)
    page = client.get("/certyfikaty/moje/").content.decode()
    assert title in page and f"{title} — {title}" not in page
    other = ParticipantCertificateFactory(course_title="Kurs podstawowy", role_name="Animator")
    assert (
        "Kurs podstawowy — Animator"
        in other.credential["credentialSubject"]["achievement"]["description"]
    )


@override_settings(CERTIFICATES_VERIFY_RATE=(3, 300))
def test_the_lookup_limit_is_a_fixed_window_that_trying_does_not_move(
    client, monkeypatch, tmp_path
):
    """On a cache whose increment rewrites the entry (Django's file and database caches), a
    counter kept under one key would start its window again with every try."""
    import time

    caches = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    now = [time.time()]
    monkeypatch.setattr(time, "time", lambda: now[0])
    url = "/certyfikaty/v/AAAAAAAAAAAA/"
    with override_settings(CACHES=caches):
        for _ in range(3):
            assert client.get(url).status_code == 404
        refused = client.get(url)
        assert refused.status_code == 429
        window_end = now[0] + int(refused["Retry-After"])
        assert now[0] < window_end <= now[0] + 300
        while now[0] + 7 < window_end:  # trying meanwhile does not push the end back
            now[0] += 7
            assert client.get(url).status_code == 429
            assert now[0] + int(client.get(url)["Retry-After"]) == window_end
        now[0] = window_end + 1
        assert client.get(url).status_code == 404
