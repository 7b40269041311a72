"""Venues and workshops: where and when a two-day workshop happens, its seats and trainers."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cms.models.address import PostalAddress
from enrolment import conf

from .states import SEAT_HOLDING_STATES, EnrolmentState, WorkshopState


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
