"""The centre's Certyfikat Jakości pracy metodą CAL and the two-year CAL programme record it is
granted on: consultations, evidence, criteria and the review."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .base import (
    Certificate,
    CertificateStatus,
    NeverDeletedMixin,
    NeverDeletedQuerySet,
    private_storage,
    revocation_kind_matches_status,
)


class QualityCertificate(Certificate):
    """Certyfikat Jakości pracy metodą CAL: granted to a centre for a period."""

    centre = models.ForeignKey(
        "cms.Centre",
        verbose_name=_("ośrodek"),
        on_delete=models.PROTECT,
        related_name="quality_certificates",
    )
    centre_name = models.CharField(_("nazwa ośrodka"), max_length=255)
    centre_town = models.CharField(_("miejscowość"), max_length=120)
    programme_record = models.ForeignKey(
        "certificates.CalProgrammeRecord",
        verbose_name=_("przebieg programu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    valid_from = models.DateField(_("ważny od"))
    valid_until = models.DateField(_("ważny do"))
    issuer = models.CharField(_("wystawca"), max_length=255)

    class Meta(Certificate.Meta):
        verbose_name = _("certyfikat jakości CAL")
        verbose_name_plural = _("certyfikaty jakości CAL")
        permissions = [("revoke_qualitycertificate", "Can revoke quality certificates")]
        constraints = [
            # One live certificate per CAL programme record (a correction supersedes it).
            models.UniqueConstraint(
                fields=["programme_record"],
                condition=~models.Q(status=CertificateStatus.SUPERSEDED),
                name="quality_certificate_one_per_record",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__lt=models.F("valid_until")),
                name="quality_certificate_validity_in_order",
            ),
            revocation_kind_matches_status("quality_certificate_revocation_kind"),
        ]

    @property
    def is_expired(self) -> bool:
        return timezone.localdate() > self.valid_until


class CalRecordStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("w trakcie programu")
    GRANTED = "granted", _("certyfikat przyznany")
    REFUSED = "refused", _("certyfikatu odmówiono")


class CalProgrammeRecord(NeverDeletedMixin, ClusterableModel):
    """A centre's course through the two-year CAL training-and-consultation programme."""

    centre = models.ForeignKey(
        "cms.Centre",
        verbose_name=_("ośrodek"),
        on_delete=models.PROTECT,
        related_name="cal_programme_records",
    )
    started_on = models.DateField(_("początek programu"))
    level_one_trainings_entered = models.PositiveSmallIntegerField(
        _("szkolenia I stopnia ukończone przez pracowników poza platformą"),
        default=0,
        help_text=_(
            "Wpisz tylko szkolenia spoza platformy. Szkolenia ukończone na platformie przez "
            "pracowników ośrodka są liczone automatycznie i dodawane do tej liczby."
        ),
    )
    local_projects = models.PositiveSmallIntegerField(_("projekty lokalne"), default=0)
    partnerships = models.PositiveSmallIntegerField(_("partnerstwa"), default=0)
    volunteers = models.PositiveIntegerField(_("wolontariusze"), default=0)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CalRecordStatus.choices,
        default=CalRecordStatus.IN_PROGRESS,
        db_index=True,
    )
    notes = models.TextField(_("uwagi"), blank=True)
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    objects = NeverDeletedQuerySet.as_manager()

    panels = [
        FieldPanel("centre"),
        FieldPanel("started_on"),
        MultiFieldPanel(
            [
                FieldPanel("level_one_trainings_entered"),
                FieldPanel("local_projects"),
                FieldPanel("partnerships"),
                FieldPanel("volunteers"),
            ],
            heading=_("Wyniki"),
        ),
        InlinePanel("consultations", heading=_("Konsultacje II stopnia"), label=_("konsultacja")),
        InlinePanel("evidence", heading=_("Dowody"), label=_("dowód")),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("przebieg programu CAL")
        verbose_name_plural = _("przebiegi programu CAL")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "started_on"], name="cal_record_unique_centre_start"
            )
        ]

    def __str__(self):
        return f"{self.centre} · {self.started_on:%Y-%m-%d}"


