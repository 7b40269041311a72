"""Taking, giving up and passing on seats.

Every service that changes who holds a seat at a workshop locks that workshop's row first
(select_for_update) and only then counts, inside one durable transaction: concurrent sign-ups
queue on the lock, so a workshop can never be overbooked."""

import datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cms import roles
from cms.selectors import coordinated_centre
from enrolment import conf
from enrolment.models import (
    ACTIVE_STATES,
    SEAT_HOLDING_STATES,
    CentrePolicy,
    CreatedVia,
    Enrolment,
    EnrolmentState,
    Workshop,
    WorkshopState,
)
from enrolment.selectors import WAITLIST_ORDER

from .base import EnrolmentError, locked_transaction, queue_email, transition

User = get_user_model()

MSG_NOT_PARTICIPANT = _(
    "Na szkolenia mogą się zapisywać osoby z potwierdzonym kontem uczestnika. "
    "Potwierdź adres e-mail, klikając link z wiadomości powitalnej."
)
MSG_NOT_PUBLISHED = _("Na to szkolenie nie można się zapisać: nie jest opublikowane.")
MSG_CANCELLED_WORKSHOP = _("To szkolenie zostało odwołane.")
MSG_WINDOW_NOT_OPEN = _("Zapisy na to szkolenie jeszcze się nie rozpoczęły. Ruszają %(date)s.")
MSG_WINDOW_CLOSED = _("Zapisy na to szkolenie zostały zamknięte %(date)s.")
MSG_DUPLICATE = _("Ta osoba jest już zapisana na to szkolenie (lub czeka na liście rezerwowej).")
MSG_OVERLAP = _(
    "W tych dniach masz już potwierdzone inne szkolenie (%(other)s). "
    "Nie można brać udziału w dwóch szkoleniach jednocześnie."
)
MSG_NOT_YOUR_STAFF = _("Możesz zapisywać i wypisywać tylko pracowników swojego ośrodka.")
MSG_NOT_ALLOWED = _("Nie masz uprawnień do tej operacji.")
MSG_NOT_CANCELLABLE = _("Tego zapisu nie można już anulować (stan: %(state)s).")
MSG_ALREADY_STARTED = _(
    "Szkolenie już się rozpoczęło — wypisać można się tylko przed jego startem."
)
MSG_NO_OFFER = _("Nie masz aktualnej propozycji miejsca na tym szkoleniu.")
MSG_OFFER_EXPIRED = _(
    "Czas na przyjęcie propozycji minął i miejsce zaproponowano kolejnej osobie z listy."
)
MSG_NOT_PENDING = _("Ten zapis nie czeka na zgodę ośrodka.")
MSG_NOT_WAITLISTED = _("Ta osoba nie jest na liście rezerwowej.")
MSG_REASON_REQUIRED = _("Podaj powód zmiany kolejności — zostanie zapisany w historii.")


def _creation_route(participant, actor) -> str:
    """Who may put this person on a workshop: themselves, their centre's coordinator, or a
    programme coordinator."""
    if actor.pk == participant.pk:
        return CreatedVia.SELF
    if roles.is_programme_coordinator(actor):
        return CreatedVia.PROGRAMME_COORDINATOR
    centre = coordinated_centre(actor)
    if centre is not None and participant.centre_id == centre.pk:
        return CreatedVia.CENTRE_COORDINATOR
    raise EnrolmentError(MSG_NOT_YOUR_STAFF, code="not_your_staff")


def _may_act_for(enrolment: Enrolment, actor) -> bool:
    if actor.pk == enrolment.participant_id:
        return True
    if roles.is_programme_coordinator(actor):
        return True
    centre = coordinated_centre(actor)
    return centre is not None and centre.pk in (
        enrolment.centre_id,
        enrolment.participant.centre_id,
    )


def _requires_approval(centre_id) -> bool:
    return (
        centre_id is not None
        and CentrePolicy.objects.filter(centre_id=centre_id, requires_approval=True).exists()
    )


def _placeholders(name: str, values) -> tuple[str, dict]:
    params = {f"{name}{i}": str(value) for i, value in enumerate(values)}
    return ", ".join(f"%({n})s" for n in params), params


