"""Reads of the enrolment app. Each returns a bounded number of queries, whatever the data size."""

import datetime

from django.db.models import F, Prefetch, Q
from django.utils import timezone

from cms import roles
from cms.search import town_matches
from enrolment.models import (
    ACTIVE_STATES,
    AttendanceRecord,
    Enrolment,
    EnrolmentState,
    ScheduleImport,
    Venue,
    Workshop,
    WorkshopState,
)

# The one order of a waiting list, for the services, the pages and the exports alike: the
# position (a sign-up's rank, decided under the workshop's lock; a programme coordinator may
# renumber it), the primary key only as a tie-breaker. The sign-up time is taken under the same
# lock, so it runs in the same order unless a coordinator moved someone.
WAITLIST_ORDER = ("waitlist_rank", "pk")


def catalogue_workshops(
    *,
    town: str | None = None,
    voivodeship: str | None = None,
    month: datetime.date | None = None,
    course_id: int | None = None,
    available_only: bool = False,
    today: datetime.date | None = None,
):
    """Upcoming published workshops with `confirmed_count` and `waitlist_count`: one query."""
    today = today or timezone.localdate()
    qs = (
        Workshop.objects.published()
        .filter(day_one_date__gte=today)
        .select_related("course", "venue")
        .with_seats()
        .order_by("day_one_date", "day_one_start", "code")
    )
    if town:
        qs = qs.filter(venue_id__in=venues_in_town(town))
    if voivodeship:
        qs = qs.filter(venue__voivodeship=voivodeship)
    if month:
        qs = qs.filter(day_one_date__year=month.year, day_one_date__month=month.month)
    if course_id:
        qs = qs.filter(course_id=course_id)
    if available_only:
        qs = qs.filter(confirmed_count__lt=F("capacity"))
    return qs


def venues_in_town(town: str) -> list[int]:
    """The venues in the town named, with or without Polish letters and in an inflected form
    ("lodz", "Łodzi" -> Łódź): compared in Python (cms.search.town_matches), the same on SQLite
    and PostgreSQL, in one query over the venues (a few hundred at most)."""
    venues = Venue.objects.values_list("pk", "town")
    return [pk for pk, name in venues if town_matches(town, name)]


def catalogue_months(today: datetime.date | None = None) -> list[datetime.date]:
    today = today or timezone.localdate()
    return [
        d.replace(day=1)
        for d in Workshop.objects.published()
        .filter(day_one_date__gte=today)
        .dates("day_one_date", "month")
    ]


def catalogue_courses():
    from courses.models import CoursePage

    return (
        CoursePage.objects.filter(workshops__state=WorkshopState.PUBLISHED)
        .distinct()
        .only("pk", "title")
        .order_by("title")
    )


def workshop_page(code: str) -> Workshop | None:
    """A workshop in any state with its seat counts, course, venue and trainers: two queries."""
    return (
        Workshop.objects.select_related("course", "venue")
        .with_seats()
        .prefetch_related("trainers")
        .filter(code=code)
        .first()
    )


def workshop_detail(code: str, *, user=None) -> Workshop | None:
    """A workshop the public may see (anything but a draft), or a draft for its trainers and
    programme coordinators."""
    return visible_to(workshop_page(code), user)


def visible_to(workshop: Workshop | None, user) -> Workshop | None:
    if workshop is None:
        return None
    if workshop.state == WorkshopState.DRAFT and not is_staff_for(user, workshop):
        return None
    return workshop


def is_staff_for(user, workshop: Workshop) -> bool:
    """Trainers of this workshop and programme coordinators."""
    if roles.is_programme_coordinator(user):
        return True
    if not (user and user.is_authenticated):
        return False
    # all(): the trainers a workshop page prefetched (or cached) are used, not queried again.
    return any(trainer.pk == user.pk for trainer in workshop.trainers.all())


def active_enrolment(user, workshop: Workshop) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(
        participant=user, workshop=workshop, state__in=ACTIVE_STATES
    ).first()


def waitlist_position(enrolment: Enrolment) -> int | None:
    if enrolment.state != EnrolmentState.WAITLISTED:
        return None
    # Those ahead in WAITLIST_ORDER: a lower rank, or the same rank and a lower primary key.
    ahead = Enrolment.objects.filter(
        workshop_id=enrolment.workshop_id, state=EnrolmentState.WAITLISTED
    ).filter(
        Q(waitlist_rank__lt=enrolment.waitlist_rank)
        | Q(waitlist_rank=enrolment.waitlist_rank, pk__lt=enrolment.pk)
    )
    return ahead.count() + 1


