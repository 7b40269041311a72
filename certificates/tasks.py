"""Background tasks: they take primary keys and run after the transaction that asked commits."""

from django_tasks import task

from . import services


@task()
def participant_certificate_issue_for_enrolment(enrolment_id: int) -> None:
    """Issue (idempotently) the certificate of a completed enrolment."""
    services.participant_certificate_for_completed_enrolment(enrolment_id=enrolment_id)


@task()
def participant_certificate_revoke_for_enrolment(enrolment_id: int) -> None:
    """Revoke the certificate of an enrolment whose completion was withdrawn."""
    services.participant_certificate_for_withdrawn_completion(enrolment_id=enrolment_id)


@task()
def participant_certificates_issue_for_course(user_id: int, course_id: int) -> None:
    """Issue (idempotently) the certificates that waited for a course's e-learning."""
    services.participant_certificates_for_completed_course(user_id=user_id, course_id=course_id)
