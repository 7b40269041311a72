"""The wiring to the enrolment and courses apps: completion by attendance (and, where the course
asks, by its e-learning) issues exactly one certificate; a withdrawn completion revokes it."""

from django.db import transaction
from django.utils import timezone

from cms.audit import audit
from courses.selectors import certificate_requirements_met
from enrolment.selectors import completed_enrolment_ids, completion_summary

from ..models import CertificateStatus, ParticipantCertificate, RevocationKind
from .participants import _live_for_enrolment, _revoke, participant_certificate_issue

# --- Wiring to the enrolment app -------------------------------------------------------------

# The reason recorded when an attendance correction takes a completed participant back below
# the threshold. Kept in Polish as data: it is evidence. The rules ask the revocation's kind
# (RevocationKind.COMPLETION_WITHDRAWN), never this text.
WITHDRAWN_COMPLETION_REASON = "korekta listy obecności"
RESTORED_COMPLETION_REASON = "korekta listy obecności: ukończenie przywrócone"


def participant_certificate_for_completed_enrolment(
    *, enrolment_id: int
) -> ParticipantCertificate | None:
    """Issue the certificate of a completed enrolment (the task behind `participation_completed`).

    Returns None, issuing nothing, when the enrolment is not (or no longer) completed, or when
    its course asks for its e-learning modules and the participant has not finished them (the
    rule lives in courses.selectors.certificate_requirements_met). Idempotent per enrolment:
    a second call returns the certificate already issued."""
    summary = completion_summary(enrolment_id)
    if summary is None:
        return None
    course = summary["course"]
    holder = summary["participant"]
    if not certificate_requirements_met(user=holder, course=course):
        return None
    live = _live_for_enrolment(enrolment_id)
    if live is not None and _revoked_for_withdrawn_completion(live):
        return _participant_certificate_restore(live, summary=summary)
    return _issue_for_summary(summary)


def participant_certificates_for_completed_course(
    *, user_id: int, course_id: int
) -> list[ParticipantCertificate]:
    """Issue the certificates that waited for a course's e-learning (the task behind
    courses.signals.course_completed): one for every workshop of the course the person
    completed by attendance and holds no certificate for yet.

    Each goes through participant_certificate_for_completed_enrolment, so the same rules apply
    (the e-learning requirement is checked again, idempotent per enrolment) and running this
    twice issues nothing more. A certificate already held — issued, or revoked by a coordinator
    — is left alone. Returns the certificates issued now."""
    enrolment_ids = completed_enrolment_ids(participant_id=user_id, course_id=course_id)
    held = set(
        ParticipantCertificate.objects.current()
        .filter(enrolment_id__in=enrolment_ids)
        .values_list("enrolment_id", flat=True)
    )
    issued = []
    for enrolment_id in enrolment_ids:
        if enrolment_id in held:
            continue
        cert = participant_certificate_for_completed_enrolment(enrolment_id=enrolment_id)
        if cert is not None:
            issued.append(cert)
    return issued


def _revoked_for_withdrawn_completion(cert: ParticipantCertificate) -> bool:
    return (
        cert.status == CertificateStatus.REVOKED
        and cert.revocation_kind == RevocationKind.COMPLETION_WITHDRAWN
    )


@transaction.atomic
def _participant_certificate_restore(
    old: ParticipantCertificate, *, summary: dict
) -> ParticipantCertificate:
    """A later correction completed the enrolment again after its certificate was revoked for
    the withdrawn completion: a new certificate supersedes the revoked one (which keeps its
    revocation date and reason, and points to the new one). Audited."""
    old = ParticipantCertificate.objects.select_for_update().get(pk=old.pk)
    if not _revoked_for_withdrawn_completion(old):  # another worker restored it meanwhile
        return _live_for_enrolment(old.enrolment_id) or old
    old.status = CertificateStatus.SUPERSEDED
    old.superseded_at = timezone.now()
    old.save(update_fields=["status", "superseded_at"])
    new = _issue_for_summary(summary)
    new.correction_reason = RESTORED_COMPLETION_REASON
    new.save(update_fields=["correction_reason"])
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    data = {"old": old.number, "new": new.number, "reason": RESTORED_COMPLETION_REASON}
    audit(old, "osl.certificate.supersede", user=None, data=data)
    audit(new, "osl.certificate.reissue", user=None, data=data)
    return new


def _issue_for_summary(summary: dict) -> ParticipantCertificate:
    course = summary["course"]
    return participant_certificate_issue(
        holder=summary["participant"],
        enrolment_id=summary["enrolment_id"],
        workshop_key=f"workshop:{summary['workshop_id']}",
        course_title=summary["course_title"],
        role_name=course.role.name if course.role_id else "",
        workshop_dates=[summary["day_one"], summary["day_two"]],
        town=summary["town"],
        hours=summary["total_hours"],
        trainers=summary["trainers"],
        centre=summary["centre"],
    )


@transaction.atomic
def participant_certificate_for_withdrawn_completion(
    *, enrolment_id: int
) -> ParticipantCertificate | None:
    """Revoke the certificate of an enrolment whose completion an attendance correction took
    back (the task behind `participation_completion_withdrawn`).

    The system acts (audit log user None), with the kind COMPLETION_WITHDRAWN and the reason
    WITHDRAWN_COMPLETION_REASON, so the certificate verifies as revoked and its credential shows
    in the revocation list. Nothing happens if the enrolment is completed again by the time this
    runs, or has no issued certificate."""
    if completion_summary(enrolment_id) is not None:
        return None
    cert = (
        ParticipantCertificate.objects.select_for_update()
        .filter(enrolment_id=enrolment_id, status=CertificateStatus.ISSUED)
        .first()
    )
    if cert is None:
        return None
    return _revoke(
        cert,
        actor=None,
        reason=WITHDRAWN_COMPLETION_REASON,
        kind=RevocationKind.COMPLETION_WITHDRAWN,
    )
