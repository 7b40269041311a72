"""A participant's certificate: for a workshop completed on the platform (its enrolment) or a
training held outside it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import (
    Certificate,
    CertificateStatus,
    revocation_kind_matches_status,
)


class CertificateSource(models.TextChoices):
    """What a participant's certificate was given for."""

    ENROLMENT = "enrolment", _("szkolenie ukończone na platformie")
    OUTSIDE = "outside", _("szkolenie poza platformą")


class ParticipantCertificate(Certificate):
    """A social worker completed a workshop. Everything it states was copied at issue."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uczestnik"),
        on_delete=models.PROTECT,
        related_name="participant_certificates",
    )
    holder_name = models.CharField(_("imię i nazwisko"), max_length=200)
    # The centre the person worked at when the certificate was issued: its coordinator may
    # download it later even if the person moves on.
    centre = models.ForeignKey(
        "cms.Centre",
        verbose_name=_("ośrodek"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participant_certificates",
    )
    source = models.CharField(
        _("źródło"), max_length=12, choices=CertificateSource.choices, db_index=True
    )
    # The completed enrolment the certificate was issued for (the source "enrolment"); none for
    # a training held outside the platform (the CAL programme's Level I has such trainings).
    enrolment = models.ForeignKey(
        "enrolment.Enrolment",
        verbose_name=_("zapis"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    workshop_key = models.CharField(
        _("szkolenie"),
        max_length=120,
        blank=True,
        db_index=True,
        help_text=_("Klucz szkolenia, np. workshop:7 — do pobierania certyfikatów jednej grupy."),
    )
    course_title = models.CharField(_("kurs"), max_length=255)
    role_name = models.CharField(_("rola"), max_length=255, blank=True)
    workshop_dates = models.JSONField(_("dni szkolenia"), default=list)
    first_day = models.DateField(_("pierwszy dzień"), db_index=True)
    last_day = models.DateField(_("ostatni dzień"))
    town = models.CharField(_("miejscowość"), max_length=120)
    hours = models.DecimalField(_("liczba godzin"), max_digits=5, decimal_places=1)
    trainers = models.JSONField(_("trenerzy"), default=list)
    issuer = models.CharField(_("wystawca"), max_length=255)

    @property
    def role_shown(self) -> bool:
        """The role is said apart from the course title only when it says something else (a
        course named after its role, "Organizator sieci społecznych", is not doubled)."""
        role = " ".join(self.role_name.split()).casefold()
        return bool(role) and role != " ".join(self.course_title.split()).casefold()

    @property
    def title_with_role(self) -> str:
        """The course title with its role after a dash, unless the title already says it."""
        role = " ".join(self.role_name.split()).casefold()
        if not role or role in " ".join(self.course_title.split()).casefold():
            return self.course_title
        return f"{self.course_title} — {self.role_name}"

    class Meta(Certificate.Meta):
        verbose_name = _("certyfikat uczestnika")
        verbose_name_plural = _("certyfikaty uczestników")
        permissions = [("revoke_participantcertificate", "Can revoke participant certificates")]
        constraints = [
            # Exactly one live certificate per completed enrolment: issuing again returns it.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=~models.Q(status=CertificateStatus.SUPERSEDED),
                name="participant_certificate_one_per_enrolment",
            ),
            models.CheckConstraint(
                condition=models.Q(source=CertificateSource.ENROLMENT, enrolment__isnull=False)
                | models.Q(source=CertificateSource.OUTSIDE, enrolment__isnull=True),
                name="participant_certificate_source_matches_enrolment",
            ),
            revocation_kind_matches_status("participant_certificate_revocation_kind"),
            models.CheckConstraint(
                condition=models.Q(first_day__lte=models.F("last_day")),
                name="participant_certificate_days_in_order",
            ),
        ]