class CalConsultation(Orderable):
    """A Level II consultation held with the centre. Rows can be corrected in the admin until the
    review; the review keeps the counts it was decided on (CalReview.criteria_results)."""

    record = ParentalKey(CalProgrammeRecord, on_delete=models.PROTECT, related_name="consultations")
    held_on = models.DateField(_("data"))
    consultant = models.CharField(_("konsultant(ka)"), max_length=200)
    notes = models.TextField(_("notatki"), blank=True)

    panels = [FieldPanel("held_on"), FieldPanel("consultant"), FieldPanel("notes")]

    class Meta(Orderable.Meta):
        verbose_name = _("konsultacja II stopnia")
        verbose_name_plural = _("konsultacje II stopnia")

    def __str__(self):
        return f"{self.held_on} · {self.consultant}"


class EvidenceKind(models.TextChoices):
    LOCAL_PROJECT = "local_project", _("projekt lokalny")
    PARTNERSHIP = "partnership", _("partnerstwo")
    VOLUNTEERS = "volunteers", _("wolontariat")
    OTHER = "other", _("inne")


def evidence_upload_to(instance, filename):
    return f"cal-evidence/{instance.record.centre_id}/{filename}"


class CalEvidence(Orderable):
    """A document backing one of the record's numbers (kept in private storage; removing the row
    in the admin leaves the file in place)."""

    record = ParentalKey(CalProgrammeRecord, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("czego dotyczy"), max_length=20, choices=EvidenceKind.choices)
    description = models.CharField(_("opis"), max_length=255)
    file = models.FileField(
        _("plik"), storage=private_storage, upload_to=evidence_upload_to, max_length=200
    )
    uploaded_at = models.DateTimeField(_("dodano"), auto_now_add=True)

    panels = [FieldPanel("kind"), FieldPanel("description"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("dowód")
        verbose_name_plural = _("dowody")

    def __str__(self):
        return self.description


class CriterionMetric(models.TextChoices):
    LEVEL_ONE_TRAININGS = "level_one_trainings", _("szkolenia I stopnia")
    CONSULTATIONS = "consultations", _("konsultacje II stopnia")
    LOCAL_PROJECTS = "local_projects", _("projekty lokalne")
    PARTNERSHIPS = "partnerships", _("partnerstwa")
    VOLUNTEERS = "volunteers", _("wolontariusze")
    MONTHS_IN_PROGRAMME = "months_in_programme", _("miesiące w programie")


class QualityCriterion(NeverDeletedMixin, models.Model):
    """A threshold set by programme coordinators that a centre's record must reach."""

    metric = models.CharField(_("miara"), max_length=24, choices=CriterionMetric.choices)
    threshold = models.PositiveIntegerField(_("próg (co najmniej)"))
    description = models.CharField(_("opis"), max_length=255, blank=True)
    is_active = models.BooleanField(_("obowiązuje"), default=True)

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kryterium certyfikatu jakości")
        verbose_name_plural = _("kryteria certyfikatu jakości")
        ordering = ["metric", "threshold"]

    def __str__(self):
        return f"{self.get_metric_display()} ≥ {self.threshold}"


class ReviewDecision(models.TextChoices):
    GRANT = "grant", _("przyznać")
    REFUSE = "refuse", _("odmówić")


class CalReview(NeverDeletedMixin, models.Model):
    """A programme coordinator's decision on a record, with its justification and what was met."""

    record = models.ForeignKey(
        CalProgrammeRecord,
        verbose_name=_("przebieg programu"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    decision = models.CharField(_("decyzja"), max_length=8, choices=ReviewDecision.choices)
    justification = models.TextField(_("uzasadnienie"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oceniający(a)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("data decyzji"), default=timezone.now)
    criteria_results = models.JSONField(_("spełnienie kryteriów"), default=list)
    certificate = models.OneToOneField(
        QualityCertificate,
        verbose_name=_("certyfikat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review",
    )

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        verbose_name = _("ocena przebiegu programu")
        verbose_name_plural = _("oceny przebiegu programu")
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.record} · {self.get_decision_display()}"
