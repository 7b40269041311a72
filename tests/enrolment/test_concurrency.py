"""The sign-up rush: many people at once, each request on its own database connection."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from cms import roles
from enrolment.models import Enrolment, EnrolmentState
from enrolment.services import enrolment_create
from tests.factories import CentreFactory, UserFactory

from .factories import WorkshopFactory

SIGNUPS = 200
# PostgreSQL here allows 100 connections shared by several people: 40 at a time still makes
# every sign-up queue on the workshop's row lock.
WORKERS = 40


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_200_concurrent_signups_never_overbook_and_keep_the_waiting_list_in_order():
    roles.ensure_roles()
    workshop = WorkshopFactory(capacity=25, centre_cap=3)
    centres = [CentreFactory() for _ in range(10)]
    people = [
        UserFactory(role=roles.PARTICIPANTS, centre=centres[i % len(centres)])
        for i in range(SIGNUPS)
    ]
    start = threading.Barrier(WORKERS)
    errors = []
    local = threading.local()

    def sign_up(person):
        if not getattr(local, "started", False):
            local.started = True
            start.wait()  # the first sign-up of every worker starts at the same moment
        try:
            return enrolment_create(participant=person, workshop=workshop, actor=person).state
        except Exception as exc:  # noqa: BLE001 — every error is a failure of this test
            errors.append(repr(exc))
            return None

    def run(batch):
        try:
            return [sign_up(person) for person in batch]
        finally:
            connection.close()

    batches = [people[i::WORKERS] for i in range(WORKERS)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        results = [s for batch in pool.map(run, batches) for s in batch]

    assert errors == []
    counts = Counter(results)
    assert counts == {EnrolmentState.CONFIRMED: 25, EnrolmentState.WAITLISTED: 175}
    in_db = Counter(Enrolment.objects.filter(workshop=workshop).values_list("state", flat=True))
    assert in_db == {EnrolmentState.CONFIRMED: 25, EnrolmentState.WAITLISTED: 175}
    per_centre = Counter(
        Enrolment.objects.filter(workshop=workshop, state=EnrolmentState.CONFIRMED).values_list(
            "centre_id", flat=True
        )
    )
    assert max(per_centre.values()) <= 3
    # The waiting list is 1..175 with no gaps or ties, in the order the sign-ups took the lock
    # (rows are inserted under the lock, so primary keys record that order).
    waiting = list(
        Enrolment.objects.filter(workshop=workshop, state=EnrolmentState.WAITLISTED)
        .order_by("waitlist_rank")
        .values_list("waitlist_rank", "pk")
    )
    assert [rank for rank, _ in waiting] == list(range(1, 176))
    assert [pk for _, pk in waiting] == sorted(pk for _, pk in waiting)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_lock_held_too_long_becomes_a_polite_busy_message(settings):
    from django.db import connections, transaction

    from enrolment.models import Workshop
    from enrolment.services import EnrolmentError

    roles.ensure_roles()
    settings.ENROLMENT_LOCK_TIMEOUT_MS = 200
    workshop = WorkshopFactory()
    person = UserFactory(role=roles.PARTICIPANTS)
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                Workshop.objects.select_for_update().get(pk=workshop.pk)
                locked.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert locked.wait(10)
        with pytest.raises(EnrolmentError) as err:
            enrolment_create(participant=person, workshop=workshop, actor=person)
    finally:
        release.set()
        holder.join()
    assert err.value.code == "busy"
    assert "spróbuj ponownie" in err.value.message
    assert not Enrolment.objects.exists()
