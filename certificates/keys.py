"""The issuer's signing keys: which one signs now, which ones still verify, rotation, withdrawal.

Private keys come from the environment (CERTIFICATES_SIGNING_KEY, production) or, in dev and
tests only, from files in the private storage; they never enter the database or the repository.
The database holds the register (`SigningKey`): each key's public half, its `kid` (RFC 7638
thumbprint) and its state — current (signs, published), retired (published so that what it
signed still verifies), withdrawn (no longer published: what it signed fails verification).
Every change of state is audited."""

import base64
import hashlib
import json
import threading

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.audit import audit

from .models import SigningKey, SigningKeySource, SigningKeyStatus, private_storage

# The key dev and tests generated before keys rotated; still the first one they register.
BOOTSTRAP_KEY_NAME = "keys/certificates-ed25519.pem"
ROTATED_KEY_NAME = "keys/certificates-ed25519-{kid}.pem"


class SigningKeyError(Exception):
    """A key operation that the register's rules refuse; the message says what to do."""


_lock = threading.Lock()
_private_keys: dict[str, Ed25519PrivateKey] = {}  # by PEM or by kid: a kid names one key


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def public_x(key: Ed25519PublicKey) -> str:
    return b64url(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def kid_for(x: str) -> str:
    thumbprint = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": x}, separators=(",", ":"))
    return b64url(hashlib.sha256(thumbprint.encode()).digest())  # RFC 7638


def jwk(x: str) -> dict:
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid_for(x), "alg": "EdDSA", "use": "sig"}


def public_jwk(key: Ed25519PublicKey) -> dict:
    return jwk(public_x(key))


