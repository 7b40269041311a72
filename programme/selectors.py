"""Reads for the programme dashboard and the funder's exports.

Every figure is computed by a few aggregate queries grouped by voivodeship (or course), never
one query per group: the number of queries does not grow with the data.

Definitions (the dashboard, the exports and the tests use these and only these):

- A workshop is **held** when it is finished, or published and its second day is before today;
  **planned** when it is published and its second day is today or later; **in preparation**
  when it is a draft; **cancelled** when called off. Held + planned count against the target.
- **Seats** are the places of the held and planned workshops. **Taken** seats are held by
  confirmed people, by people offered a freed seat and by people waiting for their centre's
  approval (enrolment.models.SEAT_HOLDING_STATES); **fill rate** = taken ÷ seats.
- **Confirmed**, **waiting** (on a waiting list), **pending** (centre approval) count the
  enrolments in that state now, on held and planned workshops.
- **People who completed** count each person once however many workshops they completed (in a
  voivodeship's row: once in that voivodeship; a person who completed in two voivodeships is in
  both rows and once in the total).
- **Certificates issued** count the live (not revoked, not superseded) participant certificates
  for workshops on the platform.
- **Completion rate** = completed ÷ confirmed at the start of day one, over held workshops only.
  "Confirmed at the start of day one" means: the last change of the enrolment recorded in its
  history (EnrolmentLog) dated before the workshop's first day (a calendar day in the project's
  time zone, Europe/Warsaw) left it confirmed. People who cancelled before then, who still
  waited, were only offered a seat or were pending approval are not in the denominator; a
  person confirmed then who cancelled or was absent later is, and did not complete. The
  numerator is the part of that denominator whose enrolment is completed now (completed_at set;
  a completion later withdrawn does not count).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.utils import timezone
from wagtail.models import Site

from certificates.models import CertificateSource, CertificateStatus, ParticipantCertificate
from cms import roles
from cms.models.address import Voivodeship
from courses.models import CoursePage
from enrolment.models import (
    SEAT_HOLDING_STATES,
    Enrolment,
    EnrolmentLog,
    EnrolmentState,
    Workshop,
    WorkshopState,
)
from programme.models import ProgrammeSettings

RUNNING_STATES = (WorkshopState.PUBLISHED, WorkshopState.FINISHED)


def _ratio(part, whole) -> float | None:
    return part / whole if whole else None


@dataclass
class Figures:
    """The dashboard's figures for the programme, one voivodeship or one course."""

    key: str = ""
    label: str = ""
    order: int = 0  # the voivodeships' alphabetical order in Polish (Voivodeship.choices)
    held: int = 0
    planned: int = 0
    draft: int = 0
    cancelled: int = 0
    seats: int = 0
    taken: int = 0
    confirmed: int = 0
    pending: int = 0
    offered: int = 0
    waiting: int = 0
    completions: int = 0
    people_completed: int = 0
    confirmed_at_start: int = 0
    completed_of_confirmed_at_start: int = 0
    certificates: int = 0
    workshops_target: int | None = None
    people_target: int | None = None

    @property
    def scheduled(self) -> int:
        """Held and planned: the workshops that count against the target."""
        return self.held + self.planned

    @property
    def fill_rate(self) -> float | None:
        return _ratio(self.taken, self.seats)

    @property
    def completion_rate(self) -> float | None:
        return _ratio(self.completed_of_confirmed_at_start, self.confirmed_at_start)

    @property
    def workshops_progress(self) -> float | None:
        """Held workshops ÷ the workshop target."""
        return _ratio(self.held, self.workshops_target)

    @property
    def people_progress(self) -> float | None:
        """People who completed ÷ the people target."""
        return _ratio(self.people_completed, self.people_target)


@dataclass
class Dashboard:
    total: Figures
    voivodeships: list[Figures]
    courses: list[Figures]
    targets: ProgrammeSettings
    today: datetime.date
    regional_people_targets_are_shares: bool = field(default=False)


def _held_q(prefix: str, today: datetime.date) -> Q:
    return Q(**{f"{prefix}state": WorkshopState.FINISHED}) | Q(
        **{f"{prefix}state": WorkshopState.PUBLISHED, f"{prefix}day_two_date__lt": today}
    )


def _workshop_counts(group: str, today: datetime.date) -> dict:
    held = _held_q("", today)
    planned = Q(state=WorkshopState.PUBLISHED, day_two_date__gte=today)
    rows = (
        Workshop.objects.order_by()
        .values(group)
        .annotate(
            held=Count("pk", filter=held),
            planned=Count("pk", filter=planned),
            draft=Count("pk", filter=Q(state=WorkshopState.DRAFT)),
            cancelled=Count("pk", filter=Q(state=WorkshopState.CANCELLED)),
            seats=Sum("capacity", filter=held | planned, default=0),
        )
    )
    return {row.pop(group): row for row in rows}


