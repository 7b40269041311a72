"""Venues, workshops, enrolments and attendance.

Invariants that must hold whatever code writes the rows live here as database constraints;
the rules about *when* a row may change state live in enrolment.services."""

import datetime
import re
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cms.models.address import PostalAddress
from enrolment import conf


class Venue(PostalAddress):
    """Where a workshop happens: a training room in one town of one voivodeship."""

    street = models.CharField(_("ulica i numer"), max_length=255)  # required for a venue
    accessibility_notes = models.TextField(
        _("dostępność"),
        blank=True,
        help_text=_(
            "Np. wejście bez schodów, winda, pętla indukcyjna, toaleta dla osób z niepe"
            "łnosprawnościami."
        ),
    )

    class Meta(PostalAddress.Meta):
        verbose_name = _("miejsce szkolenia")
        verbose_name_plural = _("miejsca szkoleń")

    def __str__(self):
        return f"{self.name}, {self.town}"


class WorkshopState(models.TextChoices):
    DRAFT = "draft", _("szkic")
    PUBLISHED = "published", _("opublikowane")
    CANCELLED = "cancelled", _("odwołane")
    FINISHED = "finished", _("zakończone")


class WorkshopQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=WorkshopState.PUBLISHED)

    def with_seats(self):
        """Annotate `confirmed_count` (seats taken) and `waitlist_count` in the same query."""
        return self.annotate(
            confirmed_count=models.Count(
                "enrolments",
                filter=Q(enrolments__state__in=SEAT_HOLDING_STATES),
                distinct=True,
            ),
            waitlist_count=models.Count(
                "enrolments",
                filter=Q(enrolments__state=EnrolmentState.WAITLISTED),
                distinct=True,
            ),
        )


