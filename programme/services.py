"""Writes of the programme app: the ESF participant record."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from cms import roles
from cms.audit import audit
from enrolment.models import Enrolment, EnrolmentState
from programme import sealing
from programme.models import ParticipantRecord


class RecordLocked(Exception):
    message = (
        "Dane uczestnika można zmieniać do rozpoczęcia szkolenia; teraz zmienia je biuro programu."
    )


def record_is_locked(user, *, today=None) -> bool:
    """A person's record is theirs to edit until their first workshop starts (a confirmed place
    on a workshop whose first day has come); then only the programme office changes it."""
    today = today or timezone.localdate()
    return Enrolment.objects.filter(
        participant=user, state=EnrolmentState.CONFIRMED, workshop__day_one_date__lte=today
    ).exists()


@transaction.atomic
def participant_record_save(*, user, form, actor) -> ParticipantRecord:
    """Create or replace the person's record from a valid ParticipantRecordForm. The PESEL and
    the special-situation answers are sealed; the audit entry names the fields, never values."""
    coordinator = roles.is_programme_coordinator(actor)
    if actor.pk != user.pk and not coordinator:
        raise PermissionDenied
    record = ParticipantRecord.objects.select_for_update().filter(user=user).first()
    if record is not None and not coordinator and record_is_locked(user):
        raise RecordLocked
    created = record is None
    if created:
        record = ParticipantRecord(user=user)
    for name in form.Meta.fields:
        setattr(record, name, form.cleaned_data[name])
    record.sealed = sealing.seal(form.sealed_data())
    record.employer_id = user.centre_id
    record.consent_at = timezone.now()
    record.save()
    audit(
        record,
        "osl.esf.create" if created else "osl.esf.change",
        user=actor,
        data={"fields": sorted([*form.changed_data])},
    )
    return record
