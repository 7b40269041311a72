"""iCalendar (RFC 5545) files: one event per workshop day, stable UIDs so calendars update."""

import datetime
from collections.abc import Iterable

from django.utils import timezone

PRODID = "-//Akademia OSL//Szkolenia//PL"


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a character."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def workshop_events(workshop, *, status: str = "CONFIRMED", url: str = "") -> list[str]:
    lines = []
    venue = workshop.venue
    for day in (1, 2):
        start, end = workshop.day_bounds(day)
        description = f"{workshop.course.title} — dzień {day} z 2. Kod szkolenia: {workshop.code}."
        if url:
            description += f"\n{url}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{workshop.code}-dzien-{day}@akademia-osl",
            f"DTSTAMP:{_utc(timezone.now())}",
            f"DTSTART:{_utc(start)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{_escape(f'{workshop.course.title} (dzień {day}/2)')}",
            f"LOCATION:{_escape(f'{venue.name}, {venue.address}')}",
            f"DESCRIPTION:{_escape(description)}",
            f"STATUS:{'CANCELLED' if workshop.state == 'cancelled' else status}",
        ]
        if url:
            lines.append(f"URL:{url}")
        lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[str], *, name: str = "Akademia OSL") -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        *events,
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


def workshop_ics(workshop, *, url: str = "") -> str:
    return calendar(workshop_events(workshop, url=url), name=str(workshop.course.title))
