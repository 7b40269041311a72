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
  a completion later withdrawn does not count)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.utils import timezone
from wagtail.models import Site

from certificates.models import CertificateSource, CertificateStatus, ParticipantCertificate
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


def ratio(part, whole) -> float | None:
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
        return ratio(self.taken, self.seats)

    @property
    def completion_rate(self) -> float | None:
        return ratio(self.completed_of_confirmed_at_start, self.confirmed_at_start)

    @property
    def workshops_progress(self) -> float | None:
        """Held workshops ÷ the workshop target."""
        return ratio(self.held, self.workshops_target)

    @property
    def people_progress(self) -> float | None:
        """People who completed ÷ the people target."""
        return ratio(self.people_completed, self.people_target)


@dataclass
class Dashboard:
    total: Figures
    voivodeships: list[Figures]
    courses: list[Figures]
    targets: ProgrammeSettings
    today: datetime.date
    regional_people_targets_are_shares: bool = field(default=False)


def held_q(prefix: str, today: datetime.date) -> Q:
    return Q(**{f"{prefix}state": WorkshopState.FINISHED}) | Q(
        **{f"{prefix}state": WorkshopState.PUBLISHED, f"{prefix}day_two_date__lt": today}
    )


def _workshop_counts(group: str, today: datetime.date) -> dict:
    held = held_q("", today)
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


def enrolment_counts(group: str, today: datetime.date) -> dict:
    held = held_q("workshop__", today)
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


def fill_figures(figures: Figures, *parts: dict | None) -> Figures:
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
    enrolments = enrolment_counts("workshop__venue__voivodeship", today)
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
        figures = fill_figures(
            Figures(key=code, label=label, order=order), workshops.get(code), enrolments.get(code)
        )
        figures.certificates = certificates.get(code, 0)
        target = by_voivodeship.get(code)
        if target is not None:
            figures.workshops_target = target.workshops_target
            figures.people_target = target.people_target
        regions.append(figures)

    course_workshops = _workshop_counts("course_id", today)
    course_enrolments = enrolment_counts("workshop__course_id", today)
    course_certificates = _certificate_counts("course_id")
    courses = []
    course_ids = set(course_workshops) | set(by_course)
    for course in CoursePage.objects.filter(pk__in=course_ids).order_by("path").only("pk", "title"):
        figures = fill_figures(
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
