"""Alerts: what needs a programme coordinator's action, each found by one query."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
)
from django.utils import timezone

from enrolment.models import (
    SEAT_HOLDING_STATES,
    Enrolment,
    EnrolmentState,
    Workshop,
    WorkshopState,
)

from .figures import RUNNING_STATES

ALERT_LIMIT = 20  # items listed per alert; the count is always the full number


LOW_FILL_DAYS = 21


LOW_FILL_SHARE = (3, 5)  # 60 %, as a fraction: below it when 5 × taken < 3 × capacity


PENDING_DAYS = 3


ATTENDANCE_GRACE_DAYS = 2


@dataclass
class Alert:
    key: str
    title: str
    count: int
    items: list  # (Workshop or str, detail text)


def _taken():
    return Count("enrolments", filter=Q(enrolments__state__in=SEAT_HOLDING_STATES), distinct=True)


def alerts(*, today: datetime.date | None = None, now=None) -> list[Alert]:
    """Five checks, one query each:

    - a published workshop whose first day is within 21 days (today included) with less than
      60 % of its seats taken;
    - a waiting list on an upcoming workshop while another published upcoming workshop of the
      same course in the same voivodeship has a free seat;
    - enrolments waiting for their centre's approval for more than 3 days (grouped by centre);
    - a workshop whose second day was 2 or more days ago with a confirmed person not marked
      for both days;
    - an upcoming workshop (published or draft) with no trainer."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    found = []

    num, den = LOW_FILL_SHARE
    low = list(
        Workshop.objects.published()
        .filter(
            day_one_date__gte=today,
            day_one_date__lte=today + datetime.timedelta(days=LOW_FILL_DAYS),
        )
        .annotate(taken=_taken())
        .annotate(short=ExpressionWrapper(F("capacity") * num - F("taken") * den, IntegerField()))
        .filter(short__gt=0)
        .select_related("course", "venue")
        .order_by("day_one_date", "code")
    )
    found.append(
        Alert(
            "low_fill",
            "Szkolenia w ciągu 3 tygodni zapełnione poniżej 60%",
            len(low),
            [(w, f"{w.taken} z {w.capacity} miejsc") for w in low[:ALERT_LIMIT]],
        )
    )

    upcoming = list(
        Workshop.objects.published()
        .filter(day_one_date__gte=today)
        .with_seats()
        .select_related("course", "venue")
        .order_by("day_one_date", "code")
    )
    free = {}
    for w in upcoming:
        if w.confirmed_count < w.capacity:
            free.setdefault((w.course_id, w.venue.voivodeship), []).append(w)
    waiting = []
    for w in upcoming:
        if w.waitlist_count:
            others = [o for o in free.get((w.course_id, w.venue.voivodeship), []) if o.pk != w.pk]
            if others:
                codes = ", ".join(o.code for o in others[:3])
                waiting.append((w, f"{w.waitlist_count} na liście; wolne miejsca: {codes}"))
    found.append(
        Alert(
            "waitlist_free_elsewhere",
            "Listy rezerwowe, choć to samo szkolenie w województwie ma wolne miejsca",
            len(waiting),
            waiting[:ALERT_LIMIT],
        )
    )

    pending = list(
        Enrolment.objects.filter(
            state=EnrolmentState.PENDING_APPROVAL,
            created_at__lt=now - datetime.timedelta(days=PENDING_DAYS),
        )
        .order_by()
        .values("centre__name", "centre__town")
        .annotate(n=Count("pk"))
        .order_by("-n", "centre__name")
    )
    found.append(
        Alert(
            "pending_approvals",
            "Zgody ośrodków czekające dłużej niż 3 dni",
            sum(p["n"] for p in pending),
            [
                (f"{p['centre__name'] or 'bez ośrodka'} ({p['centre__town'] or '—'})", f"{p['n']}")
                for p in pending[:ALERT_LIMIT]
            ],
        )
    )

    unmarked_people = (
        Enrolment.objects.filter(workshop=OuterRef("pk"), state=EnrolmentState.CONFIRMED)
        .annotate(marked=Count("attendance", filter=Q(attendance__superseded_at__isnull=True)))
        .filter(marked__lt=2)
    )
    unmarked = list(
        Workshop.objects.filter(
            state__in=RUNNING_STATES,
            day_two_date__lte=today - datetime.timedelta(days=ATTENDANCE_GRACE_DAYS),
        )
        .filter(Exists(unmarked_people))
        .select_related("course", "venue")
        .order_by("-day_two_date", "code")
    )
    found.append(
        Alert(
            "attendance_unmarked",
            "Obecność niezaznaczona 2 dni po szkoleniu",
            len(unmarked),
            [(w, f"dzień 2: {w.day_two_date:%d.%m.%Y}") for w in unmarked[:ALERT_LIMIT]],
        )
    )

    no_trainer = list(
        Workshop.objects.filter(
            state__in=(WorkshopState.PUBLISHED, WorkshopState.DRAFT),
            day_one_date__gte=today,
            trainers__isnull=True,
        )
        .select_related("course", "venue")
        .order_by("day_one_date", "code")
    )
    found.append(
        Alert(
            "no_trainer",
            "Szkolenia bez trenera",
            len(no_trainer),
            [(w, w.get_state_display()) for w in no_trainer[:ALERT_LIMIT]],
        )
    )
    return found
