"""The programme by centre type and month by month."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
)
from django.utils import timezone

from enrolment.models import (
    Enrolment,
    Workshop,
)

from .figures import RUNNING_STATES, Figures, enrolment_counts, fill_figures, held_q


def by_centre_type(*, today: datetime.date | None = None) -> list[Figures]:
    """The enrolment figures by the kind of centre (OPS, MOPS, GOPS, PCPR, other) the person
    worked at when signing up; one row more for people signed up without a centre. The
    workshop figures (held, seats) have no centre type and stay 0 here."""
    from cms.models.centres import CentreKind

    today = today or timezone.localdate()
    counts = enrolment_counts("centre__kind", today)
    rows = [
        fill_figures(Figures(key=code, label=str(label), order=i), counts.get(code))
        for i, (code, label) in enumerate(CentreKind.choices)
    ]
    if counts.get(None):
        rows.append(
            fill_figures(Figures(key="", label="bez ośrodka", order=len(rows)), counts[None])
        )
    return rows


@dataclass
class Month:
    month: datetime.date  # the first day of the month
    held: int = 0
    completions: int = 0


def trend(*, today: datetime.date | None = None) -> list[Month]:
    """Month by month: workshops held (by the month of their first day) and completions (by
    the month, in Europe/Warsaw, when the person completed). Months with neither are left out."""
    from django.db.models.functions import TruncMonth

    today = today or timezone.localdate()
    months: dict[datetime.date, Month] = {}
    held = (
        Workshop.objects.filter(held_q("", today))
        .order_by()
        .annotate(month=TruncMonth("day_one_date"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    for row in held:
        months.setdefault(row["month"], Month(row["month"])).held = row["n"]
    completions = (
        Enrolment.objects.filter(workshop__state__in=RUNNING_STATES, completed_at__isnull=False)
        .order_by()
        .annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    for row in completions:
        month = row["month"]
        month = month.date() if isinstance(month, datetime.datetime) else month
        months.setdefault(month, Month(month)).completions = row["n"]
    return [months[m] for m in sorted(months)]
