"""Changes to a whole workshop: capacity, cancellation, reminders; centre policies; calendars."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import roles
from cms.audit import audit
from cms.selectors import coordinated_centre
from enrolment import conf
from enrolment.models import (
    ACTIVE_STATES,
    CalendarFeed,
    CentrePolicy,
    Enrolment,
    EnrolmentState,
    Workshop,
    WorkshopState,
)

from .base import MSG_NOT_ALLOWED, EnrolmentError, capacity_check, locked_transaction, queue_email
from .enrolments import cancel_locked
from .waitlist import fill_free_seats

MSG_ALREADY_CANCELLED = _("To szkolenie jest już odwołane.")
MSG_CANNOT_CANCEL_FINISHED = _("Zakończonego szkolenia nie można odwołać.")


def workshop_set_capacity(*, workshop: Workshop, capacity: int, actor, now=None) -> Workshop:
    """Change the number of seats. It can never drop below the seats already held; a larger
    capacity offers the new seats to the waiting list at once."""
    now = now or timezone.now()
    if not roles.is_programme_coordinator(actor):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    with locked_transaction():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        capacity_check(workshop.pk, capacity)
        old = workshop.capacity
        workshop.capacity = capacity
        workshop.save(update_fields=["capacity", "updated_at"])
        audit(
            workshop,
            "osl.workshop.capacity",
            user=actor,
            data={"from": old, "to": capacity},
        )
        fill_free_seats(workshop, now=now, actor=actor)
    return workshop


def workshop_fill_free_seats(*, workshop: Workshop, actor=None, now=None) -> int:
    """Offer any free seats to the waiting list (after an edit in the admin, for instance)."""
    now = now or timezone.now()
    with locked_transaction():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        return len(fill_free_seats(workshop, now=now, actor=actor))


def workshop_cancel(*, workshop: Workshop, actor, reason: str, now=None) -> Workshop:
    """Call off a workshop: every active enrolment is cancelled (kept, never deleted) and each
    person is told by e-mail."""
    now = now or timezone.now()
    if not roles.is_programme_coordinator(actor):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    with locked_transaction():
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        if workshop.state == WorkshopState.CANCELLED:
            raise EnrolmentError(MSG_ALREADY_CANCELLED, code="already_cancelled")
        if workshop.state == WorkshopState.FINISHED:
            raise EnrolmentError(MSG_CANNOT_CANCEL_FINISHED, code="finished")
        old = workshop.state
        workshop.state = WorkshopState.CANCELLED
        workshop.save(update_fields=["state", "updated_at"])
        audit(
            workshop,
            "osl.workshop.cancel",
            user=actor,
            data={"from": old, "to": workshop.state, "reason": reason},
        )
        for enrolment in Enrolment.objects.select_for_update().filter(
            workshop=workshop, state__in=ACTIVE_STATES
        ):
            enrolment.workshop = workshop
            cancel_locked(
                enrolment,
                action="workshop_cancelled",
                email="workshop_cancelled",
                actor=actor,
                reason=reason,
                now=now,
            )
    return workshop


def workshops_send_reminders(*, now=None) -> int:
    """Queue a reminder for each confirmed participant of workshops starting in
    ENROLMENT_REMINDER_DAYS_BEFORE days. Run every hour by the scheduler (enrolment.tasks):
    each reminder has its own outbox key, so a second run the same day queues nothing."""
    now = now or timezone.now()
    day = timezone.localtime(now).date() + datetime.timedelta(days=conf.reminder_days_before())
    ids = list(
        Enrolment.objects.filter(
            workshop__state=WorkshopState.PUBLISHED,
            workshop__day_one_date=day,
            state=EnrolmentState.CONFIRMED,
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for pk in ids:
            queue_email(pk, "reminder", key=f"enrolment:{pk}:reminder:{day.isoformat()}")
    return len(ids)


@transaction.atomic
def centre_policy_set(*, centre, requires_approval: bool, actor) -> CentrePolicy:
    """A centre's coordinator (or a programme coordinator) decides whether staff sign-ups need
    their approval."""
    own = coordinated_centre(actor)
    if not roles.is_programme_coordinator(actor) and (own is None or own.pk != centre.pk):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    policy, _created = CentrePolicy.objects.get_or_create(centre=centre)
    if policy.requires_approval != requires_approval:
        policy.requires_approval = requires_approval
        policy.save(update_fields=["requires_approval"])
        audit(
            centre,
            "osl.centre.enrolment_policy",
            user=actor,
            data={"requires_approval": requires_approval},
        )
    return policy


def calendar_feed_for(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_reset(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user)