_HELD, _HELD_PARAMS = _placeholders("held", SEAT_HOLDING_STATES)
_ACTIVE, _ACTIVE_PARAMS = _placeholders("active", ACTIVE_STATES)
_BOOKED, _BOOKED_PARAMS = _placeholders(
    "booked", (EnrolmentState.CONFIRMED, EnrolmentState.PENDING_APPROVAL)
)
# Hand-written because it runs on every sign-up: built with the ORM (five filtered aggregates)
# compiling it took about as much CPU as the rest of the service. Only table and placeholder
# names are formatted in; every value is a parameter.
_FACTS_SQL = f"""
SELECT
    COUNT(*) FILTER (WHERE e.workshop_id = %(workshop)s AND e.state IN ({_HELD})),
    COUNT(*) FILTER (
        WHERE e.workshop_id = %(workshop)s AND e.state IN ({_HELD}) AND e.centre_id = %(centre)s
    ),
    COUNT(*) FILTER (
        WHERE e.workshop_id = %(workshop)s AND e.participant_id = %(person)s
        AND e.state IN ({_ACTIVE})
    ),
    MIN(e.workshop_id) FILTER (WHERE e.workshop_id <> %(workshop)s),
    MAX(e.waitlist_rank) FILTER (WHERE e.workshop_id = %(workshop)s AND e.state = %(waiting)s),
    EXISTS (
        SELECT 1 FROM {CentrePolicy._meta.db_table} p
        WHERE p.centre_id = %(centre)s AND p.requires_approval
    )
FROM {Enrolment._meta.db_table} e
JOIN {Workshop._meta.db_table} w ON w.id = e.workshop_id
WHERE e.workshop_id = %(workshop)s
    OR (
        e.participant_id = %(person)s AND e.state IN ({_BOOKED})
        AND w.day_one_date <= %(day_two)s AND w.day_two_date >= %(day_one)s
    )
"""  # noqa: S608


def _signup_facts(workshop: Workshop, participant_id, centre_id) -> dict:
    """Everything a sign-up decides on, in one statement: seats held at the workshop and by the
    person's centre, an active enrolment of the person here, another workshop the person is
    confirmed (or pending) for on overlapping dates, the end of the waiting list, and whether
    the centre wants to approve its staff's sign-ups.

    Call it with the person's and the workshop's rows locked: under READ COMMITTED a statement
    sees everything committed before it began, so it counts every sign-up that held the lock
    before this one."""
    params = {
        "workshop": workshop.pk,
        "person": participant_id,
        "centre": centre_id,
        "waiting": str(EnrolmentState.WAITLISTED),
        "day_one": workshop.day_one_date,
        "day_two": workshop.day_two_date,
        **_HELD_PARAMS,
        **_ACTIVE_PARAMS,
        **_BOOKED_PARAMS,
    }
    with connection.cursor() as cursor:
        cursor.execute(_FACTS_SQL, params)
        taken, by_centre, duplicate, overlapping, top_rank, approval = cursor.fetchone()
    return {
        "taken": taken,
        "taken_by_centre": by_centre,
        "duplicate": duplicate,
        "overlapping_workshop": overlapping,
        "top_rank": top_rank,
        "centre_requires_approval": bool(approval),
    }


def _refuse_overlap(workshop_id) -> None:
    other = Workshop.objects.select_related("course", "venue").get(pk=workshop_id)
    raise EnrolmentError(MSG_OVERLAP, code="overlap", params={"other": other})


def _check_window(workshop: Workshop, now) -> None:
    if workshop.state == WorkshopState.CANCELLED:
        raise EnrolmentError(MSG_CANCELLED_WORKSHOP, code="cancelled")
    if workshop.state != WorkshopState.PUBLISHED:
        raise EnrolmentError(MSG_NOT_PUBLISHED, code="not_published")
    local = timezone.localtime
    if workshop.signup_opens_at and now < workshop.signup_opens_at:
        raise EnrolmentError(
            MSG_WINDOW_NOT_OPEN,
            code="window_not_open",
            params={"date": formats.date_format(local(workshop.signup_opens_at), "j E Y, H:i")},
        )
    closes = workshop.effective_signup_closes_at
    if now >= closes:
        raise EnrolmentError(
            MSG_WINDOW_CLOSED,
            code="window_closed",
            params={"date": formats.date_format(local(closes), "j E Y, H:i")},
        )


def enrolment_create(*, participant, workshop: Workshop, actor, now=None) -> Enrolment:
    """Sign a person up for a workshop.

    Guarantees: the person is a verified participant; the actor is the person, their centre's
    coordinator or a programme coordinator; sign-up is open; the person has no other active
    enrolment here and no other confirmed workshop on overlapping dates. Then, with the
    workshop row locked before anything is counted, the person takes a free seat (confirmed, or
    pending approval when their centre requires it and they signed up themselves) or, when the
    workshop or their centre's cap is full, joins the end of the waiting list.

    The moment recorded for the sign-up is taken once the workshop's row is locked, where the
    waiting-list position is decided: sign-ups hold that lock one after another, so their
    positions and their times run in the same order (`now` is only for demo data and tests)."""
    via = _creation_route(participant, actor)
    if not participant.is_active or not roles.has_role(participant, roles.PARTICIPANTS):
        raise EnrolmentError(MSG_NOT_PARTICIPANT, code="not_participant")
    centre_id = participant.centre_id

    with locked_transaction():
        # Lock order everywhere: the person, then the workshop. The person's lock makes the
        # overlap check safe against their own parallel sign-ups for other workshops.
        User.objects.select_for_update().only("pk").get(pk=participant.pk)
        workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
        now = now or timezone.now()
        _check_window(workshop, now)
        facts = _signup_facts(workshop, participant.pk, centre_id)
        if facts["duplicate"]:
            raise EnrolmentError(MSG_DUPLICATE, code="duplicate")
        if facts["overlapping_workshop"]:
            _refuse_overlap(facts["overlapping_workshop"])

        enrolment = Enrolment(
            workshop=workshop,
            participant=participant,
            centre_id=centre_id,
            created_via=via,
            created_by=actor,
            created_at=now,
        )
        centre_full = bool(workshop.centre_cap and centre_id) and (
            facts["taken_by_centre"] >= workshop.centre_cap
        )
        if facts["taken"] < workshop.capacity and not centre_full:
            needs_approval = via == CreatedVia.SELF and facts["centre_requires_approval"]
            state = EnrolmentState.PENDING_APPROVAL if needs_approval else EnrolmentState.CONFIRMED
        else:
            state = EnrolmentState.WAITLISTED
            enrolment.waitlist_rank = (facts["top_rank"] or 0) + 1
        transition(
            enrolment,
            state,
            action="create",
            actor=actor,
            now=now,
            data={"via": via, "centre_full": centre_full},
        )
        queue_email(enrolment.pk, state)
    return enrolment


