"""iCalendar (RFC 5545) files, written with the `icalendar` library (escaping, folding and line
ends are its job): one event per workshop day, with UIDs that never change, so a calendar that
imported a workshop once updates the same two events.

SEQUENCE is the revision of the event (RFC 5545 §3.8.7.4): the whole minutes from 2024-01-01
to the workshop's last change (`updated_at`), so it only grows, stays far below 2**31 and needs
no counter of its own; a moved or cancelled workshop always arrives with a higher SEQUENCE than
what the calendar holds."""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from icalendar import Calendar, Event

PRODID = "-//Akademia OSL//Szkolenia//PL"
SEQUENCE_EPOCH = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def event_uid(workshop, day: int) -> str:
    """The UID of day 1 or 2 of a workshop; the same as the files written before icalendar."""
    return f"{workshop.code}-dzien-{day}@akademia-osl"


def event_sequence(workshop) -> int:
    changed = workshop.updated_at or timezone.now()
    return max(0, int((changed - SEQUENCE_EPOCH).total_seconds() // 60))


def workshop_events(workshop, *, status: str = "CONFIRMED", url: str = "") -> list[Event]:
    """The two days of a workshop as VEVENTs; a cancelled workshop's are STATUS:CANCELLED."""
    events = []
    venue = workshop.venue
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    sequence = event_sequence(workshop)
    for day in (1, 2):
        start, end = workshop.day_bounds(day)
        description = f"{workshop.course.title} — dzień {day} z 2. Kod szkolenia: {workshop.code}."
        if url:
            description += f"\n{url}"
        event = Event()
        event.add("uid", event_uid(workshop, day))
        event.add("dtstamp", stamp)
        event.add("dtstart", start.astimezone(datetime.UTC))
        event.add("dtend", end.astimezone(datetime.UTC))
        event.add("sequence", sequence)
        if workshop.updated_at:
            event.add("last-modified", workshop.updated_at.astimezone(datetime.UTC))
        event.add("summary", f"{workshop.course.title} (dzień {day}/2)")
        event.add("location", f"{venue.name}, {venue.address}")
        event.add("description", description)
        event.add("status", "CANCELLED" if workshop.state == "cancelled" else status)
        if url:
            event.add("url", url)
        events.append(event)
    return events


def calendar(events: Iterable[Event], *, name: str = "Akademia OSL") -> str:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def workshop_ics(workshop, *, url: str = "") -> str:
    return calendar(workshop_events(workshop, url=url), name=str(workshop.course.title))
