"""Certificates: what a participant or a centre was certified for, frozen at issue.

An issued certificate never changes: its text is a snapshot, its PDF and signed credential are
made once and stored. A correction is a re-issue that supersedes it. Nothing here is deleted.
The one exception: after a signing key is withdrawn, the same credential claims are signed again
with the current key (services/resigning.py); the old credential is kept."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


def private_storage():
    """Certificates and evidence are personal data: outside MEDIA_ROOT, never served directly."""
    return storages["private"]


class RecordsAreKeptError(Exception):
    pass


class NeverDeletedQuerySet(models.QuerySet):
    def delete(self):
        raise RecordsAreKeptError("Certificate records are never deleted.")


class NeverDeletedMixin:
    def delete(self, *args, **kwargs):
        raise RecordsAreKeptError("Certificate records are never deleted.")


class CertificateStatus(models.TextChoices):
    ISSUED = "issued", _("ważny")
    REVOKED = "revoked", _("unieważniony")
    SUPERSEDED = "superseded", _("zastąpiony nowszym")


class RevocationKind(models.TextChoices):
    """Why a certificate was revoked: the rules ask this, never the reason's text."""

    MANUAL = "manual", _("unieważniony przez koordynatora programu")
    COMPLETION_WITHDRAWN = "completion_withdrawn", _("ukończenie cofnięte korektą listy obecności")


def revocation_kind_matches_status(name: str) -> models.CheckConstraint:
    """An issued certificate has no revocation kind; a revoked one has one; a superseded one
    keeps whatever it had (a revoked certificate may later be superseded by its restoration)."""
    return models.CheckConstraint(
        condition=models.Q(status=CertificateStatus.ISSUED, revocation_kind="")
        | (models.Q(status=CertificateStatus.REVOKED) & ~models.Q(revocation_kind=""))
        | models.Q(status=CertificateStatus.SUPERSEDED),
        name=name,
    )


class CertificateQuerySet(NeverDeletedQuerySet):
    def current(self):
        """The certificates a person or centre holds now (revoked ones included, for the record)."""
        return self.exclude(status=CertificateStatus.SUPERSEDED)

    def issued(self):
        return self.filter(status=CertificateStatus.ISSUED)


class Certificate(NeverDeletedMixin, models.Model):
    """What both kinds share: number, verification code, status, the stored PDF and credential."""

    number = models.CharField(_("numer"), max_length=32, unique=True)
    verification_code = models.CharField(_("kod weryfikacyjny"), max_length=16, unique=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CertificateStatus.choices,
        default=CertificateStatus.ISSUED,
        db_index=True,
    )
    issued_at = models.DateTimeField(_("wydano"), default=timezone.now, db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("wydał(a)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("unieważniono"), null=True, blank=True)
    revocation_reason = models.TextField(_("powód unieważnienia"), blank=True)
    revocation_kind = models.CharField(
        _("rodzaj unieważnienia"), max_length=24, choices=RevocationKind.choices, blank=True
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unieważnił(a)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    superseded_by = models.OneToOneField(
        "self",
        verbose_name=_("zastąpiony przez"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )
    superseded_at = models.DateTimeField(_("zastąpiono"), null=True, blank=True)
    correction_reason = models.TextField(_("powód korekty"), blank=True)
    pdf = models.FileField(_("plik PDF"), storage=private_storage, max_length=200, blank=True)
    pdf_sha256 = models.CharField(_("skrót SHA-256 pliku PDF"), max_length=64, blank=True)
    credential = models.JSONField(_("poświadczenie Open Badges"), default=dict, blank=True)
    credential_jwt = models.TextField(_("podpisane poświadczenie (VC-JWT)"), blank=True)

    objects = CertificateQuerySet.as_manager()

    # Nothing links to a certificate from page content: skip Wagtail's reference index, which
    # otherwise costs a task and several queries on every save (measured: a third of issuing).
    wagtail_reference_index_ignore = True

    class Meta:
        abstract = True
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return self.number

    @property
    def is_expired(self) -> bool:
        return False

    @property
    def verification_state(self) -> str:
        """One of: valid, revoked, superseded, expired — what the public page says."""
        if self.status == CertificateStatus.REVOKED:
            return "revoked"
        if self.status == CertificateStatus.SUPERSEDED:
            return "superseded"
        if self.is_expired:
            return "expired"
        return "valid"


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


class CertificateCounter(models.Model):
    """The last number given in a series and year; the row is locked while a number is taken."""

    wagtail_reference_index_ignore = True

    series = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="certificate_counter_unique")
        ]

    def __str__(self):
        return f"{self.series}/{self.year}: {self.last}"


# --- The two-year CAL programme and the quality certificate's review -------------------------


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


class SigningKeyStatus(models.TextChoices):
    CURRENT = "current", _("bieżący (podpisuje)")
    RETIRED = "retired", _("wycofany (tylko weryfikacja)")
    WITHDRAWN = "withdrawn", _("unieważniony")


class SigningKeySource(models.TextChoices):
    ENVIRONMENT = "environment", _("zmienna środowiskowa")
    STORAGE = "storage", _("prywatny magazyn plików")


class SigningKey(NeverDeletedMixin, models.Model):
    """The register of the issuer's Ed25519 keys: public halves and their state only. Private
    keys never enter the database (see certificates/keys.py). The current and the retired keys
    are published as the JWK set; a withdrawn one no longer is, so what it signed fails."""

    kid = models.CharField(_("identyfikator klucza (kid)"), max_length=64, unique=True)
    public_x = models.CharField(_("klucz publiczny (x, base64url)"), max_length=64)
    source = models.CharField(_("źródło"), max_length=12, choices=SigningKeySource.choices)
    status = models.CharField(_("status"), max_length=10, choices=SigningKeyStatus.choices)
    created_at = models.DateTimeField(_("od"), default=timezone.now)
    retired_at = models.DateTimeField(_("wycofano"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("unieważniono"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("powód unieważnienia"), blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unieważnił(a)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        verbose_name = _("klucz podpisujący")
        verbose_name_plural = _("klucze podpisujące")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="current"),
                name="one_current_signing_key",
            )
        ]

    def __str__(self):
        return f"{self.kid} ({self.get_status_display()})"