def _state_at_start():
    """The state an enrolment was left in by its last recorded change dated before day one."""
    return Subquery(
        EnrolmentLog.objects.filter(
            enrolment=OuterRef("pk"), at__date__lt=OuterRef("workshop__day_one_date")
        )
        .order_by("-at", "-pk")
        .values("to_state")[:1]
    )


def _enrolment_counts(group: str, today: datetime.date) -> dict:
    held = _held_q("workshop__", today)
    completed = Q(completed_at__isnull=False)
    at_start = held & Q(state_at_start=EnrolmentState.CONFIRMED)
    rows = (
        Enrolment.objects.filter(workshop__state__in=RUNNING_STATES)
        .order_by()
        .annotate(state_at_start=_state_at_start())
        .values(group)
        .annotate(
            taken=Count("pk", filter=Q(state__in=SEAT_HOLDING_STATES)),
            confirmed=Count("pk", filter=Q(state=EnrolmentState.CONFIRMED)),
            pending=Count("pk", filter=Q(state=EnrolmentState.PENDING_APPROVAL)),
            offered=Count("pk", filter=Q(state=EnrolmentState.OFFERED)),
            waiting=Count("pk", filter=Q(state=EnrolmentState.WAITLISTED)),
            completions=Count("pk", filter=completed),
            people_completed=Count("participant", filter=completed, distinct=True),
            confirmed_at_start=Count("pk", filter=at_start),
            completed_of_confirmed_at_start=Count("pk", filter=at_start & completed),
        )
    )
    return {row.pop(group): row for row in rows}


def _people_completed_total() -> int:
    return (
        Enrolment.objects.filter(workshop__state__in=RUNNING_STATES, completed_at__isnull=False)
        .order_by()
        .aggregate(n=Count("participant", distinct=True))["n"]
    )


def _certificate_counts(group: str) -> dict:
    rows = (
        ParticipantCertificate.objects.filter(
            status=CertificateStatus.ISSUED, source=CertificateSource.ENROLMENT
        )
        .order_by()
        .values(f"enrolment__workshop__{group}")
        .annotate(n=Count("pk"))
    )
    return {row[f"enrolment__workshop__{group}"]: row["n"] for row in rows}


def _fill(figures: Figures, *parts: dict | None) -> Figures:
    for part in parts:
        for name, value in (part or {}).items():
            setattr(figures, name, value or 0)
    return figures


def programme_targets(request_or_site) -> ProgrammeSettings:
    """The targets of the request's site (or of the site given)."""
    if isinstance(request_or_site, Site):
        return ProgrammeSettings.for_site(request_or_site)
    return ProgrammeSettings.for_request(request_or_site)


def dashboard(request_or_site, *, today: datetime.date | None = None) -> Dashboard:
    """All figures of the dashboard: the programme, its 16 voivodeships and its courses."""
    today = today or timezone.localdate()
    targets = programme_targets(request_or_site)
    by_voivodeship = {t.voivodeship: t for t in targets.voivodeship_targets.all()}
    by_course = {t.course_id: t for t in targets.course_targets.all()}

    workshops = _workshop_counts("venue__voivodeship", today)
    enrolments = _enrolment_counts("workshop__venue__voivodeship", today)
    certificates = _certificate_counts("venue__voivodeship")
    total = Figures(key="", label="Cały program")
    for part in (*workshops.values(), *enrolments.values()):
        for name, value in part.items():
            setattr(total, name, getattr(total, name) + (value or 0))
    total.people_completed = _people_completed_total()
    total.certificates = sum(certificates.values())
    total.workshops_target = targets.workshops_target
    total.people_target = targets.people_target

    shares = not by_voivodeship
    regions = []
    for order, (code, label) in enumerate(Voivodeship.choices):
        figures = _fill(
            Figures(key=code, label=label, order=order), workshops.get(code), enrolments.get(code)
        )
        figures.certificates = certificates.get(code, 0)
        target = by_voivodeship.get(code)
        if target is not None:
            figures.workshops_target = target.workshops_target
            figures.people_target = target.people_target
        regions.append(figures)

    course_workshops = _workshop_counts("course_id", today)
    course_enrolments = _enrolment_counts("workshop__course_id", today)
    course_certificates = _certificate_counts("course_id")
    courses = []
    course_ids = set(course_workshops) | set(by_course)
    for course in CoursePage.objects.filter(pk__in=course_ids).order_by("path").only("pk", "title"):
        figures = _fill(
            Figures(key=str(course.pk), label=course.title),
            course_workshops.get(course.pk),
            course_enrolments.get(course.pk),
        )
        figures.certificates = course_certificates.get(course.pk, 0)
        target = by_course.get(course.pk)
        if target is not None:
            figures.workshops_target = target.workshops_target
            figures.people_target = target.people_target
        courses.append(figures)
    return Dashboard(
        total=total,
        voivodeships=regions,
        courses=courses,
        targets=targets,
        today=today,
        regional_people_targets_are_shares=shares,
    )


