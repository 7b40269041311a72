"""What every certificate shares: the record that is never deleted, its status and why it was
revoked, the number counter, and the private store its files live in."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    # Its bit in the published Bitstring Status List (certificates/status_list.py): one index
    # space over both kinds of certificate, given at issue from the "STATUS" counter row and
    # never reused. Empty for certificates issued before the list existed.
    status_index = models.PositiveIntegerField(
        _("pozycja na liście statusów"), null=True, blank=True, unique=True, editable=False
    )

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
