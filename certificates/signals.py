"""Receivers for the enrolment and courses apps' signals, connected in CertificatesConfig.ready().

Both queue a task after the current transaction commits (a rolled-back attendance does
nothing); both tasks are idempotent, so a repeated signal is harmless."""

from django.db import transaction


def on_participation_completed(sender, *, enrolment_id: int, **kwargs) -> None:
    """Queue the certificate of a participant who completed a workshop."""
    from .tasks import participant_certificate_issue_for_enrolment

    transaction.on_commit(lambda: participant_certificate_issue_for_enrolment.enqueue(enrolment_id))


def on_participation_completion_withdrawn(sender, *, enrolment_id: int, **kwargs) -> None:
    """Queue the revocation of the certificate whose completion a correction withdrew."""
    from .tasks import participant_certificate_revoke_for_enrolment

    transaction.on_commit(
        lambda: participant_certificate_revoke_for_enrolment.enqueue(enrolment_id)
    )


def on_course_completed(sender, *, user_id: int, course_id: int, **kwargs) -> None:
    """Queue the certificates that waited for this course's e-learning (see courses.signals).

    There is deliberately no receiver for the reverse: a quiz re-take below the pass mark after
    the certificate was issued revokes nothing, because the course's completion stays."""
    from .tasks import participant_certificates_issue_for_course

    transaction.on_commit(
        lambda: participant_certificates_issue_for_course.enqueue(user_id, course_id)
    )