# --- progress on the map ---------------------------------------------------------------------


def region_progress(region: Figures, total: Figures) -> float | None:
    """How far a voivodeship is toward its people target: its own target when one is set,
    otherwise an even share of the programme's (1/16). None when there is no target at all."""
    target = region.people_target
    if target is None and total.people_target:
        target = total.people_target / len(Voivodeship.choices)
    return _ratio(region.people_completed, target)


# (lower bound of the progress, label, fill colour, text colour): the text on each fill meets
# WCAG AA (4.5:1); the boundaries between regions are drawn in a dark stroke.
PROGRESS_BANDS = [
    (1.0, "100% i więcej", "#08306b", "#ffffff"),
    (0.75, "75–99%", "#2171b5", "#ffffff"),
    (0.5, "50–74%", "#6baed6", "#000000"),
    (0.25, "25–49%", "#c6dbef", "#000000"),
    (0.0, "0–24%", "#f7fbff", "#000000"),
]
NO_TARGET_BAND = (None, "brak celu", "#e0e0e0", "#000000")


def progress_band(progress: float | None) -> tuple:
    if progress is None:
        return NO_TARGET_BAND
    for band in PROGRESS_BANDS:
        if progress >= band[0]:
            return band
    return PROGRESS_BANDS[-1]


# --- sorting the voivodeship table -----------------------------------------------------------

SORT_KEYS = {
    "name": lambda f: f.order,
    "held": lambda f: f.held,
    "planned": lambda f: f.planned,
    "cancelled": lambda f: f.cancelled,
    "seats": lambda f: f.seats,
    "confirmed": lambda f: f.confirmed,
    "waiting": lambda f: f.waiting,
    "fill": lambda f: f.fill_rate if f.fill_rate is not None else -1,
    "people": lambda f: f.people_completed,
    "progress": lambda f: f.people_progress if f.people_progress is not None else -1,
    "certificates": lambda f: f.certificates,
    "completion": lambda f: f.completion_rate if f.completion_rate is not None else -1,
}
DEFAULT_SORT = "name"
_SORT_RE = re.compile(r"-?[a-z]{1,20}", re.ASCII)


def parse_sort(value: str | None) -> tuple[str, bool, bool]:
    """(key, descending, valid) from ?sort=; an unknown or non-ASCII value is not valid and
    gives the default order."""
    if not value:
        return DEFAULT_SORT, False, True
    if not _SORT_RE.fullmatch(value) or value.lstrip("-") not in SORT_KEYS:
        return DEFAULT_SORT, False, False
    return value.lstrip("-"), value.startswith("-"), True


def sort_regions(regions: list[Figures], key: str, descending: bool) -> list[Figures]:
    """Sorted by the key, ties by name (always ascending, so the order is stable)."""
    ordered = sorted(regions, key=lambda f: f.order)
    return sorted(ordered, key=SORT_KEYS[key], reverse=descending)


# --- ESF participant data ---------------------------------------------------------------------


def participant_record_reveal(record, *, actor) -> dict:
    """The sealed part of a record in clear (PESEL, special-situation answers), for a programme
    coordinator only; every read is written to the audit log."""
    from django.core.exceptions import PermissionDenied

    from cms.audit import audit
    from programme import sealing

    if not roles.is_programme_coordinator(actor):
        raise PermissionDenied
    audit(record, "osl.esf.read", user=actor, data={"fields": ["pesel", "special_situations"]})
    return sealing.unseal(record.sealed)


def participant_record_masked(record) -> dict:
    """What anyone else may see: that a PESEL is on file, never the number."""
    from programme import pesel

    return {"pesel": pesel.mask("x") if not record.no_pesel else "", "no_pesel": record.no_pesel}


# --- alerts: what needs action ------------------------------------------------------------------

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


# --- per centre type and month by month ---------------------------------------------------------


def by_centre_type(*, today: datetime.date | None = None) -> list[Figures]:
    """The enrolment figures by the kind of centre (OPS, MOPS, GOPS, PCPR, other) the person
    worked at when signing up; one row more for people signed up without a centre. The
    workshop figures (held, seats) have no centre type and stay 0 here."""
    from cms.models.centres import CentreKind

    today = today or timezone.localdate()
    counts = _enrolment_counts("centre__kind", today)
    rows = [
        _fill(Figures(key=code, label=str(label), order=i), counts.get(code))
        for i, (code, label) in enumerate(CentreKind.choices)
    ]
    if counts.get(None):
        rows.append(_fill(Figures(key="", label="bez ośrodka", order=len(rows)), counts[None]))
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
        Workshop.objects.filter(_held_q("", today))
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
