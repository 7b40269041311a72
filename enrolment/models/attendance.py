"""Attendance: who was present on each day of a workshop, as the evidence of completion."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enrolments import Enrolment
from .states import AttendanceStatus


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
