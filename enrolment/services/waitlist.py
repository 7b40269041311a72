"""The waiting list: free seats offered in order, offers accepted, declined or expired, and
the coordinator's reordering. The workshop's row is locked before anything is counted."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import roles
from enrolment import conf
from enrolment.models import (
    SEAT_HOLDING_STATES,
    CreatedVia,
    Enrolment,
    EnrolmentState,
    Workshop,
    WorkshopState,
)
from enrolment.selectors import WAITLIST_ORDER

from .base import (
    MSG_NOT_ALLOWED,
    EnrolmentError,
    lock_enrolment,
    locked_transaction,
    may_act_for,
    queue_email,
    transition,
)
from .signup import refuse_overlap, requires_approval, signup_facts

User = get_user_model()


MSG_NO_OFFER = _("Nie masz aktualnej propozycji miejsca na tym szkoleniu.")


MSG_OFFER_EXPIRED = _(
    "Czas na przyjęcie propozycji minął i miejsce zaproponowano kolejnej osobie z listy."
)


MSG_NOT_WAITLISTED = _("Ta osoba nie jest na liście rezerwowej.")


MSG_REASON_REQUIRED = _("Podaj powód zmiany kolejności — zostanie zapisany w historii.")


def fill_free_seats(workshop: Workshop, *, now, actor=None) -> list[Enrolment]:
    """Offer every free seat to the first eligible person on the waiting list. The workshop row
    must already be locked by the caller. People whose centre has reached its cap wait on."""
    offered = []
    deadline = offer_deadline(workshop)
    if workshop.state != WorkshopState.PUBLISHED or now >= deadline:
        return offered
    taken = Enrolment.objects.filter(workshop=workshop, state__in=SEAT_HOLDING_STATES).count()
    free = workshop.capacity - taken
    if free <= 0:
        return offered
    by_centre: dict = {}
    if workshop.centre_cap:
        for row in (
            Enrolment.objects.filter(workshop=workshop, state__in=SEAT_HOLDING_STATES)
            .values_list("centre_id", flat=True)
            .iterator()
        ):
            by_centre[row] = by_centre.get(row, 0) + 1
    expires = min(now + datetime.timedelta(hours=conf.offer_hours()), deadline)
    for candidate in waitlist_queryset(workshop).select_related("participant"):
        candidate.workshop = workshop  # already locked and loaded: spares a query per offer
        if free <= 0:
            break
        if workshop.centre_cap and candidate.centre_id is not None:
            if by_centre.get(candidate.centre_id, 0) >= workshop.centre_cap:
                continue
            by_centre[candidate.centre_id] = by_centre.get(candidate.centre_id, 0) + 1
        candidate.offer_expires_at = expires
        candidate.waitlist_rank = None
        transition(
            candidate,
            EnrolmentState.OFFERED,
            action="offer",
            actor=actor,
            now=now,
            data={"expires": expires.isoformat()},
            fields=("offer_expires_at", "waitlist_rank"),
        )
        queue_email(candidate.pk, "offered")
        offered.append(candidate)
        free -= 1
    return offered


def offer_deadline(workshop: Workshop):
    """The latest moment an offer of a seat on `workshop` may be accepted: the sign-up closing
    or the workshop's start, whichever comes first. No offer is made at or after it."""
    return min(workshop.effective_signup_closes_at, workshop.starts_at)


def waitlist_queryset(workshop):
    return Enrolment.objects.filter(workshop=workshop, state=EnrolmentState.WAITLISTED).order_by(
        *WAITLIST_ORDER
    )


def _take_offered_seat(enrolment: Enrolment) -> str:
    if enrolment.created_via == CreatedVia.SELF and requires_approval(enrolment.centre_id):
        return EnrolmentState.PENDING_APPROVAL
    return EnrolmentState.CONFIRMED


