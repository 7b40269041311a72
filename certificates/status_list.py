"""The published status of every credential: a W3C Bitstring Status List (Recommendation, 2025),
purpose "revocation", in which a certificate's bit (its `status_index`) is 1 once it is revoked
or superseded by a corrected one: either way its credential no longer vouches for anything.

The list is a `BitstringStatusListCredential` secured like the badges, as a VC-JWT signed with the
current key (header typ `vc+jwt`), served at one stable URL. Its `encodedList` is the
multibase (base64url, "u") form of the GZIP-compressed bitstring, at least 16 KiB (131,072
entries) long as the specification requires for herd privacy; the first index is the leftmost bit
of the first byte. Built from one query per kind of certificate over the rows that are not
valid, and signed again only when the bits change (the signed form is cached by its content)."""

import base64
import datetime
import gzip
import hashlib
import json

from django.core.cache import cache
from django.db.models import Max

from . import credentials, keys
from .models import CertificateStatus, ParticipantCertificate, QualityCertificate

MIN_ENTRIES = 131_072  # 16 KiB: the specification's minimum, so one bit says little
LIST_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # validFrom before any change
TTL_MS = 300_000  # what the list tells verifiers to cache it for (and the HTTP max-age)


def _not_valid(model):
    return model.objects.filter(
        status__in=(CertificateStatus.REVOKED, CertificateStatus.SUPERSEDED),  # the status index
        status_index__isnull=False,
    )


def invalid_indexes() -> list[int]:
    """The status index of every revoked or superseded certificate that has one."""
    indexes = []
    for model in (ParticipantCertificate, QualityCertificate):
        indexes += _not_valid(model).values_list("status_index", flat=True)
    return indexes


def last_change() -> datetime.datetime | None:
    """When the latest of those certificates stopped being valid (aggregated in the database:
    fetching the moments with the indexes cost more than everything else together)."""
    moments = []
    for model in (ParticipantCertificate, QualityCertificate):
        found = _not_valid(model).aggregate(
            revoked=Max("revoked_at"), superseded=Max("superseded_at")
        )
        moments += [m for m in found.values() if m is not None]
    return max(moments, default=None)


def encoded_list(indexes) -> str:
    """The bitstring with these bits set, GZIP-compressed, multibase base64url."""
    indexes = list(indexes)
    entries = max(MIN_ENTRIES, (max(indexes, default=0) // 8 + 1) * 8)
    bits = bytearray(entries // 8)
    for index in indexes:
        bits[index >> 3] |= 0x80 >> (index & 7)
    compressed = gzip.compress(bytes(bits), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def status_list_credential() -> dict:
    """The list as a credential (unsigned): validFrom is the last change, so the same bits give
    the same document."""
    changed = last_change()
    url = credentials.absolute_url("status_list")
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "name": "Lista statusów certyfikatów Akademii OSL",
        "issuer": {
            "id": credentials.absolute_url("issuer"),
            "type": ["Profile"],
            "name": credentials.ISSUER_NAME,
        },
        "validFrom": credentials.iso_moment(changed or LIST_EPOCH),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "ttl": TTL_MS,
            "encodedList": encoded_list(invalid_indexes()),
        },
    }


def signed_status_list() -> str:
    """The list as a VC-JWT. ECDSA signatures differ each time, so the token for one content
    and key is kept in the cache: caches and ETags see the same bytes until a bit changes."""
    credential = status_list_credential()
    kid = keys.current_signing_key()[0]
    digest = hashlib.sha256(json.dumps(credential, sort_keys=True).encode()).hexdigest()
    cache_key = f"certificates:status-list:{kid}:{digest}"
    token = cache.get(cache_key)
    if token is None:
        token = credentials.sign_payload(credential, typ="vc+jwt")
        cache.set(cache_key, token, timeout=24 * 3600)
    return token
