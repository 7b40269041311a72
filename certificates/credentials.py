"""Open Badges 3.0 credentials, secured as VC-JWT (compact JWS, EdDSA over Ed25519).

Why VC-JWT and not an embedded Data Integrity proof: OB 3.0 allows both; `eddsa-rdfc-2022`
needs RDF dataset canonicalisation (JSON-LD expansion against remote contexts) that no small,
offline, pure-pip library does reliably, while a JWS signs the exact bytes we store, needs only
`cryptography`, and any JOSE library can check it against our published JWK set."""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PublicKey,
)
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from certificates import keys

OB_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
OB_SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
JWS_TYPE = "vc+jwt"


# --- Keys (certificates/keys.py keeps the register) ------------------------------------------

signing_key = keys.signing_key
public_jwk = keys.public_jwk
published_jwks = keys.published_jwks
_b64url = keys.b64url


def _b64url_decode_strict(text: str) -> bytes:
    """Decode base64url and refuse any other spelling of the same bytes (padding, stray bits),
    so that a changed character never verifies."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("bad base64url") from exc
    if _b64url(raw) != text:
        raise ValueError("non-canonical base64url")
    return raw


# --- URLs ------------------------------------------------------------------------------------


def absolute_url(name: str, **kwargs) -> str:
    # The Polish URLs are the canonical ones, whatever language the caller runs in.
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(f"certificates:{name}", kwargs=kwargs or None)
    return settings.SITE_URL.rstrip("/") + path


def verification_url(code: str) -> str:
    return absolute_url("verify", code=code)


def issuer_profile(name: str | None = None) -> dict:
    return {
        "@context": OB_CONTEXT,
        "id": absolute_url("issuer"),
        "type": ["Profile"],
        "name": name or "Akademia OSL — Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL",
        "url": settings.SITE_URL.rstrip("/") + "/",
        "description": "Wystawca certyfikatów szkoleń Modelu OSL i Certyfikatu Jakości CAL.",
        "verificationMethod": [
            {
                "id": absolute_url("jwks") + "#" + key["kid"],
                "type": "JsonWebKey",
                "controller": absolute_url("issuer"),
                "publicKeyJwk": {k: v for k, v in key.items() if k in ("kty", "crv", "x")},
            }
            for key in published_jwks()["keys"]
        ],
    }


# --- Building and signing --------------------------------------------------------------------


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_credential(
    *,
    code: str,
    name: str,
    description: str,
    achievement_type: str,
    achievement_id: str,
    achievement_name: str,
    criteria: str,
    subject_name: str,
    issuer_name: str,
    issued_at: datetime.datetime,
    valid_until: datetime.datetime | None = None,
    activity_start: datetime.date | None = None,
    activity_end: datetime.date | None = None,
) -> dict:
    """An OpenBadgeCredential (VC data model 2.0) for one certificate."""
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": subject_name,
                "identityType": "name",
                "hashed": False,
            }
        ],
        "achievement": {
            "id": achievement_id,
            "type": ["Achievement"],
            "achievementType": achievement_type,
            "name": achievement_name,
            "description": description,
            "criteria": {"narrative": criteria},
        },
    }
    if activity_start:
        subject["activityStartDate"] = _iso(
            datetime.datetime.combine(activity_start, datetime.time(), datetime.UTC)
        )
    if activity_end:
        subject["activityEndDate"] = _iso(
            datetime.datetime.combine(activity_end, datetime.time(), datetime.UTC)
        )
    credential = {
        "@context": OB_CONTEXT,
        "id": verification_url(code),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": {
            "id": absolute_url("issuer"),
            "type": ["Profile"],
            "name": issuer_name,
            "url": settings.SITE_URL.rstrip("/") + "/",
        },
        "validFrom": _iso(issued_at),
        "credentialSubject": subject,
        "credentialSchema": [OB_SCHEMA],
        "credentialStatus": {
            "id": absolute_url("revocation_list"),
            "type": "1EdTechRevocationList",
        },
    }
    if valid_until:
        credential["validUntil"] = _iso(valid_until)
    return credential


def jws_prefix(kid: str) -> str:
    """The encoded header and its dot: the same for every credential one key signs, so the
    certificates a key signed are found by this prefix
    (selectors.issued_certificates_signed_with)."""
    header = {"alg": "EdDSA", "typ": JWS_TYPE, "kid": kid}
    return _b64url(json.dumps(header, separators=(",", ":")).encode()) + "."


def sign_credential(credential: dict) -> str:
    """The credential as a compact JWS; the JWT claims mirror the credential (OB 3.0 §8.2)."""
    issued = datetime.datetime.fromisoformat(credential["validFrom"].replace("Z", "+00:00"))
    payload = dict(credential)
    payload.update(
        iss=credential["issuer"]["id"], jti=credential["id"], nbf=int(issued.timestamp())
    )
    if "validUntil" in credential:
        until = datetime.datetime.fromisoformat(credential["validUntil"].replace("Z", "+00:00"))
        payload["exp"] = int(until.timestamp())
    return _signed(_b64url(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()))


def resign(token: str) -> str:
    """The same claims, byte for byte, signed again with the current key: only the header's
    kid and the signature change (after the key that signed them was withdrawn)."""
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError("a compact JWS has three parts")
    return _signed(parts[1])


def _signed(payload_segment: str) -> str:
    kid, key = keys.current_signing_key()
    signing_input = jws_prefix(kid) + payload_segment
    return signing_input + "." + _b64url(key.sign(signing_input.encode("ascii")))


def enveloped(token: str) -> dict:
    """The JSON form of a JOSE-secured credential (VC data model 2.0, §4.13)."""
    return {
        "@context": "https://www.w3.org/ns/credentials/v2",
        "id": f"data:application/{JWS_TYPE},{token}",
        "type": "EnvelopedVerifiableCredential",
    }


# --- Verifying -------------------------------------------------------------------------------


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
        prefix = f"data:application/{JWS_TYPE},"
        if token_or_json.get("type") == "EnvelopedVerifiableCredential" and str(
            token_or_json.get("id", "")
        ).startswith(prefix):
            return token_or_json["id"][len(prefix) :]
    raise ValueError("not a VC-JWT or an enveloped credential")


def credential_verify(token_or_json, *, jwks: dict | None = None, check_status=True):
    """Check a credential (compact JWS, or its enveloped JSON) against the issuer's JWK set.

    Never raises for bad input: any changed byte gives `signature_valid=False` with a reason.
    With check_status, the certificate's current state is looked up in our register."""
    try:
        token = _token_from(token_or_json)
        parts = token.split(".")
        if len(parts) != 3:
            raise ValueError("a compact JWS has three parts")
        header = json.loads(_b64url_decode_strict(parts[0]))
        payload_bytes = _b64url_decode_strict(parts[1])
        signature = _b64url_decode_strict(parts[2])
    except (ValueError, UnicodeDecodeError) as exc:
        return CredentialCheck(False, reason=f"malformed: {exc}")
    if not isinstance(header, dict) or header.get("alg") != "EdDSA":
        return CredentialCheck(False, reason="unsupported algorithm")
    published = (jwks or published_jwks()).get("keys", [])
    jwk = next((k for k in published if k.get("kid") == header.get("kid")), None)
    if jwk is None or jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        withdrawn = jwks is None and _withdrawn_key(header.get("kid"))
        if withdrawn:
            return CredentialCheck(False, reason=f"key withdrawn: {withdrawn}")
        return CredentialCheck(False, reason="unknown key")
    try:
        public = Ed25519PublicKey.from_public_bytes(_b64url_decode_strict(jwk["x"]))
        public.verify(signature, f"{parts[0]}.{parts[1]}".encode("ascii"))
    except (InvalidSignature, ValueError):
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
