"""Giving up a seat or a waiting-list place, and a centre's approval of its people's sign-ups.
The record stays (state cancelled or rejected); a freed seat passes to the waiting list."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import roles
from cms.selectors import coordinated_centre
from enrolment.models import (
    ACTIVE_STATES,
    SEAT_HOLDING_STATES,
    Enrolment,
    EnrolmentState,
)

from .base import (
    MSG_NOT_ALLOWED,
    MSG_NOT_YOUR_STAFF,
    EnrolmentError,
    lock_enrolment,
    locked_transaction,
    may_act_for,
    queue_email,
    transition,
)
from .waitlist import fill_free_seats

User = get_user_model()


MSG_NOT_CANCELLABLE = _("Tego zapisu nie można już anulować (stan: %(state)s).")


MSG_ALREADY_STARTED = _(
    "Szkolenie już się rozpoczęło — wypisać można się tylko przed jego startem."
)


MSG_NOT_PENDING = _("Ten zapis nie czeka na zgodę ośrodka.")


def cancel_locked(
    enrolment: Enrolment, *, action: str, email: str, actor, reason: str, now
) -> None:
    """Cancel an enrolment whose workshop row the caller has locked. The record stays; its place
    on the waiting list and any offer go, and the person is told by e-mail."""
    enrolment.waitlist_rank = None
    enrolment.offer_expires_at = None
    transition(
        enrolment,
        EnrolmentState.CANCELLED,
        action=action,
        actor=actor,
        reason=reason,
        now=now,
        fields=("waitlist_rank", "offer_expires_at"),
    )
    queue_email(
        enrolment.pk, "workshop_cancelled" if action == "workshop_cancelled" else "cancelled"
    )


def enrolment_cancel(*, enrolment: Enrolment, actor, reason: str = "", now=None) -> Enrolment:
    """Give up a place or a waiting-list position before the workshop starts. The record stays
    (state cancelled); a freed seat is offered to the first person on the waiting list."""
    now = now or timezone.now()
    if not may_act_for(enrolment, actor):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    with locked_transaction():
        enrolment, workshop = lock_enrolment(enrolment)
        if enrolment.state not in ACTIVE_STATES:
            raise EnrolmentError(
                MSG_NOT_CANCELLABLE,
                code="not_cancellable",
                params={"state": enrolment.get_state_display()},
            )
        if now >= workshop.starts_at:
            raise EnrolmentError(MSG_ALREADY_STARTED, code="started")
        held_seat = enrolment.state in SEAT_HOLDING_STATES
        cancel_locked(
            enrolment, action="cancel", email="cancelled", actor=actor, reason=reason, now=now
        )
        if held_seat:
            fill_free_seats(workshop, now=now, actor=actor)
    return enrolment


def _approver_check(enrolment: Enrolment, actor) -> None:
    centre = coordinated_centre(actor)
    is_programme = roles.is_programme_coordinator(actor)
    if not is_programme and (centre is None or centre.pk != enrolment.centre_id):
        raise EnrolmentError(MSG_NOT_YOUR_STAFF, code="not_your_staff")


def enrolment_approve(*, enrolment: Enrolment, actor, now=None) -> Enrolment:
    """A centre coordinator confirms a sign-up of their staff that waited for approval."""
    now = now or timezone.now()
    _approver_check(enrolment, actor)
    with locked_transaction():
        enrolment, workshop = lock_enrolment(enrolment)
        if enrolment.state != EnrolmentState.PENDING_APPROVAL:
            raise EnrolmentError(MSG_NOT_PENDING, code="not_pending")
        transition(enrolment, EnrolmentState.CONFIRMED, action="approve", actor=actor, now=now)
        queue_email(enrolment.pk, EnrolmentState.CONFIRMED)
    return enrolment


def enrolment_reject(*, enrolment: Enrolment, actor, reason: str = "", now=None) -> Enrolment:
    now = now or timezone.now()
    _approver_check(enrolment, actor)
    with locked_transaction():
        enrolment, workshop = lock_enrolment(enrolment)
        if enrolment.state != EnrolmentState.PENDING_APPROVAL:
            raise EnrolmentError(MSG_NOT_PENDING, code="not_pending")
        transition(
            enrolment, EnrolmentState.REJECTED, action="reject", actor=actor, reason=reason, now=now
        )
        queue_email(enrolment.pk, EnrolmentState.REJECTED)
        fill_free_seats(workshop, now=now, actor=actor)
    return enrolment
