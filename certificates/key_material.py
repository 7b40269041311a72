"""Private key material, never in the database or the repository: the key in the environment
(CERTIFICATES_SIGNING_KEY, production) or, in dev and tests only, key files in the private
storage; loading a PEM (P-256, or an Ed25519 key registered before), making a new P-256 key and
describing a key's public half (kid, algorithm, x, y). The register of keys is certificates.keys."""

import threading

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from joserfc.jwk import ECKey, OKPKey

from .models import (
    SigningKeyAlgorithm,
    private_storage,
)

# The Ed25519 key dev and tests generated before keys rotated (an older checkout's only key).
BOOTSTRAP_KEY_NAME = "keys/certificates-ed25519.pem"


LEGACY_ROTATED_KEY_NAME = "keys/certificates-ed25519-{kid}.pem"


ROTATED_KEY_NAME = "keys/certificates-p256-{kid}.pem"


PrivateKey = ECKey | OKPKey


_lock = threading.Lock()


_private_keys: dict[str, PrivateKey] = {}  # by PEM or by kid: a kid names one key


def describe(key: PrivateKey) -> tuple[str, str, str, str]:
    """(kid, algorithm, x, y) of a private key's public half."""
    public = key.as_dict(private=False)
    algorithm = SigningKeyAlgorithm.EDDSA if public["kty"] == "OKP" else SigningKeyAlgorithm.ES256
    return key.thumbprint(), algorithm, public["x"], public.get("y", "")


def load_pem(pem: bytes, what: str) -> PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, None)
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(f"{what} is not a PEM private key.") from exc
    if isinstance(key, ec.EllipticCurvePrivateKey) and isinstance(key.curve, ec.SECP256R1):
        return ECKey.import_key(pem)
    if isinstance(key, Ed25519PrivateKey):
        return OKPKey.import_key(pem)
    raise ImproperlyConfigured(
        f"{what} must be a P-256 (ES256) key, or an Ed25519 key registered before."
    )


def pem_of(key: PrivateKey) -> bytes:
    return key.as_pem(private=True)


def new_key() -> ECKey:
    return ECKey.generate_key("P-256", private=True)


def environment_key() -> PrivateKey | None:
    pem = settings.CERTIFICATES_SIGNING_KEY
    if not pem:
        return None
    with _lock:
        if pem not in _private_keys:
            text = pem.replace("\\n", "\n").encode()  # one-line env values write "\n" literally
            _private_keys[pem] = load_pem(text, "CERTIFICATES_SIGNING_KEY")
        return _private_keys[pem]


def stored_key(kid: str) -> PrivateKey:
    """A dev/test key from the private storage, found by its kid."""
    with _lock:
        if kid in _private_keys:
            return _private_keys[kid]
        storage = private_storage()
        names = (
            ROTATED_KEY_NAME.format(kid=kid),
            LEGACY_ROTATED_KEY_NAME.format(kid=kid),
            BOOTSTRAP_KEY_NAME,
        )
        for name in names:
            if storage.exists(name):
                with storage.open(name, "rb") as handle:
                    key = load_pem(handle.read(), name)
                if key.thumbprint() == kid:
                    _private_keys[kid] = key
                    return key
        raise ImproperlyConfigured(
            f"The private key of the current signing key {kid} is not in the private storage; "
            "run `manage.py certificates_rotate_key` to make a new one."
        )


def bootstrap_key() -> PrivateKey:
    """Dev and tests: the first key, a new P-256 key stored under its own kid, so that
    processes starting together, each making one, never overwrite or rename each other's file.
    An older checkout's single Ed25519 key file is used instead only where certificates were
    already signed with it before the register existed (an upgraded dev database)."""
    from .models import ParticipantCertificate, QualityCertificate

    storage = private_storage()
    signed_before = any(
        model.objects.exclude(credential_jwt="").exists()
        for model in (ParticipantCertificate, QualityCertificate)
    )
    if signed_before and storage.exists(BOOTSTRAP_KEY_NAME):
        with storage.open(BOOTSTRAP_KEY_NAME, "rb") as handle:
            return load_pem(handle.read(), BOOTSTRAP_KEY_NAME)
    key = new_key()
    storage.save(ROTATED_KEY_NAME.format(kid=key.thumbprint()), ContentFile(pem_of(key)))
    return key
