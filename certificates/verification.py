"""Verifying a credential: its signature against the published keys (or a JWKS given), then
its status, as any verifier would and as the public verification page does."""

import json
from dataclasses import dataclass, field

from django.utils import timezone
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import JWKRegistry

from certificates import keys

from .credentials import ALGORITHMS, LEGACY_JWS_TYPE, b64url_decode_strict


@dataclass
class CredentialCheck:
    signature_valid: bool
    reason: str = ""
    credential: dict | None = None
    status: str | None = None  # valid / revoked / superseded / expired / unknown
    details: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.signature_valid and self.status == "valid"


def _token_from(token_or_json) -> str:
    if isinstance(token_or_json, bytes):
        token_or_json = token_or_json.decode("utf-8")
    if isinstance(token_or_json, str):
        text = token_or_json.strip()
        if not text.startswith("{"):
            return text
        token_or_json = json.loads(text)
    if isinstance(token_or_json, dict):
        # The enveloped form earlier `.json` downloads held (VC data model 2.0, §4.13).
        prefix = f"data:application/{LEGACY_JWS_TYPE},"
        if token_or_json.get("type") == "EnvelopedVerifiableCredential" and str(
            token_or_json.get("id", "")
        ).startswith(prefix):
            return token_or_json["id"][len(prefix) :]
    raise ValueError("not a VC-JWT or an enveloped credential")


def _published_key(jwk_set: list, kid):
    """The JWK the header's kid names: by the kid as written, or (a key URL or a thumbprint)
    by the register's kid."""
    wanted = keys.register_kid(kid)
    for candidate in jwk_set:
        if isinstance(candidate, dict) and (
            candidate.get("kid") == kid or keys.register_kid(candidate.get("kid")) == wanted
        ):
            return candidate
    return None


def credential_verify(token_or_json, *, jwks: dict | None = None, check_status=True):
    """Check a credential (compact JWS, or the enveloped JSON earlier downloads held) against
    the issuer's JWK set, with joserfc.

    Never raises for bad input: any changed byte gives `signature_valid=False` with a reason.
    With check_status, the certificate's current state is looked up in our register."""
    try:
        token = _token_from(token_or_json)
        parts = token.split(".")
        if len(parts) != 3:
            raise ValueError("a compact JWS has three parts")
        # Strict base64url first: JOSE decoders accept stray bits in a last character.
        header = json.loads(b64url_decode_strict(parts[0]))
        payload_bytes = b64url_decode_strict(parts[1])
        b64url_decode_strict(parts[2])
    except (ValueError, UnicodeDecodeError) as exc:
        return CredentialCheck(False, reason=f"malformed: {exc}")
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        return CredentialCheck(False, reason="unsupported algorithm")
    published = (jwks or keys.published_jwks()).get("keys", [])
    jwk = _published_key(published, header.get("kid"))
    if jwk is None:
        withdrawn = jwks is None and _withdrawn_key(keys.register_kid(header.get("kid")))
        if withdrawn:
            return CredentialCheck(False, reason=f"key withdrawn: {withdrawn}")
        return CredentialCheck(False, reason="unknown key")
    try:
        public = JWKRegistry.import_key(
            {k: v for k, v in jwk.items() if k in ("kty", "crv", "x", "y")}
        )
        if jwk.get("alg") not in (None, header["alg"]):
            raise ValueError("the key is for another algorithm")
        jws.deserialize_compact(token, public, algorithms=[header["alg"]])
    except (JoseError, ValueError, TypeError, KeyError):
        return CredentialCheck(False, reason="bad signature")
    try:
        credential = json.loads(payload_bytes)
    except ValueError:
        return CredentialCheck(False, reason="payload is not JSON")
    if "OpenBadgeCredential" not in credential.get("type", []):
        return CredentialCheck(False, reason="not an OpenBadgeCredential", credential=credential)
    result = CredentialCheck(True, credential=credential)
    if check_status:
        from certificates.selectors import certificate_by_code  # the register, not the token

        code = credential.get("id", "").rstrip("/").rsplit("/", 1)[-1]
        certificate = certificate_by_code(code)
        result.status = certificate.verification_state if certificate else "unknown"
        if certificate and certificate.credential_jwt != token:
            result.status = "unknown"
    else:
        result.status = "valid"
    if (
        result.status == "valid"
        and "exp" in credential
        and credential["exp"] < int(timezone.now().timestamp())
    ):
        result.status = "expired"
    return result


def _withdrawn_key(kid) -> str:
    """The withdrawal reason, if our register names this kid as a withdrawn key."""
    from certificates.models import SigningKey, SigningKeyStatus

    if not isinstance(kid, str):
        return ""
    row = SigningKey.objects.filter(kid=kid, status=SigningKeyStatus.WITHDRAWN).first()
    return (row.withdrawn_reason or "-") if row else ""