def _pem(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _load_pem(pem: bytes, what: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem, None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{what} must be an Ed25519 key.")
    return key


def _environment_key() -> Ed25519PrivateKey | None:
    pem = settings.CERTIFICATES_SIGNING_KEY
    if not pem:
        return None
    with _lock:
        if pem not in _private_keys:
            text = pem.replace("\\n", "\n").encode()  # one-line env values write "\n" literally
            _private_keys[pem] = _load_pem(text, "CERTIFICATES_SIGNING_KEY")
        return _private_keys[pem]


def _stored_key(kid: str) -> Ed25519PrivateKey:
    """A dev/test key from the private storage, found by its kid."""
    with _lock:
        if kid in _private_keys:
            return _private_keys[kid]
        storage = private_storage()
        for name in (ROTATED_KEY_NAME.format(kid=kid), BOOTSTRAP_KEY_NAME):
            if storage.exists(name):
                with storage.open(name, "rb") as handle:
                    key = _load_pem(handle.read(), name)
                if public_jwk(key.public_key())["kid"] == kid:
                    _private_keys[kid] = key
                    return key
        raise ImproperlyConfigured(
            f"The private key of the current signing key {kid} is not in the private storage; "
            "run `manage.py certificates_rotate_key` to make a new one."
        )


def _bootstrap_key() -> Ed25519PrivateKey:
    """Dev and tests: the first key. It is stored under its own kid, so that processes starting
    together, each making one, never overwrite or rename each other's file (an older checkout's
    single key file is still used)."""
    storage = private_storage()
    if storage.exists(BOOTSTRAP_KEY_NAME):
        with storage.open(BOOTSTRAP_KEY_NAME, "rb") as handle:
            return _load_pem(handle.read(), BOOTSTRAP_KEY_NAME)
    key = Ed25519PrivateKey.generate()
    kid = public_jwk(key.public_key())["kid"]
    storage.save(ROTATED_KEY_NAME.format(kid=kid), ContentFile(_pem(key)))
    return key


def _register_first_stored_key() -> SigningKey:
    """Dev and tests: register the first key at first use. When several processes start at once
    (two issuing workers), each makes a key; the register keeps the first one committed and the
    others sign with it (its private half is already in the storage, filed under its kid)."""
    key = _bootstrap_key()
    try:
        return _make_current(key.public_key(), source=SigningKeySource.STORAGE, via="first use")
    except IntegrityError:
        row = _current_row()
        if row is None:
            raise
        return row


def _current_row() -> SigningKey | None:
    return SigningKey.objects.filter(status=SigningKeyStatus.CURRENT).first()


def _make_current(public: Ed25519PublicKey, *, source: str, actor=None, via: str) -> SigningKey:
    """Register a key as the current one and retire the one it replaces, audited. Safe against
    a concurrent call: one current key is a database constraint; the loser reads the winner."""
    x = public_x(public)
    kid = kid_for(x)
    try:
        with transaction.atomic():
            known = SigningKey.objects.select_for_update().filter(kid=kid).first()
            if known is not None and known.status == SigningKeyStatus.CURRENT:
                return known
            if known is not None:
                raise SigningKeyError(
                    _(
                        "Klucz %(kid)s ma stan „%(status)s”: klucz nigdy nie wraca do użytku. "
                        "Użyj nowego klucza."
                    )
                    % {"kid": kid, "status": known.get_status_display()}
                )
            now = timezone.now()
            previous = list(
                SigningKey.objects.select_for_update().filter(status=SigningKeyStatus.CURRENT)
            )
            for old in previous:
                old.status, old.retired_at = SigningKeyStatus.RETIRED, now
                old.save(update_fields=["status", "retired_at"])
                audit(old, "osl.signing_key.retire", user=actor, data={"kid": old.kid, "via": via})
            row = SigningKey.objects.create(
                kid=kid, public_x=x, source=source, status=SigningKeyStatus.CURRENT, created_at=now
            )
            audit(
                row,
                "osl.signing_key.activate",
                user=actor,
                data={
                    "kid": kid,
                    "source": source,
                    "replaces": [o.kid for o in previous],
                    "via": via,
                },
            )
            return row
    except IntegrityError:
        row = _current_row()
        if row is None or row.kid != kid:
            raise
        return row


def current_signing_key() -> tuple[str, Ed25519PrivateKey]:
    """The key that signs now, as (kid, private key); registered as current if it is not yet.

    With CERTIFICATES_SIGNING_KEY set, that key signs: deploying a new one rotates (the first use
    registers it and retires the old one); a retired one still signs (see below), a withdrawn
    one never. Otherwise, in dev and tests only, the register's current key, its private half
    in the private storage."""
    env_key = _environment_key()
    if env_key is not None:
        kid = public_jwk(env_key.public_key())["kid"]
        row = _current_row()
        if row is None or row.kid != kid:
            known = SigningKey.objects.filter(kid=kid).first()
            if known is None:
                _make_current(
                    env_key.public_key(), source=SigningKeySource.ENVIRONMENT, via="environment"
                )
            elif known.status == SigningKeyStatus.WITHDRAWN:
                raise ImproperlyConfigured(
                    f"CERTIFICATES_SIGNING_KEY holds the withdrawn key {kid}: put a new key there."
                )
            # Retired: a worker not yet restarted after a rotation (or a key put back). It
            # signs, and what it signs verifies (retired keys are published), but it never
            # becomes current again; a failed issuing task would lose a certificate.
        return kid, env_key
    if not settings.CERTIFICATES_GENERATE_SIGNING_KEY:
        raise ImproperlyConfigured(
            "Set CERTIFICATES_SIGNING_KEY (Ed25519 private key, PEM) in the environment."
        )
    row = _current_row() or _register_first_stored_key()
    return row.kid, _stored_key(row.kid)


def signing_key() -> Ed25519PrivateKey:
    return current_signing_key()[1]


def published_keys() -> list[SigningKey]:
    """The current key first, then the retired ones, newest first."""
    current_signing_key()  # make sure the key that signs is in the register
    rows = SigningKey.objects.exclude(status=SigningKeyStatus.WITHDRAWN)
    return sorted(
        rows, key=lambda r: (r.status != SigningKeyStatus.CURRENT, -r.created_at.timestamp())
    )


def published_jwks() -> dict:
    """The JWK set served at /certyfikaty/.well-known/jwks.json."""
    return {"keys": [jwk(row.public_x) for row in published_keys()]}


def key_rotate(*, actor=None, via: str = "manage.py certificates_rotate_key") -> SigningKey:
    """Make a new key current and retire the old one (still published, so what it signed still
    verifies). In dev and tests a new key is generated into the private storage. With
    CERTIFICATES_SIGNING_KEY the new private key must come from the environment: this registers
    a newly deployed key, and refuses while the environment still holds the current one."""
    env_key = _environment_key()
    if env_key is not None:
        kid = public_jwk(env_key.public_key())["kid"]
        row = _current_row()
        if row is not None and row.kid == kid:
            raise SigningKeyError(
                _(
                    "CERTIFICATES_SIGNING_KEY zawiera bieżący klucz (%(kid)s, bieżący od "
                    "%(since)s). Wpisz tam nowy klucz Ed25519 (openssl genpkey -algorithm "
                    "ed25519), uruchom serwis ponownie i powtórz to polecenie: nowy klucz "
                    "stanie się bieżący, a ten zostanie wycofany."
                )
                % {"kid": kid, "since": f"{row.created_at:%Y-%m-%d %H:%M}"}
            )
        return _make_current(
            env_key.public_key(), source=SigningKeySource.ENVIRONMENT, actor=actor, via=via
        )
    current_signing_key()  # the old key is in the register before it retires
    key = Ed25519PrivateKey.generate()
    kid = public_jwk(key.public_key())["kid"]
    private_storage().save(ROTATED_KEY_NAME.format(kid=kid), ContentFile(_pem(key)))
    return _make_current(key.public_key(), source=SigningKeySource.STORAGE, actor=actor, via=via)


@transaction.atomic
def key_withdraw(*, kid: str, reason: str, actor=None) -> SigningKey:
    """Withdraw a key (e.g. it leaked): it leaves the JWK set, so every credential it signed
    fails verification from now on; re-issue those certificates to give them valid ones. The
    current key cannot be withdrawn: rotate first, so that something signs."""
    if not reason.strip():
        raise SigningKeyError(_("Podaj powód unieważnienia klucza."))
    row = SigningKey.objects.select_for_update().filter(kid=kid).first()
    if row is None:
        raise SigningKeyError(_("W rejestrze nie ma klucza %(kid)s.") % {"kid": kid})
    if row.status == SigningKeyStatus.CURRENT:
        raise SigningKeyError(
            _(
                "Klucz %(kid)s jest bieżący: najpierw wymień go "
                "(certificates_rotate_key), potem unieważnij."
            )
            % {"kid": kid}
        )
    if row.status == SigningKeyStatus.WITHDRAWN:
        raise SigningKeyError(
            _("Klucz %(kid)s unieważniono już %(date)s.")
            % {"kid": kid, "date": f"{row.withdrawn_at:%Y-%m-%d}"}
        )
    row.status = SigningKeyStatus.WITHDRAWN
    row.withdrawn_at = timezone.now()
    row.withdrawn_reason = reason.strip()
    row.withdrawn_by = actor
    row.save(update_fields=["status", "withdrawn_at", "withdrawn_reason", "withdrawn_by"])
    audit(row, "osl.signing_key.withdraw", user=actor, data={"kid": kid, "reason": reason})
    return row


def signed_with(token: str) -> str | None:
    """The kid a compact JWS names in its header (None if it cannot be read)."""
    try:
        head = token.split(".", 1)[0]
        header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    except ValueError:
        return None
    return header.get("kid") if isinstance(header, dict) else None
