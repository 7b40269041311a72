"""Reads: finding certificates, who may see them, and a CAL record against the criteria."""

import datetime
import re

from cms import roles
from cms.selectors import coordinated_centre
from enrolment.models import Enrolment

from .models import (
    CalProgrammeRecord,
    Certificate,
    CertificateStatus,
    CriterionMetric,
    ParticipantCertificate,
    QualityCertificate,
    QualityCriterion,
)

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_LENGTH = 12
_CODE_RE = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def normalise_code(code: str) -> str | None:
    """People retype codes: accept lower case, spaces and dashes; read O as 0 and I/L as 1."""
    cleaned = re.sub(r"[\s-]", "", code or "").upper()
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    return cleaned if _CODE_RE.match(cleaned) else None


def certificate_by_code(code: str) -> Certificate | None:
    code = normalise_code(code)
    if code is None:
        return None
    for model in (ParticipantCertificate, QualityCertificate):
        found = model.objects.filter(verification_code=code).first()
        if found:
            return found
    return None


def code_in_use(code: str) -> bool:
    """Codes are unique across both kinds of certificate (one verification URL space)."""
    participants = ParticipantCertificate.objects.filter(verification_code=code).values("pk")
    quality = QualityCertificate.objects.filter(verification_code=code).values("pk")
    return participants.union(quality, all=True).exists()  # one round trip, not two


def certificate_visible_to(user, certificate: Certificate) -> bool:
    """Who may download a certificate's PDF and credential. Everyone else gets a 404."""
    if not user.is_authenticated:
        return False
    if roles.is_programme_coordinator(user):
        return True
    centre = coordinated_centre(user)
    if isinstance(certificate, ParticipantCertificate):
        if certificate.holder_id == user.pk:
            return True
        return centre is not None and certificate.centre_id == centre.pk
    if isinstance(certificate, QualityCertificate):
        return centre is not None and certificate.centre_id == centre.pk
    return False


def holder_certificates(user):
    return ParticipantCertificate.objects.filter(holder=user).order_by("-issued_at", "-pk")


def participant_certificates_for_bundle(
    *, centre=None, year: int | None = None, workshop_key: str | None = None
):
    """The live (issued) participant certificates to put in a ZIP, filtered as asked."""
    qs = ParticipantCertificate.objects.filter(status=CertificateStatus.ISSUED)
    if centre is not None:
        qs = qs.filter(centre=centre)
    if year:
        qs = qs.filter(first_day__year=year)
    if workshop_key:
        qs = qs.filter(workshop_key=workshop_key)
    return qs.order_by("holder_name", "first_day", "pk")


def centre_bundle_years(centre) -> list[int]:
    dates = (
        ParticipantCertificate.objects.filter(centre=centre, status=CertificateStatus.ISSUED)
        .dates("first_day", "year")
        .distinct()
    )
    return sorted({d.year for d in dates}, reverse=True)


def centre_bundle_workshops(centre) -> list[tuple[str, str]]:
    """(workshop key, label) pairs for the workshop filter of a centre's ZIP."""
    rows = (
        ParticipantCertificate.objects.filter(centre=centre, status=CertificateStatus.ISSUED)
        .exclude(workshop_key="")
        .values_list("workshop_key", "course_title", "town", "first_day")
        .distinct()
        .order_by("-first_day", "workshop_key")
    )
    seen, choices = set(), []
    for key, title, town, first_day in rows:
        if key not in seen:
            seen.add(key)
            choices.append((key, f"{title} · {town} · {first_day:%d.%m.%Y}"))
    return choices


def centre_quality_certificates(centre):
    return QualityCertificate.objects.filter(centre=centre).order_by("-issued_at", "-pk")


# --- The CAL programme record against the criteria -------------------------------------------


def level_one_trainings_from_enrolments(record: CalProgrammeRecord) -> int:
    """Level I trainings completed by the centre's staff on the platform: the completed
    enrolments whose enrolment centre (the centre at sign-up) is the record's centre."""
    return Enrolment.objects.filter(centre_id=record.centre_id, completed_at__isnull=False).count()


def level_one_trainings_completed(record: CalProgrammeRecord) -> int:
    """Trainings completed on the platform (counted from enrolment data) plus those completed
    outside it, entered by hand (the CAL programme's Level I has trainings the platform does not
    run, and records began before it)."""
    return level_one_trainings_from_enrolments(record) + record.level_one_trainings_entered


def _months_between(start: datetime.date, end: datetime.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def cal_record_metrics(record: CalProgrammeRecord, *, today: datetime.date) -> dict[str, int]:
    return {
        CriterionMetric.LEVEL_ONE_TRAININGS: level_one_trainings_completed(record),
        CriterionMetric.CONSULTATIONS: record.consultations.count(),
        CriterionMetric.LOCAL_PROJECTS: record.local_projects,
        CriterionMetric.PARTNERSHIPS: record.partnerships,
        CriterionMetric.VOLUNTEERS: record.volunteers,
        CriterionMetric.MONTHS_IN_PROGRAMME: max(0, _months_between(record.started_on, today)),
    }


def cal_record_criteria_results(record: CalProgrammeRecord, *, today: datetime.date) -> list:
    """Each active criterion with the record's value and whether it is met (JSON-ready)."""
    metrics = cal_record_metrics(record, today=today)
    return [
        {
            "criterion": criterion.pk,
            "metric": criterion.metric,
            "label": str(criterion.get_metric_display()),
            "threshold": criterion.threshold,
            "value": metrics[criterion.metric],
            "met": metrics[criterion.metric] >= criterion.threshold,
        }
        for criterion in QualityCriterion.objects.filter(is_active=True)
    ]


def issued_certificates_signed_with(kid: str) -> list[Certificate]:
    """Valid certificates whose credential this key signed (to re-issue after a withdrawal)."""
    from certificates.credentials import jws_prefix

    prefix = jws_prefix(kid)
    return [
        cert
        for model in (ParticipantCertificate, QualityCertificate)
        for cert in model.objects.issued().filter(credential_jwt__startswith=prefix).order_by("pk")
    ]
