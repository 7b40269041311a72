"""The .ics files, read back with the icalendar parser: UIDs that never change, a SEQUENCE that
grows with every change of the workshop, Polish text and long lines intact."""

import datetime

from django.urls import reverse
from icalendar import Calendar

from enrolment.calendar import event_uid, workshop_ics
from enrolment.models import CalendarFeed, Workshop
from enrolment.services import enrolment_create, workshop_cancel

from .factories import WorkshopFactory


def _events(body: bytes):
    calendar = Calendar.from_ical(body)
    return calendar, list(calendar.walk("VEVENT"))


def test_the_workshop_ics_parses_with_both_days_and_the_uids_of_before(client, db):
    workshop = WorkshopFactory(
        course__title="Organizowanie społeczności; praca z grupą, część " + "ąćęłńóśźż" * 8
    )
    response = client.get(reverse("enrolment:workshop_calendar", args=[workshop.code]))
    calendar, events = _events(response.content)
    assert calendar["PRODID"] == "-//Akademia OSL//Szkolenia//PL"
    assert calendar["METHOD"] == "PUBLISH"
    # The UIDs the hand-written files had: calendars that imported them keep the same events.
    assert [str(e["UID"]) for e in events] == [
        f"{workshop.code}-dzien-1@akademia-osl",
        f"{workshop.code}-dzien-2@akademia-osl",
    ]
    assert event_uid(workshop, 1) == f"{workshop.code}-dzien-1@akademia-osl"
    first = events[0]
    assert str(first["SUMMARY"]) == f"{workshop.course.title} (dzień 1/2)"
    start, end = workshop.day_bounds(1)
    assert first.decoded("DTSTART") == start
    assert first.decoded("DTEND") == end
    assert str(first["STATUS"]) == "CONFIRMED"
    assert str(first["URL"]).endswith(f"/{workshop.code}/")
    assert isinstance(first.decoded("SEQUENCE"), int)
    # Lines are folded at 75 octets and end in CRLF, as RFC 5545 asks.
    lines = response.content.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert b"\n" not in response.content.replace(b"\r\n", b"")


def test_a_cancelled_workshop_comes_with_a_higher_sequence_and_cancelled_status(
    db, programme_coordinator
):
    workshop = WorkshopFactory()
    # The workshop as it was an hour ago: its last change then.
    Workshop.objects.filter(pk=workshop.pk).update(
        updated_at=workshop.updated_at - datetime.timedelta(hours=1)
    )
    workshop.refresh_from_db()
    _, before = _events(workshop_ics(workshop).encode())
    workshop_cancel(workshop=workshop, actor=programme_coordinator, reason="Choroba trenera")
    workshop.refresh_from_db()
    _, after = _events(workshop_ics(workshop).encode())
    assert [str(e["UID"]) for e in after] == [str(e["UID"]) for e in before]
    assert before[0].decoded("SEQUENCE") + 60 <= after[0].decoded("SEQUENCE")
    assert {str(e["STATUS"]) for e in before} == {"CONFIRMED"}
    assert {str(e["STATUS"]) for e in after} == {"CANCELLED"}


def test_the_personal_feed_parses_and_marks_tentative_and_confirmed(client, person):
    workshop = WorkshopFactory()
    enrolment_create(participant=person, workshop=workshop, actor=person)
    feed = CalendarFeed.objects.create(user=person)
    response = client.get(reverse("enrolment:calendar_feed", args=[feed.token]))
    calendar, events = _events(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Moje szkolenia — Akademia OSL"
    assert len(events) == 2
    assert {str(e["STATUS"]) for e in events} == {"CONFIRMED"}
