"""Each alert fires at its boundary and not just before it."""

import datetime

import pytest
from django.utils import timezone

from enrolment.models import AttendanceRecord, Enrolment, EnrolmentState, WorkshopState
from programme import selectors
from tests.enrolment.factories import VenueFactory, WorkshopFactory, course_page
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _day(n):
    return TODAY + datetime.timedelta(days=n)


def _alert(key):
    return next(a for a in selectors.alerts(today=TODAY) if a.key == key)


def _codes(alert):
    return {item.code for item, _detail in alert.items}


def _fill(workshop, n, state=EnrolmentState.CONFIRMED, **kwargs):
    people = []
    for _ in range(n):
        person = UserFactory()
        people.append(
            Enrolment.objects.create(
                workshop=workshop,
                participant=person,
                state=state,
                waitlist_rank=1 if state == EnrolmentState.WAITLISTED else None,
                **kwargs,
            )
        )
    return people


def test_low_fill_within_three_weeks_below_sixty_percent():
    trainer = UserFactory()
    within = WorkshopFactory(day_one_date=_day(21), capacity=10, trainers=[trainer])
    _fill(within, 5)  # 50 %: fires
    at_sixty = WorkshopFactory(day_one_date=_day(3), capacity=10, trainers=[trainer])
    _fill(at_sixty, 6)  # 60 %: not below
    odd = WorkshopFactory(day_one_date=_day(0), capacity=7, trainers=[trainer])
    _fill(odd, 4)  # 57 %: fires (4.2 seats would be 60 %)
    later = WorkshopFactory(day_one_date=_day(22), capacity=10, trainers=[trainer])
    _fill(later, 1)  # more than 3 weeks away
    assert _codes(_alert("low_fill")) == {within.code, odd.code}


def test_waiting_list_while_the_same_course_nearby_has_seats():
    course = course_page()
    full = WorkshopFactory(course=course, capacity=2)
    _fill(full, 2)
    _fill(full, 1, state=EnrolmentState.WAITLISTED)
    same_region = WorkshopFactory(course=course, capacity=5, venue=VenueFactory())
    assert _codes(_alert("waitlist_free_elsewhere")) == {full.code}
    _fill(same_region, 5)  # now full too
    assert _alert("waitlist_free_elsewhere").count == 0
    WorkshopFactory(course=course, capacity=5, venue=VenueFactory(voivodeship="lubelskie"))
    assert _alert("waitlist_free_elsewhere").count == 0  # another voivodeship does not count


def test_approvals_pending_for_more_than_three_days():
    centre = CentreFactory(name="MOPS Radom")
    workshop = WorkshopFactory()
    now = timezone.now()
    _fill(
        workshop,
        2,
        EnrolmentState.PENDING_APPROVAL,
        centre=centre,
        created_at=now - datetime.timedelta(days=3, minutes=1),
    )
    _fill(
        workshop,
        1,
        EnrolmentState.PENDING_APPROVAL,
        centre=centre,
        created_at=now - datetime.timedelta(days=3) + datetime.timedelta(minutes=1),
    )
    alert = next(a for a in selectors.alerts(today=TODAY, now=now) if a.key == "pending_approvals")
    assert alert.count == 2
    assert alert.items[0][0].startswith("MOPS Radom")


def test_attendance_not_marked_two_days_after_day_two():
    due = WorkshopFactory(day_one_date=_day(-3))  # day two was 2 days ago
    not_yet = WorkshopFactory(day_one_date=_day(-2))  # day two was yesterday
    done = WorkshopFactory(day_one_date=_day(-10))
    for w in (due, not_yet):
        _fill(w, 1)
    (marked,) = _fill(done, 1)
    for day in (1, 2):
        AttendanceRecord.objects.create(enrolment=marked, day=day, status="present", hours=7)
    assert _codes(_alert("attendance_unmarked")) == {due.code}


def test_upcoming_workshop_without_a_trainer():
    bare = WorkshopFactory(day_one_date=_day(10))
    draft = WorkshopFactory(day_one_date=_day(10), state=WorkshopState.DRAFT)
    WorkshopFactory(day_one_date=_day(10), trainers=[UserFactory()])
    WorkshopFactory(day_one_date=_day(-5))  # already past
    WorkshopFactory(day_one_date=_day(10), state=WorkshopState.CANCELLED)
    assert _codes(_alert("no_trainer")) == {bare.code, draft.code}


def test_alerts_on_the_dashboard(client, programme_coordinator):
    bare = WorkshopFactory(day_one_date=_day(10))
    client.force_login(programme_coordinator)
    html = client.get("/admin/program/").text
    assert "Szkolenia bez trenera" in html and bare.code in html
