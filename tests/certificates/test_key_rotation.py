"""Rotating the issuer's signing key: credentials name their key (kid), the JWK set publishes
the current and the retired keys, a withdrawn key's credentials fail, and every step is audited."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import override_settings
from wagtail.models import ModelLogEntry

from certificates import keys
from certificates.models import SigningKey, SigningKeySource, SigningKeyStatus, private_storage
from certificates.verification import credential_verify
from tests.concurrency import run_together

from .factories import ParticipantCertificateFactory, programme_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def rotated_files():
    """Remove the key files a test's rotations wrote (the register itself rolls back)."""
    storage = private_storage()
    before = set(storage.listdir("keys")[1]) if storage.exists("keys") else set()
    yield
    for name in set(private_storage().listdir("keys")[1]) - before:
        private_storage().delete(f"keys/{name}")


def _kid(token: str) -> str:
    return keys.signed_with(token)


def _jwks(client) -> dict:
    response = client.get("/certyfikaty/.well-known/jwks.json")
    assert response.status_code == 200
    return response.json()


def _pem() -> str:
    return (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def test_a_credential_signed_before_rotation_still_verifies_after_it(client, rotated_files):
    old = ParticipantCertificateFactory()
    old_kid = _kid(old.credential_jwt)
    assert [keys.register_kid(k["kid"]) for k in _jwks(client)["keys"]] == [old_kid]

    call_command("certificates_rotate_key", stdout=None)

    new = ParticipantCertificateFactory()
    new_kid = _kid(new.credential_jwt)
    assert new_kid != old_kid  # the new credential names the new key
    published = _jwks(client)
    # current first
    assert [keys.register_kid(k["kid"]) for k in published["keys"]] == [new_kid, old_kid]
    for cert in (old, new):
        result = credential_verify(cert.credential_jwt, jwks=published)
        assert result.signature_valid and result.ok, result.reason
        assert credential_verify(cert.credential_jwt).ok  # against our register too
    assert SigningKey.objects.get(kid=old_kid).status == SigningKeyStatus.RETIRED
    assert SigningKey.objects.get(kid=new_kid).status == SigningKeyStatus.CURRENT
    profile = client.get("/certyfikaty/wystawca.json").json()
    assert [m["id"] for m in profile["verificationMethod"]] == [
        keys.key_url(new_kid),
        keys.key_url(old_kid),
    ]


def test_rotation_and_withdrawal_are_audited(rotated_files):
    coordinator = programme_coordinator()
    old_kid = _kid(ParticipantCertificateFactory().credential_jwt)
    call_command("certificates_rotate_key", "--by", coordinator.email, stdout=None)
    new_kid = keys.current_signing_key()[0]
    call_command(
        "certificates_withdraw_key",
        f"--kid={old_kid}",
        "--reason",
        "wyciek",
        "--by",
        coordinator.email,
    )
    entries = {
        (e.action, e.data["kid"], e.user_id)
        for e in ModelLogEntry.objects.filter(action__startswith="osl.signing_key.")
    }
    assert ("osl.signing_key.activate", old_kid, None) in entries  # registered at first use
    assert ("osl.signing_key.retire", old_kid, coordinator.pk) in entries
    assert ("osl.signing_key.activate", new_kid, coordinator.pk) in entries
    assert ("osl.signing_key.withdraw", old_kid, coordinator.pk) in entries


def test_a_withdrawn_keys_credentials_fail_verification(client, rotated_files, capsys):
    old = ParticipantCertificateFactory()
    old_kid = _kid(old.credential_jwt)
    call_command("certificates_rotate_key", stdout=None)
    new = ParticipantCertificateFactory()

    call_command("certificates_withdraw_key", f"--kid={old_kid}", "--reason", "klucz wyciekł")
    out = capsys.readouterr().out
    assert f"certificates_resign --kid={old_kid}): 1" in out and old.number in out

    published = _jwks(client)
    assert old_kid not in [keys.register_kid(k["kid"]) for k in published["keys"]]
    against_jwks = credential_verify(old.credential_jwt, jwks=published)
    assert not against_jwks.signature_valid and against_jwks.reason == "unknown key"
    against_register = credential_verify(old.credential_jwt)
    assert not against_register.ok
    assert against_register.reason == "key withdrawn: klucz wyciekł"
    assert credential_verify(new.credential_jwt, jwks=published).ok  # the current key is fine
    row = SigningKey.objects.get(kid=old_kid)
    assert (row.status, row.withdrawn_reason) == (SigningKeyStatus.WITHDRAWN, "klucz wyciekł")
    assert row.withdrawn_at is not None


def test_the_current_key_cannot_be_withdrawn_and_a_reason_is_required(rotated_files):
    current = _kid(ParticipantCertificateFactory().credential_jwt)
    with pytest.raises(CommandError, match="najpierw wymień"):
        call_command("certificates_withdraw_key", f"--kid={current}", "--reason", "test")
    call_command("certificates_rotate_key", stdout=None)
    with pytest.raises(CommandError, match="Podaj powód unieważnienia"):
        call_command("certificates_withdraw_key", f"--kid={current}", "--reason", "  ")
    with pytest.raises(CommandError, match="nie ma klucza"):  # a kid may start with "-"
        call_command("certificates_withdraw_key", "--kid=-no-such-kid", "--reason", "test")
    assert SigningKey.objects.get(kid=current).status == SigningKeyStatus.RETIRED


def test_one_changed_byte_fails_after_rotation(client, rotated_files):
    call_command("certificates_rotate_key", stdout=None)
    token = ParticipantCertificateFactory().credential_jwt
    published = _jwks(client)
    assert credential_verify(token, jwks=published).ok
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for position in range(len(token)):
        if token[position] == ".":
            continue
        replacement = alphabet[(alphabet.index(token[position]) + 1) % len(alphabet)]
        tampered = token[:position] + replacement + token[position + 1 :]
        assert not credential_verify(tampered, jwks=published).signature_valid, position


def test_the_environment_key_rotates_by_deploying_a_new_one(client):
    first, second = _pem(), _pem()
    with override_settings(CERTIFICATES_SIGNING_KEY=first.replace("\n", "\\n")):
        old = ParticipantCertificateFactory()
        row = SigningKey.objects.get(kid=_kid(old.credential_jwt))
        assert (row.status, row.source) == (SigningKeyStatus.CURRENT, SigningKeySource.ENVIRONMENT)
        with pytest.raises(CommandError, match="zawiera bieżący klucz"):
            call_command("certificates_rotate_key", stdout=None)
    with override_settings(CERTIFICATES_SIGNING_KEY=second):
        call_command("certificates_rotate_key", stdout=None)  # registers the deployed key
        new = ParticipantCertificateFactory()
        assert _kid(new.credential_jwt) != row.kid
        published = _jwks(client)
        assert [keys.register_kid(k["kid"]) for k in published["keys"]] == [
            _kid(new.credential_jwt),
            row.kid,
        ]
        assert credential_verify(old.credential_jwt, jwks=published).ok
    # A worker not yet restarted (or the old key put back) still signs with the retired key:
    # what it signs verifies, and the deployed key stays current.
    with override_settings(CERTIFICATES_SIGNING_KEY=first):
        late = ParticipantCertificateFactory()
        assert _kid(late.credential_jwt) == row.kid
        assert credential_verify(late.credential_jwt, jwks=_jwks(client)).ok
        assert SigningKey.objects.get(status=SigningKeyStatus.CURRENT).kid == _kid(
            new.credential_jwt
        )
        with pytest.raises(CommandError, match="nigdy nie wraca do użytku"):
            call_command("certificates_rotate_key", stdout=None)
    call_command("certificates_withdraw_key", f"--kid={row.kid}", "--reason", "wyciek")
    refused = pytest.raises(ImproperlyConfigured, match="withdrawn key")
    with override_settings(CERTIFICATES_SIGNING_KEY=first), refused:
        ParticipantCertificateFactory()  # a withdrawn key signs nothing


def test_a_newly_deployed_environment_key_is_registered_at_first_use(client):
    with override_settings(CERTIFICATES_SIGNING_KEY=_pem()):
        kid = keys.current_signing_key()[0]
        assert keys.register_kid(_jwks(client)["keys"][0]["kid"]) == kid
        assert SigningKey.objects.get(kid=kid).status == SigningKeyStatus.CURRENT


@override_settings(CERTIFICATES_SIGNING_KEY="", CERTIFICATES_GENERATE_SIGNING_KEY=False)
def test_production_without_a_key_in_the_environment_refuses_to_sign():
    with pytest.raises(ImproperlyConfigured, match="CERTIFICATES_SIGNING_KEY"):
        keys.current_signing_key()


def test_the_register_holds_one_current_key_and_never_deletes():
    keys.current_signing_key()
    x = keys.public_x(Ed25519PrivateKey.generate().public_key())
    with pytest.raises(IntegrityError), transaction.atomic():
        SigningKey.objects.create(
            kid=keys.kid_for(x), public_x=x, source="storage", status=SigningKeyStatus.CURRENT
        )
    from certificates.models import RecordsAreKeptError

    with pytest.raises(RecordsAreKeptError):
        SigningKey.objects.get(status=SigningKeyStatus.CURRENT).delete()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_starting_together_share_one_first_key(tmp_path, settings):
    """Dev and tests: issuing workers that start at once each make a first key; the register
    keeps one and every worker signs with it, none fails (it would lose its certificates)."""
    private = settings.STORAGES["private"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**private, "OPTIONS": {**private["OPTIONS"], "location": str(tmp_path)}},
    }

    def first_key():
        with transaction.atomic():
            return keys.current_signing_key()[0]

    kids, errors = run_together(first_key, [()] * 4)
    assert not errors
    assert len(set(kids)) == 1
    assert list(SigningKey.objects.values_list("kid", flat=True)) == kids[:1]


