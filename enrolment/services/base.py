"""What every enrolment service shares: the domain error, the locked transaction (the pretix
pattern), the state transition that logs who changed what, who may act on an enrolment, and
the lock order for it."""

import contextvars
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import OperationalError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import roles
from cms.audit import audit
from cms.selectors import coordinated_centre
from enrolment import conf, page_cache
from enrolment.models import SEAT_HOLDING_STATES, Enrolment, EnrolmentLog, Workshop

User = get_user_model()

MSG_BUSY = _(
    "W tej chwili zapisuje się bardzo wiele osób i nie udało się obsłużyć Twojej prośby. "
    "Nic nie zostało zmienione — spróbuj ponownie za chwilę."
)

MSG_CAPACITY_BELOW_TAKEN = _(
    "Nie można zmniejszyć liczby miejsc do %(capacity)s: zajętych jest już %(taken)s."
)


class EnrolmentError(Exception):
    """A rule refused the request. `message` is a Polish sentence safe to show the person."""

    def __init__(self, message, *, code: str, params: dict | None = None):
        self.code = code
        self.message = str(message) % params if params else str(message)
        super().__init__(self.message)


def capacity_check(workshop_id, capacity: int, *, taken: int | None = None) -> None:
    """The one rule for a workshop's number of seats, for the admin form, the capacity service
    and the schedule import alike: at least one, and never below the seats already held.
    A caller checking many workshops passes `taken` from one `seats_taken` query."""
    if taken is None:
        taken = seats_taken([workshop_id]).get(workshop_id, 0) if workshop_id else 0
    if capacity < max(taken, 1):
        raise EnrolmentError(
            MSG_CAPACITY_BELOW_TAKEN,
            code="capacity_below_taken",
            params={"capacity": capacity, "taken": taken},
        )


def seats_taken(workshop_ids) -> dict[int, int]:
    """Seats held on each of the workshops, in one query (workshops with none are left out)."""
    rows = (
        Enrolment.objects.filter(workshop_id__in=workshop_ids, state__in=SEAT_HOLDING_STATES)
        .order_by()
        .values_list("workshop_id")
        .annotate(n=Count("pk"))
    )
    return dict(rows)


@contextmanager
def locked_transaction():
    """One durable transaction in which rows may be locked with select_for_update().

    On PostgreSQL a lock that is not granted within ENROLMENT_LOCK_TIMEOUT_MS, a deadlock or a
    serialization failure rolls everything back and becomes a friendly "busy, try again"."""
    try:
        with transaction.atomic(durable=True):
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('lock_timeout', %s, true)",
                        [f"{conf.lock_timeout_ms()}ms"],
                    )
            yield
    except OperationalError as exc:
        raise EnrolmentError(MSG_BUSY, code="busy") from exc


def transition(
    enrolment: Enrolment,
    to_state: str,
    *,
    action: str,
    actor=None,
    reason: str = "",
    data: dict | None = None,
    now=None,
    fields: tuple[str, ...] = (),
) -> None:
    """Move an enrolment to another state, save it, and record the change twice: in the
    enrolment's own history (queryable per workshop) and in the site's audit log. The
    workshop's cached public pages are replaced once the change commits."""
    from_state = "" if enrolment._state.adding else enrolment.state
    enrolment.state = to_state
    if enrolment._state.adding:
        enrolment.save()
    else:
        enrolment.save(update_fields=["state", "updated_at", *fields])
    EnrolmentLog.objects.create(
        enrolment=enrolment,
        from_state=from_state,
        to_state=to_state,
        action=action,
        actor=actor if actor and actor.is_authenticated else None,
        at=now or timezone.now(),
        reason=reason,
        data=data or {},
    )
    audit(
        enrolment,
        f"osl.enrolment.{action}",
        user=actor if actor and actor.is_authenticated else None,
        data={"from": from_state, "to": to_state, "reason": reason, **(data or {})},
    )
    page_cache.workshop_changed(_workshop_code(enrolment))


def _workshop_code(enrolment: Enrolment) -> str:
    if Enrolment.workshop.is_cached(enrolment):
        return enrolment.workshop.code
    return Workshop.objects.values_list("code", flat=True).get(pk=enrolment.workshop_id)


_EMAILS_HELD = contextvars.ContextVar("enrolment_emails_held", default=False)


@contextmanager
def emails_held():
    """Changes made inside queue no e-mails: demo data signs made-up people up through the same
    services as the site, and nobody is to be written to."""
    token = _EMAILS_HELD.set(True)
    try:
        yield
    finally:
        _EMAILS_HELD.reset(token)


def queue_email(enrolment_id: int, kind: str, *, key: str | None = None) -> None:
    """Put the e-mail about a change in the outbox, inside the change's own transaction: it is
    sent by a background task after the commit (cms.services.outbox), and not at all if the
    change rolls back. `key` names a message that must never go out twice (a reminder);
    by default every call is a message of its own. Inside `emails_held()` nothing is queued."""
    from cms.services.outbox import email_queue, new_key

    if _EMAILS_HELD.get():
        return
    email_queue(
        key=key or new_key(f"enrolment:{enrolment_id}:{kind}"),
        kind=f"enrolment.{kind}",
        renderer="enrolment.tasks.render_enrolment_email",
        params={"enrolment_id": enrolment_id, "kind": kind},
        related=Enrolment(pk=enrolment_id),
    )


# --- Who may act on an enrolment, and locking it -------------------------------------------

MSG_NOT_YOUR_STAFF = _("Możesz zapisywać i wypisywać tylko pracowników swojego ośrodka.")


MSG_NOT_ALLOWED = _("Nie masz uprawnień do tej operacji.")


def may_act_for(enrolment: Enrolment, actor) -> bool:
    if actor.pk == enrolment.participant_id:
        return True
    if roles.is_programme_coordinator(actor):
        return True
    centre = coordinated_centre(actor)
    return centre is not None and centre.pk in (
        enrolment.centre_id,
        enrolment.participant.centre_id,
    )


def lock_enrolment(enrolment: Enrolment) -> tuple[Enrolment, Workshop]:
    """Lock the person, the workshop and the enrolment (in that order) and return fresh rows."""
    User.objects.select_for_update().only("pk").get(pk=enrolment.participant_id)
    workshop = Workshop.objects.select_for_update().get(pk=enrolment.workshop_id)
    fresh = Enrolment.objects.select_for_update().select_related("participant").get(pk=enrolment.pk)
    fresh.workshop = workshop
    return fresh, workshop
