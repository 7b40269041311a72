"""The issuer's signing keys: which one signs now, which ones still verify, rotation, withdrawal.

Private keys come from the environment (CERTIFICATES_SIGNING_KEY, production) or, in dev and
tests only, from files in the private storage; they never enter the database or the repository.
The database holds the register (`SigningKey`): each key's public half, its `kid` (RFC 7638
thumbprint), algorithm and state — current (signs, published), retired (published so that
what it signed still verifies), withdrawn (no longer published: what it signed fails verification).
Every change of state is audited."""

import base64
import json

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from joserfc.jwk import ECKey, OKPKey

from cms.audit import audit

from .key_material import (
    ROTATED_KEY_NAME,
    PrivateKey,
    bootstrap_key,
    describe,
    environment_key,
    new_key,
    pem_of,
    stored_key,
)
from .models import (
    SigningKey,
    SigningKeyAlgorithm,
    SigningKeySource,
    SigningKeyStatus,
    private_storage,
)


class SigningKeyError(Exception):
    """A key operation that the register's rules refuse; the message says what to do."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _public_fields(algorithm: str, x: str, y: str = "") -> dict:
    if algorithm == SigningKeyAlgorithm.EDDSA:
        return {"kty": "OKP", "crv": "Ed25519", "x": x}
    return {"kty": "EC", "crv": "P-256", "x": x, "y": y}


def kid_for(x: str, y: str = "", algorithm: str = SigningKeyAlgorithm.EDDSA) -> str:
    """The RFC 7638 thumbprint: the key's name in the register and in its URL."""
    fields = _public_fields(algorithm, x, y)
    key_class = OKPKey if algorithm == SigningKeyAlgorithm.EDDSA else ECKey
    return key_class.import_key(fields).thumbprint()


def key_url(kid: str) -> str:
    """Where the public key (a JWK) is published: what a new credential's `kid` header says."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("certificates:jwk", kwargs={"kid": kid})
    return settings.SITE_URL.rstrip("/") + path


def header_kid(kid: str, algorithm: str) -> str:
    """What a key's credentials carry as `kid`: the URL of its JWK for P-256 keys (Open Badges
    3.0: a URI that dereferences to the JWK); the bare thumbprint for the Ed25519 keys, as the
    credentials they signed before carry it (so they keep verifying against the JWK set)."""
    return kid if algorithm == SigningKeyAlgorithm.EDDSA else key_url(kid)


def register_kid(kid) -> str | None:
    """The register's kid (thumbprint) for a `kid` as a credential or the JWK set writes it."""
    if not isinstance(kid, str):
        return None
    prefix = key_url("KID").rsplit("KID", 1)[0]
    if kid.startswith(prefix) and kid.endswith(".json"):
        return kid[len(prefix) : -len(".json")]
    return kid


def row_jwk(row: SigningKey) -> dict:
    jwk = _public_fields(row.algorithm, row.public_x, row.public_y)
    jwk.update(kid=header_kid(row.kid, row.algorithm), alg=row.algorithm, use="sig")
    return jwk


