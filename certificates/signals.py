"""Receivers for the enrolment app's signals. NOT connected yet: the enrolment app is being built
on another branch. Once it lands, connect them in CertificatesConfig.ready():

    from enrolment.signals import participation_completed
    participation_completed.connect(on_participation_completed, dispatch_uid="certificates.issue")

and fill in services.participant_certificate_for_completed_enrolment()."""

from django.db import transaction


def on_participation_completed(sender, *, enrolment_id: int, **kwargs) -> None:
    """Queue the certificate after the attendance transaction commits (a rolled-back attendance
    issues nothing; a repeated signal is harmless because issuing is idempotent per enrolment)."""
    from .tasks import participant_certificate_issue_for_enrolment

    transaction.on_commit(lambda: participant_certificate_issue_for_enrolment.enqueue(enrolment_id))
