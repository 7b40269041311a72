"""Quality certificates for centres and the review of their CAL programme records."""

import datetime

from django.db import transaction
from django.utils import timezone

from cms.audit import audit

from ..models import (
    CalProgrammeRecord,
    CalRecordStatus,
    CalReview,
    QualityCertificate,
    ReviewDecision,
)
from ..selectors import cal_record_criteria_results
from .common import (
    ALREADY_DECIDED,
    BAD_VALIDITY,
    CRITERIA_NOT_MET,
    DEFAULT_ISSUER,
    JUSTIFICATION_REQUIRED,
    QUALITY_SERIES,
    QUALITY_VALIDITY_YEARS,
    VALIDITY_TOO_FAR,
    CertificateError,
    _require_programme_coordinator,
)
from .sealing import _new_code, _next_number, _seal, _store

# --- Quality certificates and the CAL programme ----------------------------------------------


def default_valid_until(valid_from: datetime.date) -> datetime.date:
    """The end of a quality certificate's default validity: the same day QUALITY_VALIDITY_YEARS
    later, 29 February becoming 28 February in a common year. A start too late in the calendar
    for the end to exist (past datetime.MAXYEAR) is a CertificateError, not a crash."""
    year = valid_from.year + QUALITY_VALIDITY_YEARS
    if year > datetime.MAXYEAR:
        raise CertificateError(VALIDITY_TOO_FAR)
    try:
        return valid_from.replace(year=year)
    except ValueError:  # 29 February, and the end year is not a leap year
        return valid_from.replace(year=year, day=28)


@transaction.atomic
def quality_certificate_issue(
    *,
    centre,
    valid_from: datetime.date,
    valid_until: datetime.date,
    issued_by,
    issuer: str = DEFAULT_ISSUER,
    record: CalProgrammeRecord | None = None,
) -> QualityCertificate:
    if valid_from >= valid_until:
        raise CertificateError(BAD_VALIDITY)
    now = timezone.now()
    cert = QualityCertificate(
        number=_next_number(QUALITY_SERIES, timezone.localdate(now).year),
        verification_code=_new_code(),
        issued_at=now,
        issued_by=issued_by,
        centre=centre,
        centre_name=centre.name,
        centre_town=centre.town,
        programme_record=record,
        valid_from=valid_from,
        valid_until=valid_until,
        issuer=issuer,
    )
    _seal(cert)
    _store(cert)
    audit(cert, "osl.certificate.issue", user=issued_by, data={"number": cert.number})
    return cert


@transaction.atomic
def cal_record_review(
    *,
    record: CalProgrammeRecord,
    reviewer,
    decision: str,
    justification: str,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> CalReview:
    """A programme coordinator grants or refuses the quality certificate, with a justification.

    Granting needs every active criterion met and issues the certificate (valid for three years
    by default). The criteria results are kept with the review as they stood that day."""
    _require_programme_coordinator(reviewer)
    if not justification.strip():
        raise CertificateError(JUSTIFICATION_REQUIRED)
    record = CalProgrammeRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != CalRecordStatus.IN_PROGRESS:
        raise CertificateError(ALREADY_DECIDED)
    today = timezone.localdate()
    results = cal_record_criteria_results(record, today=today)
    review = CalReview(
        record=record,
        decision=decision,
        justification=justification.strip(),
        reviewer=reviewer,
        criteria_results=results,
    )
    if decision == ReviewDecision.GRANT:
        unmet = [f"{r['label']} ({r['value']}/{r['threshold']})" for r in results if not r["met"]]
        if unmet:
            raise CertificateError(CRITERIA_NOT_MET % {"criteria": ", ".join(unmet)})
        valid_from = valid_from or today
        valid_until = valid_until or default_valid_until(valid_from)
        review.certificate = quality_certificate_issue(
            centre=record.centre,
            valid_from=valid_from,
            valid_until=valid_until,
            issued_by=reviewer,
            record=record,
        )
        record.status = CalRecordStatus.GRANTED
    elif decision == ReviewDecision.REFUSE:
        record.status = CalRecordStatus.REFUSED
    else:
        raise CertificateError(JUSTIFICATION_REQUIRED)
    review.save()
    record.save(update_fields=["status"])
    audit(
        record,
        f"osl.cal_record.{decision}",
        user=reviewer,
        data={"justification": review.justification, "criteria": results},
    )
    return review
