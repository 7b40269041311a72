"""Re-signing after a key is withdrawn: the valid certificates' credentials verify again with the
current key, their PDFs stay as they were, revoked and superseded ones are left alone, a second
run changes nothing, and each re-signing is audited with the old credential kept."""

import datetime
import hashlib

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from certificates import keys, services
from certificates.models import ParticipantCertificate, QualityCertificate, private_storage
from certificates.verification import credential_verify
from tests.factories import CentreFactory

from .factories import ParticipantCertificateFactory, programme_coordinator
from .test_key_rotation import _jwks, rotated_files  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _pdf_bytes(cert) -> bytes:
    with cert.pdf.open("rb") as handle:
        return handle.read()


def _payload(token: str) -> str:
    return token.split(".")[1]


@pytest.fixture
def archived_files():
    """Remove the old credentials a test's re-signing kept in the private storage."""
    yield
    for entry in ModelLogEntry.objects.filter(action="osl.certificate.resign"):
        private_storage().delete(entry.data["old_credential_file"])


@pytest.fixture
def withdrawn(rotated_files, archived_files):  # noqa: F811
    """Two valid certificates signed by a key that is then rotated out and withdrawn."""
    participant = ParticipantCertificateFactory()
    quality = services.quality_certificate_issue(
        centre=CentreFactory(),
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2099, 1, 1),
        issued_by=None,
    )
    old_kid = keys.signed_with(participant.credential_jwt)
    call_command("certificates_rotate_key", stdout=None)
    return {"participant": participant, "quality": quality, "kid": old_kid}


def test_withdraw_with_resign_makes_the_credentials_verify_with_the_new_key(
    client, withdrawn, capsys
):
    old_kid = withdrawn["kid"]
    before = {
        name: (cert.credential_jwt, cert.pdf.name, cert.pdf_sha256, _pdf_bytes(cert))
        for name, cert in withdrawn.items()
        if name != "kid"
    }
    coordinator = programme_coordinator()

    call_command(
        "certificates_withdraw_key", f"--kid={old_kid}", "--reason", "wyciek", "--resign",
        "--by", coordinator.email,
    )  # fmt: skip

    new_kid = keys.current_signing_key()[0]
    assert f"Ponownie podpisano poświadczenia (2) kluczem {new_kid}" in capsys.readouterr().out
    published = _jwks(client)
    assert old_kid not in [keys.register_kid(k["kid"]) for k in published["keys"]]
    for name, (old_token, pdf_name, pdf_sha, pdf_bytes) in before.items():
        cert = type(withdrawn[name]).objects.get(pk=withdrawn[name].pk)
        assert keys.signed_with(cert.credential_jwt) == new_kid
        assert credential_verify(cert.credential_jwt, jwks=published).ok
        assert credential_verify(cert.credential_jwt).ok  # and by our verification page
        assert not credential_verify(old_token, jwks=published).signature_valid
        assert _payload(cert.credential_jwt) == _payload(old_token)  # the same claims
        # The PDF is sealed: same file, same bytes, same recorded SHA-256.
        assert (cert.pdf.name, cert.pdf_sha256, _pdf_bytes(cert)) == (pdf_name, pdf_sha, pdf_bytes)

        entry = ModelLogEntry.objects.get(
            action="osl.certificate.resign",
            content_type__model=type(cert).__name__.lower(),
            object_id=str(cert.pk),
        )
        assert entry.user_id == coordinator.pk
        assert entry.data["old_kid"] == old_kid and entry.data["new_kid"] == new_kid
        assert entry.data["old_credential_sha256"] == hashlib.sha256(old_token.encode()).hexdigest()
        with private_storage().open(entry.data["old_credential_file"], "rb") as kept:
            assert kept.read() == old_token.encode()  # the old credential is kept


def test_revoked_and_superseded_certificates_are_not_resigned(withdrawn):
    coordinator = programme_coordinator()
    revoked = withdrawn["participant"]
    services.certificate_revoke(certificate=revoked, actor=coordinator, reason="błąd")
    superseded = withdrawn["quality"]
    services.certificate_reissue(
        certificate=superseded, actor=coordinator, reason="nazwa", centre_name="Nowa nazwa"
    )
    call_command("certificates_withdraw_key", f"--kid={withdrawn['kid']}", "--reason", "wyciek")

    result = services.credentials_resign(kid=withdrawn["kid"])

    assert result.certificates == []
    for cert in (revoked, superseded):
        assert type(cert).objects.get(pk=cert.pk).credential_jwt == cert.credential_jwt
    assert not ModelLogEntry.objects.filter(action="osl.certificate.resign").exists()


def test_a_certificate_revoked_after_it_was_listed_is_not_resigned(withdrawn):
    """The second look under the row lock: a run that listed it before a revocation leaves it."""
    call_command("certificates_withdraw_key", f"--kid={withdrawn['kid']}", "--reason", "wyciek")
    listed = withdrawn["participant"]
    ParticipantCertificate.objects.filter(pk=listed.pk).update(
        status="revoked", revocation_kind="manual"
    )

    from certificates.services.resigning import _resign_one

    assert _resign_one(listed, old_kid=withdrawn["kid"], actor=None) is None
    assert ParticipantCertificate.objects.get(pk=listed.pk).credential_jwt == listed.credential_jwt


def test_running_resign_twice_changes_nothing_the_second_time(withdrawn, capsys):
    kid = withdrawn["kid"]
    call_command("certificates_withdraw_key", f"--kid={kid}", "--reason", "wyciek")
    call_command("certificates_resign", f"--kid={kid}")
    assert "(2)" in capsys.readouterr().out
    tokens = sorted(
        c.credential_jwt
        for model in (ParticipantCertificate, QualityCertificate)
        for c in model.objects.all()
    )
    entries = ModelLogEntry.objects.filter(action="osl.certificate.resign").count()

    call_command("certificates_resign", f"--kid={kid}")

    assert f"Żadne ważne poświadczenie nie jest podpisane kluczem {kid}." in capsys.readouterr().out
    assert tokens == sorted(
        c.credential_jwt
        for model in (ParticipantCertificate, QualityCertificate)
        for c in model.objects.all()
    )
    assert ModelLogEntry.objects.filter(action="osl.certificate.resign").count() == entries == 2


def test_a_key_that_is_not_withdrawn_is_refused(withdrawn):
    retired = withdrawn["kid"]
    current = keys.current_signing_key()[0]
    for kid, state in ((retired, "wycofany"), (current, "bieżący")):
        with pytest.raises(CommandError, match=f"Klucz {kid} nie jest unieważniony.*{state}"):
            call_command("certificates_resign", f"--kid={kid}")
    with pytest.raises(CommandError, match="W rejestrze nie ma klucza -nie-ma-takiego"):
        call_command("certificates_resign", "--kid=-nie-ma-takiego")
    participant = ParticipantCertificate.objects.get(pk=withdrawn["participant"].pk)
    assert participant.credential_jwt == withdrawn["participant"].credential_jwt
    assert not ModelLogEntry.objects.filter(action="osl.certificate.resign").exists()
