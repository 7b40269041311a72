"""RODO: what the enrolment app holds about a person."""

from django.utils import timezone

from enrolment.models import AttendanceRecord, CalendarFeed, Enrolment


def collect(user) -> list:
    rows = []
    for e in Enrolment.objects.filter(participant=user).select_related(
        "workshop__course", "workshop__venue"
    ):
        rows.append(
            {
                "workshop": e.workshop.code,
                "course": e.workshop.course.title,
                "town": e.workshop.venue.town,
                "day_one": e.workshop.day_one_date.isoformat(),
                "state": e.state,
                "created_at": timezone.localtime(e.created_at).isoformat(),
                "completed_at": e.completed_at and timezone.localtime(e.completed_at).isoformat(),
                "attendance": [
                    {"day": r.day, "status": r.status, "hours": str(r.hours)}
                    for r in AttendanceRecord.objects.filter(
                        enrolment=e, superseded_at__isnull=True
                    )
                ],
            }
        )
    return rows


def anonymise(user) -> None:
    # Enrolments and attendance are evidence for an EU-funded project and stay (they point at
    # the anonymised account); the secret calendar address goes.
    CalendarFeed.objects.filter(user=user).delete()
