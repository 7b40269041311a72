"""Re-signing after a key was withdrawn: the still-valid certificates it signed get their
credential signed again with the current key, so that their holders' credentials verify again.

The PDF is sealed and stays as it is (it carries no signature, only the verification code); the
credential's claims stay byte for byte, only its header (kid) and signature change. The old
credential is kept in the private storage beside the PDF and every re-signing is audited."""

import hashlib
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cms.audit import audit

from .. import credentials, keys
from ..models import (
    Certificate,
    CertificateStatus,
    ParticipantCertificate,
    SigningKey,
    SigningKeyStatus,
)
from ..selectors import issued_certificates_signed_with
from .common import CertificateError

UNKNOWN_KEY = _("W rejestrze nie ma klucza %(kid)s.")
KEY_NOT_WITHDRAWN = _(
    "Klucz %(kid)s nie jest unieważniony (stan: %(status)s). Ponownie podpisuje się tylko "
    "poświadczenia podpisane kluczem unieważnionym: najpierw unieważnij klucz "
    "(certificates_withdraw_key)."
)


@dataclass
class Resigned:
    """What one run did: the withdrawn key, the key that signed now, the certificates."""

    old_kid: str
    new_kid: str = ""
    certificates: list[Certificate] = field(default_factory=list)


def credentials_resign(*, kid: str, actor=None) -> Resigned:
    """Sign again, with the current key, the credential of every issued certificate (not revoked,
    not superseded) whose stored credential the withdrawn key `kid` signed.

    Guarantees: only a withdrawn key's credentials are re-signed (any other key is refused with a
    CertificateError); the PDF and its SHA-256 are not touched; each certificate is re-signed in
    its own transaction under its row lock, after a second look that it is still issued and still
    signed by `kid`, so a run that stops half-way or two runs at once re-sign each certificate
    once, and running again re-signs nothing; the old credential is kept in the private storage
    and an audit entry (`osl.certificate.resign`) records the old kid, the new kid and the old
    credential's SHA-256."""
    row = SigningKey.objects.filter(kid=kid).first()
    if row is None:
        raise CertificateError(UNKNOWN_KEY % {"kid": kid})
    if row.status != SigningKeyStatus.WITHDRAWN:
        raise CertificateError(KEY_NOT_WITHDRAWN % {"kid": kid, "status": row.get_status_display()})
    result = Resigned(old_kid=kid)
    for cert in issued_certificates_signed_with(kid):
        done = _resign_one(cert, old_kid=kid, actor=actor)
        if done is not None:
            result.certificates.append(done)
            result.new_kid = keys.signed_with(done.credential_jwt) or ""
    return result


def _archive_name(cert: Certificate, kid: str) -> str:
    kind = "participant" if isinstance(cert, ParticipantCertificate) else "quality"
    return f"certificates/{kind}/{cert.issued_at:%Y}/{cert.verification_code}.{kid}.jwt"


def _resign_one(cert: Certificate, *, old_kid: str, actor) -> Certificate | None:
    prefix = credentials.jws_prefix(old_kid)
    storage = cert.pdf.storage
    archived = None
    try:
        with transaction.atomic():
            locked = (
                type(cert)
                .objects.select_for_update()
                .filter(
                    pk=cert.pk,
                    status=CertificateStatus.ISSUED,
                    credential_jwt__startswith=prefix,
                )
                .first()
            )
            if locked is None:  # revoked, superseded or re-signed since it was listed
                return None
            old_token = locked.credential_jwt
            new_token = credentials.resign(old_token)
            archived = storage.save(
                _archive_name(locked, old_kid), ContentFile(old_token.encode("ascii"))
            )
            locked.credential_jwt = new_token
            locked.save(update_fields=["credential_jwt"])
            audit(
                locked,
                "osl.certificate.resign",
                user=actor,
                data={
                    "number": locked.number,
                    "old_kid": old_kid,
                    "new_kid": keys.signed_with(new_token),
                    "old_credential_sha256": hashlib.sha256(old_token.encode("ascii")).hexdigest(),
                    "old_credential_file": archived,
                },
            )
    except Exception:
        if archived is not None:  # nothing was re-signed: the copy would only mislead
            storage.delete(archived)
        raise
    return locked
