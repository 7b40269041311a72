"""Open Badges 3.0 credentials, secured as VC-JWT: a compact JWS signed with ES256 (P-256)
through joserfc, a maintained JOSE library.

Why VC-JWT with ES256 and no embedded Data Integrity proof: OB 3.0 allows either, and a verifier
may accept any one proof. 1EdTech's validator checks a VC-JWT signed with RS256 or ES256 (not
EdDSA); an `eddsa-rdfc-2022` proof needs RDF dataset canonicalisation of the JSON-LD (the
contexts fetched or bundled, a JSON-LD processor), a second signature to keep in step on every
re-signing, and would be checked by fewer tools than the JWT. Credentials signed before with
Ed25519 (EdDSA) keep verifying with their published keys. See docs/certificates.md."""

import base64
import binascii
import datetime
import hashlib
import json
import secrets
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from joserfc import jws
from joserfc.util import json_b64encode

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
# The one issuer name: in every credential's `issuer` and in the issuer profile. The name a
# certificate prints as its issuer (`Certificate.issuer`, correctable) is part of its text.
ISSUER_NAME = "Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL"
ALGORITHMS = ["ES256", "EdDSA"]  # EdDSA: credentials signed with the Ed25519 keys from before
LEGACY_JWS_TYPE = "vc+jwt"


# --- Keys (certificates/keys.py keeps the register) ------------------------------------------

signing_key = keys.signing_key
published_jwks = keys.published_jwks
_b64url = keys.b64url


def b64url_decode_strict(text: str) -> bytes:
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


def issuer_profile() -> dict:
    return {
        "@context": OB_CONTEXT,
        "id": absolute_url("issuer"),
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": settings.SITE_URL.rstrip("/") + "/",
        "description": "Akademia OSL: wystawca certyfikatów szkoleń Modelu OSL i Certyfikatu "
        "Jakości CAL.",
        "verificationMethod": [
            {
                "id": keys.key_url(keys.register_kid(key["kid"])),
                "type": "JsonWebKey",
                "controller": absolute_url("issuer"),
                "publicKeyJwk": {k: v for k, v in key.items() if k in ("kty", "crv", "x", "y")},
            }
            for key in published_jwks()["keys"]
        ],
    }


# --- The credential subject ------------------------------------------------------------------


def holder_subject_id(user) -> str:
    """A person's stable `credentialSubject.id`: a random UUID kept for them (never the e-mail
    or the user id, since the credential is shown to anyone its holder gives it to)."""
    from certificates.models import CredentialHolder

    holder, _ = CredentialHolder.objects.get_or_create(user=user)
    return f"urn:uuid:{holder.subject_uuid}"


def centre_subject_id(centre_id: int) -> str:
    """A centre's stable `credentialSubject.id` (an institution: derived, nothing to hide)."""
    name = absolute_url("issuer") + f"#centre-{centre_id}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def email_identifier(email: str) -> dict:
    """The IdentityObject OB 3.0 defines for a recipient's e-mail: salted SHA-256, so that an
    employer who knows the address can check it and nobody can read it off the credential."""
    salt = secrets.token_hex(8)
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": salt,
    }


def name_identifier(name: str) -> dict:
    return {"type": "IdentityObject", "identityHash": name, "identityType": "name", "hashed": False}


def status_entry(index: int) -> dict:
    """The credential's entry in the published Bitstring Status List (W3C): its bit is set when
    the certificate is revoked or superseded (certificates/status_list.py)."""
    list_url = absolute_url("status_list")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }


# --- Building and signing --------------------------------------------------------------------


def iso_moment(moment: datetime.datetime) -> str:
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
    subject_id: str,
    identifiers: list[dict],
    status_index: int,
    issued_at: datetime.datetime,
    valid_until: datetime.datetime | None = None,
    activity_start: datetime.date | None = None,
    activity_end: datetime.date | None = None,
) -> dict:
    """An OpenBadgeCredential (VC data model 2.0) for one certificate."""
    subject = {
        "id": subject_id,
        "type": ["AchievementSubject"],
        "identifier": identifiers,
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
        subject["activityStartDate"] = iso_moment(
            datetime.datetime.combine(activity_start, datetime.time(), datetime.UTC)
        )
    if activity_end:
        subject["activityEndDate"] = iso_moment(
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
            "name": ISSUER_NAME,
            "url": settings.SITE_URL.rstrip("/") + "/",
        },
        "validFrom": iso_moment(issued_at),
        "credentialSubject": subject,
        "credentialSchema": [OB_SCHEMA],
        "credentialStatus": status_entry(status_index),
    }
    if valid_until:
        credential["validUntil"] = iso_moment(valid_until)
    return credential


def _header(kid: str, algorithm: str) -> dict:
    """The JOSE header. OB 3.0 allows only alg, kid and typ ("JWT"); the Ed25519 keys from
    before keep the header their credentials always had (typ vc+jwt, the bare thumbprint)."""
    if algorithm == "EdDSA":
        return {"alg": "EdDSA", "typ": LEGACY_JWS_TYPE, "kid": kid}
    return {"alg": algorithm, "kid": keys.header_kid(kid, algorithm), "typ": "JWT"}


def jws_prefix(kid: str) -> str:
    """The encoded header and its dot: the same for every credential one key signs, so the
    certificates a key signed are found by this prefix
    (selectors.issued_certificates_signed_with). Encoded as joserfc encodes it."""
    from certificates.models import SigningKey

    row = SigningKey.objects.filter(kid=kid).only("algorithm").first()
    algorithm = row.algorithm if row is not None else "EdDSA"
    return json_b64encode(_header(kid, algorithm)).decode("ascii") + "."


def _jwt_claims(credential: dict) -> dict:
    """The credential with the JWT claims OB 3.0 §8.2 requires mirroring it."""
    issued = datetime.datetime.fromisoformat(credential["validFrom"].replace("Z", "+00:00"))
    payload = dict(credential)
    payload.update(
        iss=credential["issuer"]["id"],
        jti=credential["id"],
        sub=credential["credentialSubject"]["id"],
        nbf=int(issued.timestamp()),
    )
    if "validUntil" in credential:
        until = datetime.datetime.fromisoformat(credential["validUntil"].replace("Z", "+00:00"))
        payload["exp"] = int(until.timestamp())
    return payload


def sign_credential(credential: dict) -> str:
    """The credential as a compact JWS (VC-JWT)."""
    payload = json.dumps(_jwt_claims(credential), separators=(",", ":"), ensure_ascii=False)
    return _signed(payload.encode("utf-8"))


def sign_payload(payload: dict, *, typ: str = "JWT") -> str:
    """Any other document of ours (the status list) as a compact JWS with the current key."""
    kid, key = keys.current_signing_key()
    algorithm = _algorithm(key)
    header = _header(kid, algorithm)
    if algorithm != "EdDSA":
        header["typ"] = typ
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return jws.serialize_compact(header, body, key, algorithms=[algorithm])


def resign(token: str) -> str:
    """The same claims, byte for byte, signed again with the current key: only the header
    and the signature change (after the key that signed them was withdrawn)."""
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError("a compact JWS has three parts")
    return _signed(b64url_decode_strict(parts[1]))


def _algorithm(key) -> str:
    return "EdDSA" if key.key_type == "OKP" else "ES256"


def _signed(payload: bytes) -> str:
    kid, key = keys.current_signing_key()
    algorithm = _algorithm(key)
    return jws.serialize_compact(_header(kid, algorithm), payload, key, algorithms=[algorithm])
