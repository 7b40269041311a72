"""RODO: what the enrolment app holds about a person."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import audit
from enrolment.models import (
    AttendanceRecord,
    AttendanceStatus,
    CalendarFeed,
    Enrolment,
    EnrolmentLog,
    EnrolmentState,
)

# The "my data" page's names for what `collect` returns.
LABELS = {
    "workshop": _("Szkolenie"),
    "course": _("Kurs"),
    "town": _("Miejscowość"),
    "day_one": _("Pierwszy dzień"),
    "state": _("Stan zapisu"),
    "created_at": _("Zapisano"),
    "completed_at": _("Ukończono"),
    "attendance": _("Obecność"),
    "day": _("Dzień"),
    "status": _("Obecność"),
    "hours": _("Godziny"),
}
CHOICES = {"state": dict(EnrolmentState.choices), "status": dict(AttendanceStatus.choices)}


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
    """Enrolments and attendance are evidence for an EU-funded project and stay (they point at
    the anonymised account); the secret calendar address goes; the audit entries about them and
    the reasons written in their history lose the person's name, e-mail and phone."""
    CalendarFeed.objects.filter(user=user).delete()
    enrolments = Enrolment.objects.filter(participant=user)
    audit.log_scrub(user, objects=enrolments)
    audit.log_scrub(user, objects=AttendanceRecord.objects.filter(enrolment__in=enrolments))
    pattern = audit.person_pattern(user)
    changed = []
    for entry in EnrolmentLog.objects.filter(enrolment__in=enrolments).exclude(reason=""):
        reason = audit.scrub_value(entry.reason, pattern)
        if reason != entry.reason:
            entry.reason = reason
            changed.append(entry)
    EnrolmentLog.objects.bulk_update(changed, ["reason"])