def enrolment_accept_offer(*, enrolment: Enrolment, actor, now=None) -> Enrolment:
    """Accept an offered seat before the offer expires. An expired offer is passed on."""
    now = now or timezone.now()
    if not may_act_for(enrolment, actor):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    expired = False
    with locked_transaction():
        enrolment, workshop = lock_enrolment(enrolment)
        if enrolment.state != EnrolmentState.OFFERED:
            raise EnrolmentError(MSG_NO_OFFER, code="no_offer")
        # The workshop's own deadline too: it may have moved since the offer was made.
        if now >= min(enrolment.offer_expires_at, offer_deadline(workshop)):
            _expire_offer(enrolment, workshop, now=now)
            expired = True
        else:
            facts = signup_facts(workshop, enrolment.participant_id, enrolment.centre_id)
            if facts["overlapping_workshop"]:
                refuse_overlap(facts["overlapping_workshop"])
            state = _take_offered_seat(enrolment)
            enrolment.offer_expires_at = None
            transition(
                enrolment,
                state,
                action="accept_offer",
                actor=actor,
                now=now,
                fields=("offer_expires_at",),
            )
            queue_email(enrolment.pk, state)
    if expired:
        # Raised after the commit: the expiry and the next offer must stand.
        raise EnrolmentError(MSG_OFFER_EXPIRED, code="offer_expired")
    return enrolment


def enrolment_decline_offer(*, enrolment: Enrolment, actor, now=None) -> Enrolment:
    now = now or timezone.now()
    if not may_act_for(enrolment, actor):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    with locked_transaction():
        enrolment, workshop = lock_enrolment(enrolment)
        if enrolment.state != EnrolmentState.OFFERED:
            raise EnrolmentError(MSG_NO_OFFER, code="no_offer")
        enrolment.offer_expires_at = None
        transition(
            enrolment,
            EnrolmentState.DECLINED,
            action="decline_offer",
            actor=actor,
            now=now,
            fields=("offer_expires_at",),
        )
        fill_free_seats(workshop, now=now, actor=actor)
    return enrolment


def _mark_expired(enrolment: Enrolment, *, now) -> None:
    transition(
        enrolment,
        EnrolmentState.EXPIRED,
        action="offer_expired",
        now=now,
        data={"expired_at": enrolment.offer_expires_at.isoformat()},
    )
    queue_email(enrolment.pk, "expired")


def _expire_offer(enrolment: Enrolment, workshop: Workshop, *, now) -> None:
    _mark_expired(enrolment, now=now)
    fill_free_seats(workshop, now=now)


def offers_expire(*, now=None) -> int:
    """Expire every offer past its deadline and pass each seat to the next person waiting.
    One transaction per workshop, so one busy workshop does not hold up the others. Returns the
    number of offers expired."""
    now = now or timezone.now()
    workshop_ids = (
        Enrolment.objects.filter(state=EnrolmentState.OFFERED, offer_expires_at__lte=now)
        .values_list("workshop_id", flat=True)
        .distinct()
    )
    expired = 0
    for workshop_id in list(workshop_ids):
        with locked_transaction():
            workshop = Workshop.objects.select_for_update().get(pk=workshop_id)
            stale = list(
                Enrolment.objects.select_for_update().filter(
                    workshop=workshop, state=EnrolmentState.OFFERED, offer_expires_at__lte=now
                )
            )
            for enrolment in stale:
                enrolment.workshop = workshop
                _mark_expired(enrolment, now=now)
            fill_free_seats(workshop, now=now)
            expired += len(stale)
    return expired


def waitlist_move(*, enrolment: Enrolment, position: int, actor, reason: str, now=None) -> None:
    """Move a person to `position` (1 = first) on their workshop's waiting list. Only programme
    coordinators may; the reason is kept in the enrolment's history."""
    now = now or timezone.now()
    if not roles.is_programme_coordinator(actor):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    reason = (reason or "").strip()
    if not reason:
        raise EnrolmentError(MSG_REASON_REQUIRED, code="reason_required")
    with locked_transaction():
        workshop = Workshop.objects.select_for_update().get(pk=enrolment.workshop_id)
        queue = list(waitlist_queryset(workshop).select_for_update())
        current = next((e for e in queue if e.pk == enrolment.pk), None)
        if current is None:
            raise EnrolmentError(MSG_NOT_WAITLISTED, code="not_waitlisted")
        old_position = queue.index(current) + 1
        queue.remove(current)
        new_position = min(max(int(position), 1), len(queue) + 1)
        queue.insert(new_position - 1, current)
        for rank, entry in enumerate(queue, start=1):
            if entry.waitlist_rank != rank:
                entry.waitlist_rank = rank
                entry.save(update_fields=["waitlist_rank", "updated_at"])
        transition(
            current,
            EnrolmentState.WAITLISTED,
            action="waitlist_move",
            actor=actor,
            reason=reason,
            now=now,
            data={"from_position": old_position, "to_position": new_position},
        )
