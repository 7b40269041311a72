from collections import Counter

import pytest
from wagtail.models import ModelLogEntry

from cms import demo as cms_demo
from enrolment import demo
from enrolment.models import (
    SEAT_HOLDING_STATES,
    AttendanceRecord,
    Enrolment,
    EnrolmentLog,
    Workshop,
    WorkshopState,
)
from enrolment.services import enrolment_create
from enrolment.services.base import emails_held

from .factories import WorkshopFactory, participant


@pytest.mark.django_db
def test_demo_seed_makes_120_workshops_in_16_voivodeships_and_is_idempotent():
    cms_demo.seed()
    demo.seed()
    counts = (Workshop.objects.count(), Enrolment.objects.count(), AttendanceRecord.objects.count())
    assert counts[0] == 120
    assert Workshop.objects.values("venue__voivodeship").distinct().count() == 16
    seats = Workshop.objects.with_seats()
    assert any(w.confirmed_count == w.capacity and w.waitlist_count for w in seats)
    assert Workshop.objects.filter(state=WorkshopState.FINISHED).exists()
    assert Enrolment.objects.filter(completed_at__isnull=False).exists()
    assert all(w.confirmed_count <= w.capacity for w in seats)
    _assert_made_through_the_services()
    demo.seed()
    assert counts == (
        Workshop.objects.count(),
        Enrolment.objects.count(),
        AttendanceRecord.objects.count(),
    )


def _assert_made_through_the_services():
    """What the services write and the site's rules, checked on the seeded data (one seed for
    both tests: seeding takes seconds)."""
    enrolments = {str(pk) for pk in Enrolment.objects.values_list("pk", flat=True)}
    completed = {
        str(pk)
        for pk in Enrolment.objects.filter(completed_at__isnull=False).values_list("pk", flat=True)
    }

    def history(action):
        rows = EnrolmentLog.objects.filter(action=action).values_list("enrolment_id", flat=True)
        return {str(pk) for pk in rows}

    def audited(action):
        rows = ModelLogEntry.objects.filter(action=action).values_list("object_id", flat=True)
        return set(rows)

    # Every sign-up and every completion is in the enrolment history and in the audit log.
    assert history("create") == audited("osl.enrolment.create") == enrolments
    assert history("complete") == audited("osl.enrolment.complete") == completed
    # Per-centre caps hold, and attendance is marked by a trainer of the workshop.
    for workshop in Workshop.objects.exclude(centre_cap=None):
        held = Counter(
            workshop.enrolments.filter(state__in=SEAT_HOLDING_STATES).values_list(
                "centre_id", flat=True
            )
        )
        assert max(held.values(), default=0) <= workshop.centre_cap, workshop.code
    for record in AttendanceRecord.objects.select_related("enrolment__workshop"):
        assert record.enrolment.workshop.trainers.filter(pk=record.marked_by_id).exists()


@pytest.mark.django_db
def test_sign_ups_made_while_emails_are_held_queue_no_email(
    django_capture_on_commit_callbacks, mailoutbox
):
    workshop = WorkshopFactory()
    quiet, told = participant(), participant()
    with django_capture_on_commit_callbacks(execute=True), emails_held():
        enrolment_create(participant=quiet, workshop=workshop, actor=quiet)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(participant=told, workshop=workshop, actor=told)
    assert [m.to for m in mailoutbox] == [[told.email]]
