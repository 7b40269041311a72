"""Participant certificates: issue, re-issue (a correction supersedes and keeps the history) and
revocation."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.audit import audit

from ..models import (
    Certificate,
    CertificateSource,
    CertificateStatus,
    ParticipantCertificate,
    RevocationKind,
)
from ..notifications import certificate_issued_queue
from .common import (
    BAD_HOURS,
    BAD_VALIDITY,
    DEFAULT_ISSUER,
    NO_DAYS,
    NO_NAME,
    NOT_ISSUED,
    NOTHING_CHANGED,
    PARTICIPANT_SERIES,
    QUALITY_SERIES,
    REASON_REQUIRED,
    UNKNOWN_CHANGE,
    CertificateError,
    _require_programme_coordinator,
)
from .sealing import _new_code, _next_number, _seal, _store

# --- Participant certificates ----------------------------------------------------------------


def _live_for_enrolment(enrolment_id: int | None) -> ParticipantCertificate | None:
    if enrolment_id is None:  # a training outside the platform: nothing to find it by
        return None
    return ParticipantCertificate.objects.current().filter(enrolment_id=enrolment_id).first()


def participant_certificate_issue(
    *,
    holder,
    enrolment_id: int | None,
    course_title: str,
    role_name: str = "",
    workshop_dates: list[datetime.date],
    town: str,
    hours: Decimal | int | float | str,
    trainers: list[str],
    issuer: str = DEFAULT_ISSUER,
    workshop_key: str = "",
    centre=None,
    holder_name: str | None = None,
    issued_by=None,
) -> ParticipantCertificate:
    """Issue the certificate for one completed enrolment exactly once; `enrolment_id` None is a
    training held outside the platform (source "outside"), issued every time it is asked for.

    Guarantees: calling it again with the same enrolment returns the live certificate for it
    (issued or revoked) and changes nothing. The insert happens under a lock on the holder's row
    after a second look for the enrolment, and a unique constraint on live certificates per
    enrolment backs that up, so concurrent calls end with one certificate. The PDF and
    credential are made before that lock is taken (rendering is most of the cost; holding the
    number counter or the holder's row during it would serialise every worker); a call that
    loses such a race discards its file, and its number is skipped: numbers are unique and
    rising, not gap-free."""
    existing = _live_for_enrolment(enrolment_id)
    if existing is not None:
        return existing
    days = sorted(
        {
            d if isinstance(d, datetime.date) else datetime.date.fromisoformat(d)
            for d in workshop_dates
        }
    )
    if not days:
        raise CertificateError(NO_DAYS)
    hours = Decimal(str(hours))
    if hours <= 0:
        raise CertificateError(BAD_HOURS)
    name = (holder_name if holder_name is not None else holder.get_full_name()).strip()
    if not name:
        raise CertificateError(NO_NAME)
    now = timezone.now()
    number = _next_number(PARTICIPANT_SERIES, timezone.localdate(now).year)  # its own statement
    cert = ParticipantCertificate(
        number=number,
        verification_code=_new_code(),
        issued_at=now,
        issued_by=issued_by,
        holder=holder,
        holder_name=name,
        centre_id=centre.pk if centre is not None else holder.centre_id,
        source=CertificateSource.OUTSIDE if enrolment_id is None else CertificateSource.ENROLMENT,
        enrolment_id=enrolment_id,
        workshop_key=workshop_key,
        course_title=course_title.strip(),
        role_name=role_name.strip(),
        workshop_dates=[d.isoformat() for d in days],
        first_day=days[0],
        last_day=days[-1],
        town=town.strip(),
        hours=hours,
        trainers=[t.strip() for t in trainers if t.strip()],
        issuer=issuer,
    )
    _seal(cert)
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=holder.pk).values_list(
            "pk", flat=True
        ).first()
        existing = _live_for_enrolment(enrolment_id)
        if existing is not None:
            cert.pdf.storage.delete(cert.pdf.name)
            return existing
        try:
            _store(cert)
        except IntegrityError:
            existing = _live_for_enrolment(enrolment_id)
            if existing is None:
                raise
            return existing
        audit(
            cert,
            "osl.certificate.issue",
            user=issued_by,
            data={"number": cert.number, "source": str(cert.source), "enrolment": enrolment_id},
        )
        certificate_issued_queue(cert)
    return cert


PARTICIPANT_CORRECTABLE = {
    "holder_name",
    "course_title",
    "role_name",
    "workshop_dates",
    "town",
    "hours",
    "trainers",
    "issuer",
}
QUALITY_CORRECTABLE = {"centre_name", "centre_town", "valid_from", "valid_until", "issuer"}


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, actor, reason: str, **changes) -> Certificate:
    """Correct a certificate by issuing a new one (new number, code, PDF and credential) that
    supersedes it. The old one stays, verifies as superseded and points at the new one."""
    _require_programme_coordinator(actor)
    if not reason.strip():
        raise CertificateError(REASON_REQUIRED)
    model = type(certificate)
    old = model.objects.select_for_update().get(pk=certificate.pk)
    if old.status != CertificateStatus.ISSUED:
        raise CertificateError(NOT_ISSUED)
    allowed = PARTICIPANT_CORRECTABLE if model is ParticipantCertificate else QUALITY_CORRECTABLE
    for field in changes:
        if field not in allowed:
            raise CertificateError(UNKNOWN_CHANGE % {"field": field})
    now = timezone.now()
    new = model.objects.get(pk=old.pk)  # a copy to turn into the new record
    new.pk = new.id = None
    new._state.adding = True
    for field, value in changes.items():
        setattr(new, field, value)
    if model is ParticipantCertificate:
        days = sorted(
            {
                d if isinstance(d, datetime.date) else datetime.date.fromisoformat(d)
                for d in new.workshop_dates
            }
        )
        if not days:
            raise CertificateError(NO_DAYS)
        new.workshop_dates = [d.isoformat() for d in days]
        new.first_day, new.last_day = days[0], days[-1]
        new.hours = Decimal(str(new.hours))
        series = PARTICIPANT_SERIES
    else:
        if new.valid_from >= new.valid_until:
            raise CertificateError(BAD_VALIDITY)
        series = QUALITY_SERIES
    if all(getattr(new, f) == getattr(old, f) for f in allowed):
        raise CertificateError(NOTHING_CHANGED)
    old.status = CertificateStatus.SUPERSEDED
    old.superseded_at = now
    old.save(update_fields=["status", "superseded_at"])
    new.number = _next_number(series, timezone.localdate(now).year)
    new.verification_code = _new_code()
    new.status = CertificateStatus.ISSUED
    new.issued_at = now
    new.issued_by = actor
    new.correction_reason = reason.strip()
    new.revoked_at, new.revoked_by, new.revocation_reason = None, None, ""
    new.revocation_kind = ""
    new.superseded_at, new.superseded_by = None, None
    _seal(new)
    _store(new)
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    data = {"old": old.number, "new": new.number, "reason": new.correction_reason}
    audit(old, "osl.certificate.supersede", user=actor, data=data)
    audit(new, "osl.certificate.reissue", user=actor, data=data)
    if model is ParticipantCertificate:
        certificate_issued_queue(new)
    return new


def _revoke(cert: Certificate, *, actor, reason: str, kind: RevocationKind) -> Certificate:
    """Revoke (the caller holds the row lock and checked who may do it). Audited."""
    if cert.status != CertificateStatus.ISSUED:
        raise CertificateError(NOT_ISSUED)
    cert.status = CertificateStatus.REVOKED
    cert.revoked_at = timezone.now()
    cert.revoked_by = actor
    cert.revocation_reason = reason.strip()
    cert.revocation_kind = kind
    cert.save(
        update_fields=[
            "status",
            "revoked_at",
            "revoked_by",
            "revocation_reason",
            "revocation_kind",
        ]
    )
    audit(
        cert,
        "osl.certificate.revoke",
        user=actor,
        data={"number": cert.number, "reason": cert.revocation_reason, "kind": kind.value},
    )
    return cert


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Revoke an issued certificate. Its files stay; it verifies as revoked from now on, and
    its credential appears in the revocation list."""
    _require_programme_coordinator(actor)
    if not reason.strip():
        raise CertificateError(REASON_REQUIRED)
    cert = type(certificate).objects.select_for_update().get(pk=certificate.pk)
    return _revoke(cert, actor=actor, reason=reason, kind=RevocationKind.MANUAL)