class Workshop(index.Indexed, models.Model):
    """One two-day workshop (dwudniowe szkolenie) teaching one course at one venue."""

    code = models.SlugField(
        _("kod szkolenia"),
        max_length=40,
        unique=True,
        help_text=_(
            "Niepowtarzalny kod, np. OSL-2027-001; łączy wiersz harmonogramu ze szkoleniem."
        ),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("kurs"),
        on_delete=models.PROTECT,
        related_name="workshops",
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trenerzy"),
        related_name="trained_workshops",
        blank=True,
    )
    venue = models.ForeignKey(
        Venue, verbose_name=_("miejsce"), on_delete=models.PROTECT, related_name="workshops"
    )
    programme = models.TextField(
        _("program"), blank=True, help_text=_("Plan obu dni: jeden punkt w wierszu.")
    )
    day_one_date = models.DateField(_("dzień pierwszy"))
    day_one_start = models.TimeField(_("początek dnia pierwszego"))
    day_one_end = models.TimeField(_("koniec dnia pierwszego"))
    day_two_date = models.DateField(_("dzień drugi"))
    day_two_start = models.TimeField(_("początek dnia drugiego"))
    day_two_end = models.TimeField(_("koniec dnia drugiego"))
    capacity = models.PositiveIntegerField(_("liczba miejsc"), default=25)
    centre_cap = models.PositiveIntegerField(
        _("limit miejsc na ośrodek"),
        null=True,
        blank=True,
        help_text=_("Ile osób z jednego ośrodka może zająć miejsca; puste = bez limitu."),
    )
    signup_opens_at = models.DateTimeField(
        _("zapisy od"), null=True, blank=True, help_text=_("Puste = od opublikowania.")
    )
    signup_closes_at = models.DateTimeField(
        _("zapisy do"),
        null=True,
        blank=True,
        help_text=_("Puste = zgodnie z ustawieniem: kilka dni przed pierwszym dniem."),
    )
    state = models.CharField(
        _("stan"),
        max_length=12,
        choices=WorkshopState.choices,
        default=WorkshopState.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    objects = WorkshopQuerySet.as_manager()

    search_fields = [
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.FilterField("state"),
        index.FilterField("day_one_date"),
        index.RelatedFields("venue", [index.SearchField("town"), index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = _("szkolenie")
        verbose_name_plural = _("szkolenia")
        ordering = ["day_one_date", "day_one_start", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(day_one_date__lt=models.F("day_two_date")),
                name="workshop_day_one_before_day_two",
            ),
            models.CheckConstraint(
                condition=Q(day_one_start__lt=models.F("day_one_end")),
                name="workshop_day_one_start_before_end",
            ),
            models.CheckConstraint(
                condition=Q(day_two_start__lt=models.F("day_two_end")),
                name="workshop_day_two_start_before_end",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="workshop_capacity_at_least_one"
            ),
            models.CheckConstraint(
                condition=Q(centre_cap__isnull=True) | Q(centre_cap__gte=1),
                name="workshop_centre_cap_at_least_one",
            ),
            models.CheckConstraint(
                condition=Q(signup_opens_at__isnull=True)
                | Q(signup_closes_at__isnull=True)
                | Q(signup_opens_at__lt=models.F("signup_closes_at")),
                name="workshop_signup_opens_before_closes",
            ),
        ]
        indexes = [models.Index(fields=["state", "day_one_date"], name="workshop_state_day1")]

    def __str__(self):
        return f"{self.code}: {self.course_title} — {self.venue_town}, {self.day_one_date:%d.%m.%Y}"

    @property
    def course_title(self) -> str:
        return self.course.title if self.course_id else ""

    @property
    def venue_town(self) -> str:
        return self.venue.town if self.venue_id else ""

    def day_bounds(self, day: int) -> tuple[datetime.datetime, datetime.datetime]:
        """Aware start and end of day 1 or 2 in the project's time zone."""
        tz = timezone.get_default_timezone()
        date = self.day_one_date if day == 1 else self.day_two_date
        start = self.day_one_start if day == 1 else self.day_two_start
        end = self.day_one_end if day == 1 else self.day_two_end
        return (
            timezone.make_aware(datetime.datetime.combine(date, start), tz),
            timezone.make_aware(datetime.datetime.combine(date, end), tz),
        )

    def day_hours(self, day: int) -> Decimal:
        start, end = self.day_bounds(day)
        return Decimal((end - start).total_seconds() / 3600).quantize(Decimal("0.01"))

    @property
    def total_hours(self) -> Decimal:
        return self.day_hours(1) + self.day_hours(2)

    @property
    def starts_at(self) -> datetime.datetime:
        return self.day_bounds(1)[0]

    @property
    def ends_at(self) -> datetime.datetime:
        return self.day_bounds(2)[1]

    @property
    def effective_signup_closes_at(self) -> datetime.datetime:
        if self.signup_closes_at:
            return self.signup_closes_at
        return self.starts_at.replace(hour=0, minute=0) - datetime.timedelta(
            days=conf.signup_closes_days_before()
        )

    def signup_is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.state != WorkshopState.PUBLISHED:
            return False
        if self.signup_opens_at and now < self.signup_opens_at:
            return False
        return now < self.effective_signup_closes_at

    @property
    def seats_left(self) -> int | None:
        """Needs the `with_seats()` annotation; None when it is missing."""
        taken = getattr(self, "confirmed_count", None)
        if taken is None:
            return None
        return max(self.capacity - taken, 0)


class EnrolmentState(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("czeka na zgodę ośrodka")
    CONFIRMED = "confirmed", _("potwierdzony")
    WAITLISTED = "waitlisted", _("na liście rezerwowej")
    OFFERED = "offered", _("zaproponowano miejsce")
    CANCELLED = "cancelled", _("anulowany")
    DECLINED = "declined", _("odrzucona propozycja")
    REJECTED = "rejected", _("ośrodek nie wyraził zgody")
    EXPIRED = "expired", _("propozycja wygasła")


# A seat is held while a person is confirmed, is offered a freed seat, or waits for their
# centre's approval (the seat must still be there when the coordinator says yes).
SEAT_HOLDING_STATES = (
    EnrolmentState.CONFIRMED,
    EnrolmentState.OFFERED,
    EnrolmentState.PENDING_APPROVAL,
)
ACTIVE_STATES = (*SEAT_HOLDING_STATES, EnrolmentState.WAITLISTED)


class CreatedVia(models.TextChoices):
    SELF = "self", _("sam(a) uczestnik")
    CENTRE_COORDINATOR = "centre_coordinator", _("koordynator(ka) ośrodka")
    PROGRAMME_COORDINATOR = "programme_coordinator", _("koordynator(ka) programu")


class Enrolment(models.Model):
    """One person's place (or wish for one) at one workshop. Never deleted: cancelled,
    declined, rejected and expired enrolments stay as history."""

    workshop = models.ForeignKey(
        Workshop, verbose_name=_("szkolenie"), on_delete=models.PROTECT, related_name="enrolments"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uczestnik"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    centre = models.ForeignKey(
        "cms.Centre",
        verbose_name=_("ośrodek w chwili zapisu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    state = models.CharField(
        _("stan"), max_length=20, choices=EnrolmentState.choices, db_index=True
    )
    # Waiting-list order: rank first (coordinators may reorder), then the sign-up moment.
    waitlist_rank = models.PositiveIntegerField(_("miejsce na liście rezerwowej"), null=True)
    offer_expires_at = models.DateTimeField(_("propozycja ważna do"), null=True, blank=True)
    created_via = models.CharField(
        _("zapisał(a)"), max_length=24, choices=CreatedVia.choices, default=CreatedVia.SELF
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utworzył(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("zapisano"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)
    completed_at = models.DateTimeField(_("ukończono"), null=True, blank=True)

    class Meta:
        verbose_name = _("zapis")
        verbose_name_plural = _("zapisy")
        ordering = ["workshop", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop", "participant"],
                condition=Q(state__in=ACTIVE_STATES),
                name="enrolment_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(state=EnrolmentState.OFFERED) | Q(offer_expires_at__isnull=False),
                name="enrolment_offer_has_expiry",
            ),
            models.CheckConstraint(
                condition=~Q(state=EnrolmentState.WAITLISTED) | Q(waitlist_rank__isnull=False),
                name="enrolment_waitlisted_has_rank",
            ),
        ]
        indexes = [
            models.Index(fields=["workshop", "state"], name="enrolment_workshop_state"),
            models.Index(fields=["participant", "state"], name="enrolment_participant_state"),
        ]

    def __str__(self):
        return f"{self.participant} · {self.workshop.code} · {self.get_state_display()}"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class EnrolmentLog(models.Model):
    """Every state change of an enrolment: who, when, from what to what, and why."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="log")
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    action = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("wpis historii zapisu")
        verbose_name_plural = _("historia zapisów")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.enrolment_id}: {self.from_state or '—'} → {self.to_state} ({self.action})"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("obecny(-a)")
    PARTIAL = "partial", _("częściowo")
    ABSENT = "absent", _("nieobecny(-a)")


class AttendanceRecord(models.Model):
    """Attendance of one enrolment on one day. A correction adds a new record and marks the
    previous one superseded, so the evidence of who marked what and when is never lost."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="attendance")
    day = models.PositiveSmallIntegerField(
        _("dzień"), choices=[(1, _("dzień 1")), (2, _("dzień 2"))]
    )
    status = models.CharField(_("obecność"), max_length=10, choices=AttendanceStatus.choices)
    hours = models.DecimalField(_("godziny"), max_digits=4, decimal_places=2)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zaznaczył(a)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("zaznaczono"), default=timezone.now)
    superseded_at = models.DateTimeField(_("zastąpiono"), null=True, blank=True)

    class Meta:
        verbose_name = _("obecność")
        verbose_name_plural = _("obecności")
        ordering = ["enrolment", "day", "marked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "day"],
                condition=Q(superseded_at__isnull=True),
                name="attendance_one_current_per_day",
            ),
            models.CheckConstraint(condition=Q(day__in=[1, 2]), name="attendance_day_1_or_2"),
            models.CheckConstraint(condition=Q(hours__gte=0), name="attendance_hours_not_negative"),
        ]

    def __str__(self):
        return f"{self.enrolment_id} · {self.day} · {self.status}"


class CentrePolicy(models.Model):
    """Enrolment rules a centre sets for its staff (kept here: cms knows nothing of enrolment)."""

    centre = models.OneToOneField(
        "cms.Centre",
        verbose_name=_("ośrodek"),
        on_delete=models.CASCADE,
        related_name="enrolment_policy",
    )
    requires_approval = models.BooleanField(
        _("zapisy wymagają zgody koordynatora ośrodka"), default=False
    )

    class Meta:
        verbose_name = _("zasady zapisów ośrodka")
        verbose_name_plural = _("zasady zapisów ośrodków")

    def __str__(self):
        return str(self.centre)


CALENDAR_TOKEN_BYTES = 32
# What _new_token makes: URL-safe base64 of 32 random bytes, 43 ASCII characters, no padding.
_CALENDAR_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}", re.ASCII)


def _new_token() -> str:
    return secrets.token_urlsafe(CALENDAR_TOKEN_BYTES)


def is_calendar_token(value: str) -> bool:
    """Whether `value` has the form of a calendar feed token (checked before any lookup, so a
    NUL byte or other junk from the URL never reaches the database)."""
    return bool(_CALENDAR_TOKEN_RE.fullmatch(value))


class CalendarFeed(models.Model):
    """The secret token of a person's calendar feed; resetting it revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kalendarz osobisty")
        verbose_name_plural = _("kalendarze osobiste")

    def __str__(self):
        return str(self.user)


class ScheduleImportState(models.TextChoices):
    QUEUED = "queued", _("czeka w kolejce")
    RUNNING = "running", _("w toku")
    DONE = "done", _("zakończony")
    FAILED = "failed", _("nieudany")


class ScheduleImport(models.Model):
    """A schedule file too large to check and write within one request, handed to a background
    task: the file itself (in the database, so any worker can read it; at most the import's upload
    limit, emptied once the file has been processed), its progress and its report."""

    file_name = models.CharField(_("plik"), max_length=255)
    content = models.BinaryField(_("zawartość pliku"), blank=True, editable=False)
    dry_run = models.BooleanField(_("tylko sprawdzenie"), default=False)
    state = models.CharField(
        _("stan"),
        max_length=10,
        choices=ScheduleImportState.choices,
        default=ScheduleImportState.QUEUED,
        db_index=True,
    )
    rows_total = models.PositiveIntegerField(_("wierszy w pliku"), default=0)
    rows_done = models.PositiveIntegerField(_("wierszy sprawdzonych"), default=0)
    report = models.JSONField(_("raport"), default=dict, blank=True)
    error = models.TextField(_("błąd"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("przesłał(a)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("przesłano"), default=timezone.now)
    started_at = models.DateTimeField(_("rozpoczęto"), null=True, blank=True)
    finished_at = models.DateTimeField(_("zakończono"), null=True, blank=True)

    class Meta:
        verbose_name = _("import harmonogramu")
        verbose_name_plural = _("importy harmonogramu")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=models.F("rows_total")),
                name="schedule_import_done_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.file_name} ({timezone.localtime(self.created_at):%d.%m.%Y %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.state in (ScheduleImportState.DONE, ScheduleImportState.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0