def _p256_pem() -> str:
    from cryptography.hazmat.primitives.asymmetric import ec

    return (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )


def test_an_ed25519_deployment_moves_to_a_p256_key_and_its_old_credentials_still_verify(client):
    """A deployment that signed with Ed25519 puts a P-256 key in CERTIFICATES_SIGNING_KEY: new
    credentials are ES256 and name their key by URL, the old EdDSA ones verify as before."""
    import jwt

    with override_settings(CERTIFICATES_SIGNING_KEY=_pem()):
        old = ParticipantCertificateFactory()
    assert jwt.get_unverified_header(old.credential_jwt) == {
        "alg": "EdDSA",
        "typ": "vc+jwt",
        "kid": _kid(old.credential_jwt),
    }
    with override_settings(CERTIFICATES_SIGNING_KEY=_p256_pem().replace("\n", "\\n")):
        new = ParticipantCertificateFactory()
        row = SigningKey.objects.get(kid=_kid(new.credential_jwt))
        assert (row.algorithm, row.status) == ("ES256", SigningKeyStatus.CURRENT)
        assert SigningKey.objects.get(kid=_kid(old.credential_jwt)).algorithm == "EdDSA"
        header = jwt.get_unverified_header(new.credential_jwt)
        assert header == {"alg": "ES256", "kid": keys.key_url(row.kid), "typ": "JWT"}
        published = _jwks(client)
        for cert in (old, new):
            assert credential_verify(cert.credential_jwt, jwks=published).ok
            # and PyJWT finds each key in the JWK set by the kid the credential names
            kid = jwt.get_unverified_header(cert.credential_jwt)["kid"]
            jwk = next(k for k in published["keys"] if k["kid"] == kid)
            jwt.decode(
                cert.credential_jwt,
                jwt.PyJWK(jwk).key,
                algorithms=[jwk["alg"]],
                options={"verify_aud": False},
            )


def test_a_key_of_another_kind_in_the_environment_is_refused():
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    for key in (rsa.generate_private_key(65537, 2048), ec.generate_private_key(ec.SECP384R1())):
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        with (
            override_settings(CERTIFICATES_SIGNING_KEY=pem),
            pytest.raises(ImproperlyConfigured, match="P-256"),
        ):
            keys.current_signing_key()
    with (
        override_settings(CERTIFICATES_SIGNING_KEY="nie klucz"),
        pytest.raises(ImproperlyConfigured, match="not a PEM"),
    ):
        keys.current_signing_key()