def jwk(x: str) -> dict:
    """An Ed25519 public key as a JWK (kept for the keys registered before P-256)."""
    return {"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid_for(x), "alg": "EdDSA", "use": "sig"}


def public_x(key) -> str:
    """An Ed25519 public key's x (cryptography's key object)."""
    return b64url(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def _register_first_stored_key() -> SigningKey:
    """Dev and tests: register the first key at first use. When several processes start at once
    (two issuing workers), each makes a key; the register keeps the first one committed and the
    others sign with it (its private half is already in the storage, filed under its kid)."""
    key = bootstrap_key()
    try:
        return _make_current(key, source=SigningKeySource.STORAGE, via="first use", first=True)
    except IntegrityError:
        row = _current_row()
        if row is None:
            raise
        return row


def _current_row() -> SigningKey | None:
    return SigningKey.objects.filter(status=SigningKeyStatus.CURRENT).first()


def _make_current(
    key: PrivateKey, *, source: str, actor=None, via: str, first: bool = False
) -> SigningKey:
    """Register a key as the current one and retire the one it replaces, audited. Safe against
    a concurrent call: one current key is a database constraint; the loser reads the winner.
    Only the public half is stored. `first`: the first key at first use, which retires
    nothing: if another process registered one meanwhile, that one stays current."""
    kid, algorithm, x, y = describe(key)
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
            if first and previous:
                return previous[0]
            for old in previous:
                old.status, old.retired_at = SigningKeyStatus.RETIRED, now
                old.save(update_fields=["status", "retired_at"])
                audit(old, "osl.signing_key.retire", user=actor, data={"kid": old.kid, "via": via})
            row = SigningKey.objects.create(
                kid=kid,
                algorithm=algorithm,
                public_x=x,
                public_y=y,
                source=source,
                status=SigningKeyStatus.CURRENT,
                created_at=now,
            )
            audit(
                row,
                "osl.signing_key.activate",
                user=actor,
                data={
                    "kid": kid,
                    "source": source,
                    "algorithm": algorithm,
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


def current_signing_key() -> tuple[str, PrivateKey]:
    """The key that signs now, as (kid, private key); registered as current if it is not yet.

    With CERTIFICATES_SIGNING_KEY set, that key signs: deploying a new one rotates (the first use
    registers it and retires the old one); a retired one still signs (see below), a withdrawn
    one never. Otherwise, in dev and tests only, the register's current key, its private half
    in the private storage."""
    env_key = environment_key()
    if env_key is not None:
        kid = env_key.thumbprint()
        row = _current_row()
        if row is None or row.kid != kid:
            known = SigningKey.objects.filter(kid=kid).first()
            if known is None:
                _make_current(env_key, source=SigningKeySource.ENVIRONMENT, via="environment")
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
            "Set CERTIFICATES_SIGNING_KEY (P-256 private key, PEM) in the environment."
        )
    row = _current_row() or _register_first_stored_key()
    return row.kid, stored_key(row.kid)


def signing_key() -> PrivateKey:
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
    return {"keys": [row_jwk(row) for row in published_keys()]}


def published_key(kid: str) -> dict | None:
    """One published key as a JWK (what its URL answers), None if unknown or withdrawn."""
    row = SigningKey.objects.exclude(status=SigningKeyStatus.WITHDRAWN).filter(kid=kid).first()
    return row_jwk(row) if row is not None else None


def key_rotate(*, actor=None, via: str = "manage.py certificates_rotate_key") -> SigningKey:
    """Make a new key current and retire the old one (still published, so what it signed still
    verifies). In dev and tests a new key is generated into the private storage. With
    CERTIFICATES_SIGNING_KEY the new private key must come from the environment: this registers
    a newly deployed key, and refuses while the environment still holds the current one."""
    env_key = environment_key()
    if env_key is not None:
        kid = env_key.thumbprint()
        row = _current_row()
        if row is not None and row.kid == kid:
            raise SigningKeyError(
                _(
                    "CERTIFICATES_SIGNING_KEY zawiera bieżący klucz (%(kid)s, bieżący od "
                    "%(since)s). Wpisz tam nowy klucz P-256 (openssl genpkey -algorithm "
                    "EC -pkeyopt ec_paramgen_curve:P-256), uruchom serwis ponownie i powtórz "
                    "to polecenie: nowy klucz stanie się bieżący, a ten zostanie wycofany."
                )
                % {"kid": kid, "since": f"{row.created_at:%Y-%m-%d %H:%M}"}
            )
        return _make_current(env_key, source=SigningKeySource.ENVIRONMENT, actor=actor, via=via)
    current_signing_key()  # the old key is in the register before it retires
    key = new_key()
    private_storage().save(ROTATED_KEY_NAME.format(kid=key.thumbprint()), ContentFile(pem_of(key)))
    return _make_current(key, source=SigningKeySource.STORAGE, actor=actor, via=via)


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
    """The register's kid of the key a compact JWS names in its header (None if it cannot be
    read): the header's kid, a thumbprint or the key's URL."""
    try:
        head = token.split(".", 1)[0]
        header = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    except ValueError:
        return None
    return register_kid(header.get("kid")) if isinstance(header, dict) else None