def _fill_free_seats(workshop: Workshop, *, now, actor=None) -> list[Enrolment]:
    """Offer every free seat to the first eligible person on the waiting list. The workshop row
    must already be locked by the caller. People whose centre has reached its cap wait on."""
    offered = []
    if workshop.state != WorkshopState.PUBLISHED or now >= workshop.starts_at:
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
    expires = now + datetime.timedelta(hours=conf.offer_hours())
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


def waitlist_queryset(workshop):
    return Enrolment.objects.filter(workshop=workshop, state=EnrolmentState.WAITLISTED).order_by(
        *WAITLIST_ORDER
    )


def _lock(enrolment: Enrolment) -> tuple[Enrolment, Workshop]:
    """Lock the person, the workshop and the enrolment (in that order) and return fresh rows."""
    User.objects.select_for_update().only("pk").get(pk=enrolment.participant_id)
    workshop = Workshop.objects.select_for_update().get(pk=enrolment.workshop_id)
    fresh = Enrolment.objects.select_for_update().select_related("participant").get(pk=enrolment.pk)
    fresh.workshop = workshop
    return fresh, workshop


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
    if not _may_act_for(enrolment, actor):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    with locked_transaction():
        enrolment, workshop = _lock(enrolment)
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
            _fill_free_seats(workshop, now=now, actor=actor)
    return enrolment


def _take_offered_seat(enrolment: Enrolment) -> str:
    if enrolment.created_via == CreatedVia.SELF and _requires_approval(enrolment.centre_id):
        return EnrolmentState.PENDING_APPROVAL
    return EnrolmentState.CONFIRMED


def enrolment_accept_offer(*, enrolment: Enrolment, actor, now=None) -> Enrolment:
    """Accept an offered seat before the offer expires. An expired offer is passed on."""
    now = now or timezone.now()
    if not _may_act_for(enrolment, actor):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    expired = False
    with locked_transaction():
        enrolment, workshop = _lock(enrolment)
        if enrolment.state != EnrolmentState.OFFERED:
            raise EnrolmentError(MSG_NO_OFFER, code="no_offer")
        if now >= enrolment.offer_expires_at:
            _expire_offer(enrolment, workshop, now=now)
            expired = True
        else:
            facts = _signup_facts(workshop, enrolment.participant_id, enrolment.centre_id)
            if facts["overlapping_workshop"]:
                _refuse_overlap(facts["overlapping_workshop"])
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
    if not _may_act_for(enrolment, actor):
        raise EnrolmentError(MSG_NOT_ALLOWED, code="forbidden")
    with locked_transaction():
        enrolment, workshop = _lock(enrolment)
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
        _fill_free_seats(workshop, now=now, actor=actor)
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
    _fill_free_seats(workshop, now=now)


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
            _fill_free_seats(workshop, now=now)
            expired += len(stale)
    return expired


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
        enrolment, workshop = _lock(enrolment)
        if enrolment.state != EnrolmentState.PENDING_APPROVAL:
            raise EnrolmentError(MSG_NOT_PENDING, code="not_pending")
        transition(enrolment, EnrolmentState.CONFIRMED, action="approve", actor=actor, now=now)
        queue_email(enrolment.pk, EnrolmentState.CONFIRMED)
    return enrolment


def enrolment_reject(*, enrolment: Enrolment, actor, reason: str = "", now=None) -> Enrolment:
    now = now or timezone.now()
    _approver_check(enrolment, actor)
    with locked_transaction():
        enrolment, workshop = _lock(enrolment)
        if enrolment.state != EnrolmentState.PENDING_APPROVAL:
            raise EnrolmentError(MSG_NOT_PENDING, code="not_pending")
        transition(
            enrolment, EnrolmentState.REJECTED, action="reject", actor=actor, reason=reason, now=now
        )
        queue_email(enrolment.pk, EnrolmentState.REJECTED)
        _fill_free_seats(workshop, now=now, actor=actor)
    return enrolment


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


def active_enrolments_q() -> Q:
    return Q(state__in=ACTIVE_STATES)