def waitlist(workshop: Workshop):
    return (
        Enrolment.objects.filter(workshop=workshop, state=EnrolmentState.WAITLISTED)
        .select_related("participant", "centre")
        .order_by(*WAITLIST_ORDER)
    )


def person_enrolments(user):
    """A person's enrolments, newest workshop first."""
    return (
        Enrolment.objects.filter(participant=user)
        .select_related("workshop__course", "workshop__venue")
        .order_by("-workshop__day_one_date", "-created_at")
    )


def person_calendar_enrolments(user):
    return person_enrolments(user).filter(
        state__in=(EnrolmentState.CONFIRMED, EnrolmentState.PENDING_APPROVAL)
    )


def centre_enrolments(centre):
    """Enrolments of a centre's staff (as they are now, or as they were at sign-up)."""
    return (
        Enrolment.objects.filter(Q(participant__centre=centre) | Q(centre=centre))
        .select_related("participant", "workshop__course", "workshop__venue")
        .order_by("participant__last_name", "participant__first_name", "-workshop__day_one_date")
        .distinct()
    )


def workshop_roster(workshop: Workshop):
    """Confirmed participants with their current attendance records prefetched."""
    return (
        Enrolment.objects.filter(workshop=workshop, state=EnrolmentState.CONFIRMED)
        .select_related("participant", "centre")
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=AttendanceRecord.objects.filter(superseded_at__isnull=True).select_related(
                    "marked_by"
                ),
                to_attr="current_attendance",
            )
        )
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def workshop_all_enrolments(workshop: Workshop):
    """Every enrolment of a workshop, by state; the waiting list in its own order (only
    waiting enrolments have a rank), the others by name."""
    return (
        Enrolment.objects.filter(workshop=workshop)
        .select_related("participant", "centre")
        .order_by("state", "waitlist_rank", "participant__last_name", "pk")
    )


def trainer_workshops(user):
    return (
        Workshop.objects.filter(trainers=user)
        .exclude(state=WorkshopState.DRAFT)
        .select_related("course", "venue")
        .order_by("day_one_date")
    )


def admin_workshops(user):
    """The workshops the admin list shows a person: all of them to programme coordinators, to
    anyone else (trainers) only those they run, drafts included."""
    workshops = Workshop.objects.select_related("course", "venue").with_seats()
    if roles.is_programme_coordinator(user):
        return workshops
    return workshops.filter(trainers=user)


def completed_enrolment_ids(*, participant_id: int, course_id: int) -> list[int]:
    """The enrolments by which a person completed (by attendance) a workshop of a course.

    Stable for the certificates app, which issues a certificate waiting for the e-learning."""
    return list(
        Enrolment.objects.filter(
            participant_id=participant_id,
            workshop__course_id=course_id,
            completed_at__isnull=False,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def completion_summary(enrolment_id: int) -> dict | None:
    """What a participant's certificate needs about a completed workshop, in one place.

    Stable for the certificates app: None unless the enrolment exists and is completed."""
    enrolment = (
        Enrolment.objects.select_related(
            "participant", "centre", "workshop__course", "workshop__venue"
        )
        .prefetch_related("workshop__trainers")
        .filter(pk=enrolment_id, completed_at__isnull=False)
        .first()
    )
    if enrolment is None:
        return None
    workshop = enrolment.workshop
    attended = sum(
        AttendanceRecord.objects.filter(
            enrolment=enrolment, superseded_at__isnull=True
        ).values_list("hours", flat=True)
    )
    return {
        "enrolment_id": enrolment.pk,
        "participant": enrolment.participant,
        "centre": enrolment.centre,
        "workshop_id": workshop.pk,
        "workshop_code": workshop.code,
        "course": workshop.course,
        "course_title": workshop.course.title,
        "day_one": workshop.day_one_date,
        "day_two": workshop.day_two_date,
        "town": workshop.venue.town,
        "voivodeship": workshop.venue.voivodeship,
        "venue": workshop.venue,
        "total_hours": workshop.total_hours,
        "attended_hours": attended,
        "trainers": [t.get_full_name() for t in workshop.trainers.all()],
        "completed_at": enrolment.completed_at,
    }


def schedule_imports_recent(limit: int = 10):
    """The latest background schedule imports, for the import page (without their files)."""
    return ScheduleImport.objects.select_related("uploaded_by").defer("content", "report")[:limit]


def schedule_import_job(pk: int):
    """One background schedule import, without its file; None if there is none."""
    return (
        ScheduleImport.objects.select_related("uploaded_by").defer("content").filter(pk=pk).first()
    )
