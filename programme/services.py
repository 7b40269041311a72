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


def _retention_until():
    from wagtail.models import Site

    from programme.models import ProgrammeSettings

    site = Site.objects.filter(is_default_site=True).first()
    return ProgrammeSettings.for_site(site).esf_retention_until if site else None


def _retention_over(today) -> bool:
    until = _retention_until()
    return until is not None and today > until


def on_account_deleted(user) -> None:
    """Account deletion (cms's anonymiser hook): the ESF record stays while the funder's
    retention period runs (ProgrammeSettings.esf_retention_until; none set = it runs on); once
    it is over the record is deleted with the account."""
    record = ParticipantRecord.objects.filter(user=user).first()
    if record is None:
        return
    if _retention_over(timezone.localdate()):
        audit(record, "osl.esf.delete", data={"why": "account_deleted"})
        record.delete()
    else:
        audit(record, "osl.esf.kept", data={"until": str(_retention_until() or "")})


def esf_records_purge(*, today=None) -> int:
    """Delete the records of deleted accounts once the retention period is over (run daily with
    the other periodic jobs). Returns how many went."""
    today = today or timezone.localdate()
    if not _retention_over(today):
        return 0
    gone = 0
    for record in ParticipantRecord.objects.filter(user__anonymised_at__isnull=False):
        audit(record, "osl.esf.delete", data={"why": "retention_over"})
        record.delete()
        gone += 1
    return gone
