"""The waiting list's evidence agrees with itself: the time recorded for a sign-up is taken under
the workshop's lock, where its position is decided, and the admin page and the export list the
waiting people in the same order with the same positions."""

import csv
import datetime
import io
from unittest import mock

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cms import roles
from enrolment.models import Enrolment, EnrolmentLog, EnrolmentState, Workshop
from enrolment.services import enrolment_create, waitlist_move
from tests.concurrency import run_together
from tests.factories import PASSWORD, UserFactory

from .factories import WorkshopFactory, participant

pytestmark = pytest.mark.django_db


def sign_up(person, workshop):
    return enrolment_create(participant=person, workshop=workshop, actor=person)


def test_the_sign_up_time_is_taken_once_the_workshop_row_is_locked():
    """A sign-up that waits five seconds for the workshop's lock is recorded at the moment it
    got the lock, not at the moment it asked for it: otherwise a sign-up that asked earlier but
    got the lock later would stand behind one with a later time."""
    workshop = WorkshopFactory(capacity=1)
    sign_up(participant(), workshop)
    person = participant()
    asked = timezone.now()
    clock = {"now": asked}
    waited = datetime.timedelta(seconds=5)
    table = Workshop._meta.db_table

    def lock_granted_five_seconds_later(execute, sql, params, many, context):
        # The first read of the workshop's row in the sign-up is the one that locks it.
        if clock["now"] == asked and sql.lstrip().startswith("SELECT") and f'"{table}"' in sql:
            result = execute(sql, params, many, context)
            clock["now"] = asked + waited
            return result
        return execute(sql, params, many, context)

    with (
        mock.patch("django.utils.timezone.now", lambda: clock["now"]),
        connection.execute_wrapper(lock_granted_five_seconds_later),
    ):
        enrolment = sign_up(person, workshop)

    assert clock["now"] == asked + waited  # the lock query was seen
    assert enrolment.state == EnrolmentState.WAITLISTED
    enrolment.refresh_from_db()
    assert enrolment.created_at == asked + waited
    log = EnrolmentLog.objects.get(enrolment=enrolment, action="create")
    assert log.at == asked + waited


def _waitlist_rows_of_export(client, workshop) -> list[tuple[str, str]]:
    response = client.get(reverse("enrolment:export", args=[workshop.code, "uczestnicy", "csv"]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    email, state, position = (
        header.index("E-mail"),
        header.index("Stan zapisu"),
        header.index("Miejsce na liście rezerwowej"),
    )
    waiting = str(EnrolmentState.WAITLISTED.label)
    return [(row[position], row[email]) for row in body if row[state] == waiting]


def test_the_export_lists_the_waiting_list_in_the_order_and_positions_of_the_admin_page(client):
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS, centre=None)
    workshop = WorkshopFactory(capacity=1, trainers=[coordinator])
    sign_up(participant(), workshop)
    # Names in reverse alphabetical order of sign-up, and one person moved to the front: the
    # position order is neither the name order nor the time order.
    people = [participant(last_name=name) for name in ("Zięba", "Wrona", "Sowa", "Kruk")]
    for person in people:
        sign_up(person, workshop)
    kruk = Enrolment.objects.get(participant=people[3], workshop=workshop)
    waitlist_move(enrolment=kruk, position=1, actor=coordinator, reason="decyzja komisji")
    expected = [people[i].email for i in (3, 0, 1, 2)]

    assert client.login(email=coordinator.email, password=PASSWORD)
    page = client.get(reverse("enrolment_admin:waitlist", args=[workshop.pk])).content.decode()
    assert [page.index(email) for email in expected] == sorted(
        page.index(email) for email in expected
    )
    assert _waitlist_rows_of_export(client, workshop) == [
        (str(n), email) for n, email in enumerate(expected, start=1)
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_to_a_full_workshop_record_times_in_waiting_list_order():
    roles.ensure_roles()
    workshop = WorkshopFactory(capacity=1)
    sign_up(participant(), workshop)
    people = [participant() for _ in range(30)]
    results, errors = run_together(sign_up, [(person, workshop) for person in people])
    assert errors == []
    assert {e.state for e in results} == {EnrolmentState.WAITLISTED}
    waiting = list(
        Enrolment.objects.filter(workshop=workshop, state=EnrolmentState.WAITLISTED)
        .order_by("waitlist_rank")
        .values_list("waitlist_rank", "created_at")
    )
    assert [rank for rank, _ in waiting] == list(range(1, 31))
    times = [at for _, at in waiting]
    assert times == sorted(times), "a later position carries an earlier sign-up time"
