"""Enrolments: a person's seat or waiting-list place at a workshop, its history, and a centre's
sign-up policy."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .states import ACTIVE_STATES, CreatedVia, EnrolmentState
from .workshops import Workshop


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
