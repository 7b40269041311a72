"""Signing up for a workshop: who may sign whom up, the sign-up window, duplicates and
overlapping workshops, and the seat or waiting-list place a sign-up gets.

Every service that changes who holds a seat locks that workshop's row first (select_for_update)
and only then counts, inside one durable transaction: concurrent sign-ups queue on the lock, so
a workshop can never be overbooked."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from cms import roles
from cms.selectors import coordinated_centre
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

from .base import (
    MSG_NOT_YOUR_STAFF,
    EnrolmentError,
    locked_transaction,
    queue_email,
    transition,
)

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


def requires_approval(centre_id) -> bool:
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


def signup_facts(workshop: Workshop, participant_id, centre_id) -> dict:
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


def refuse_overlap(workshop_id) -> None:
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
        facts = signup_facts(workshop, participant.pk, centre_id)
        if facts["duplicate"]:
            raise EnrolmentError(MSG_DUPLICATE, code="duplicate")
        if facts["overlapping_workshop"]:
            refuse_overlap(facts["overlapping_workshop"])

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
