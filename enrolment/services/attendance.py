"""Attendance, kept as evidence: a correction adds a record and supersedes the old one."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import roles
from enrolment import conf
from enrolment.models import (
    AttendanceRecord,
    AttendanceStatus,
    Enrolment,
    EnrolmentState,
    Workshop,
)
from enrolment.signals import participation_completed, participation_completion_withdrawn

from .base import EnrolmentError, transition

MSG_NOT_TRAINER = _("Obecność zaznaczają tylko trenerzy tego szkolenia i koordynatorzy programu.")
MSG_NOT_CONFIRMED = _("Obecność zaznacza się tylko osobom z potwierdzonym miejscem.")
MSG_BAD_DAY = _("Szkolenie ma dwa dni: 1 i 2.")
MSG_BAD_STATUS = _("Wybierz: obecny(-a), częściowo albo nieobecny(-a).")
MSG_BAD_HOURS = _(
    "Przy obecności częściowej podaj liczbę godzin większą od 0 i mniejszą niż %(max)s."
)
MSG_TOO_EARLY = _("Obecność można zaznaczać dopiero od dnia szkolenia.")


def may_mark_attendance(user, workshop: Workshop) -> bool:
    if not user.is_authenticated:
        return False
    if roles.is_programme_coordinator(user):
        return True
    return workshop.trainers.filter(pk=user.pk).exists()


def _hours_for(workshop: Workshop, day: int, status: str, hours) -> Decimal:
    full = workshop.day_hours(day)
    if status == AttendanceStatus.PRESENT:
        return full
    if status == AttendanceStatus.ABSENT:
        return Decimal("0")
    try:
        value = Decimal(str(hours).replace(",", ".")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        value = None
    if value is None or not (Decimal("0") < value < full):
        raise EnrolmentError(MSG_BAD_HOURS, code="bad_hours", params={"max": full})
    return value


def _record(enrolment, workshop, day, status, hours, actor, now) -> bool:
    """Write one mark; return True when something changed."""
    if status not in AttendanceStatus.values:
        raise EnrolmentError(MSG_BAD_STATUS, code="bad_status")
    value = _hours_for(workshop, day, status, hours)
    current = (
        AttendanceRecord.objects.select_for_update()
        .filter(enrolment=enrolment, day=day, superseded_at__isnull=True)
        .first()
    )
    if current and current.status == status and current.hours == value:
        return False
    if current:
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
    AttendanceRecord.objects.create(
        enrolment=enrolment, day=day, status=status, hours=value, marked_by=actor, marked_at=now
    )
    return True


def _update_completion(enrolment: Enrolment, workshop: Workshop, *, actor, now) -> None:
    attended = sum(
        AttendanceRecord.objects.filter(
            enrolment=enrolment, superseded_at__isnull=True
        ).values_list("hours", flat=True),
        Decimal("0"),
    )
    needed = workshop.total_hours * Decimal(str(conf.completion_threshold()))
    completed = attended >= needed
    if completed != (enrolment.completed_at is not None):
        enrolment.completed_at = now if completed else None
        transition(
            enrolment,
            enrolment.state,
            action="complete" if completed else "complete_withdrawn",
            actor=actor,
            now=now,
            data={"hours": str(attended), "needed": str(needed)},
            fields=("completed_at",),
        )
        signal = participation_completed if completed else participation_completion_withdrawn
        pk = enrolment.pk
        transaction.on_commit(lambda: signal.send(sender=Enrolment, enrolment_id=pk))


def _check(workshop: Workshop, day: int, actor, now) -> None:
    if not may_mark_attendance(actor, workshop):
        raise EnrolmentError(MSG_NOT_TRAINER, code="forbidden")
    if day not in (1, 2):
        raise EnrolmentError(MSG_BAD_DAY, code="bad_day")
    day_date = workshop.day_one_date if day == 1 else workshop.day_two_date
    if timezone.localtime(now).date() < day_date:
        raise EnrolmentError(MSG_TOO_EARLY, code="too_early")


def attendance_mark(
    *, enrolment: Enrolment, day: int, status: str, hours=None, actor, now=None
) -> bool:
    """Mark one person on one day. Returns whether anything changed."""
    return attendance_mark_day(
        workshop=enrolment.workshop,
        day=day,
        marks={enrolment.pk: (status, hours)},
        actor=actor,
        now=now,
    )


def attendance_mark_day(*, workshop: Workshop, day: int, marks: dict, actor, now=None) -> int:
    """Mark many people on one day of one workshop, all or nothing.

    `marks` maps enrolment id -> (status, hours). Only confirmed enrolments of this workshop
    can be marked; whoever crosses the completion threshold gets `participation_completed`
    sent after the commit. Returns the number of marks that changed."""
    now = now or timezone.now()
    _check(workshop, day, actor, now)
    changed = 0
    with transaction.atomic():
        enrolments = {
            e.pk: e
            for e in Enrolment.objects.select_for_update().filter(
                workshop=workshop, pk__in=list(marks)
            )
        }
        for enrolment_id, (status, hours) in marks.items():
            enrolment = enrolments.get(enrolment_id)
            if enrolment is None or enrolment.state != EnrolmentState.CONFIRMED:
                raise EnrolmentError(MSG_NOT_CONFIRMED, code="not_confirmed")
            if _record(enrolment, workshop, day, status, hours, actor, now):
                changed += 1
                _update_completion(enrolment, workshop, actor=actor, now=now)
    return changed
