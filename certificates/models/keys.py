"""The keys that sign the credentials: one active at a time, the retired kept for verification."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import NeverDeletedMixin, NeverDeletedQuerySet


class SigningKeyStatus(models.TextChoices):
    CURRENT = "current", _("bieżący (podpisuje)")
    RETIRED = "retired", _("wycofany (tylko weryfikacja)")
    WITHDRAWN = "withdrawn", _("unieważniony")


class SigningKeyAlgorithm(models.TextChoices):
    """JWS algorithms (RFC 7518 / 8037). New keys are P-256 (ES256: what Open Badges 3.0
    validators accept); Ed25519 keys from before stay in the register and verify what they
    signed."""

    ES256 = "ES256", "ES256 (P-256)"
    EDDSA = "EdDSA", "EdDSA (Ed25519)"


class SigningKeySource(models.TextChoices):
    ENVIRONMENT = "environment", _("zmienna środowiskowa")
    STORAGE = "storage", _("prywatny magazyn plików")


class SigningKey(NeverDeletedMixin, models.Model):
    """The register of the issuer's keys (P-256, and Ed25519 from before): public halves and
    their state only. Private
    keys never enter the database (see certificates/keys.py). The current and the retired keys
    are published as the JWK set; a withdrawn one no longer is, so what it signed fails."""

    kid = models.CharField(_("identyfikator klucza (kid)"), max_length=64, unique=True)
    algorithm = models.CharField(
        _("algorytm"),
        max_length=8,
        choices=SigningKeyAlgorithm.choices,
        default=SigningKeyAlgorithm.ES256,
    )
    public_x = models.CharField(_("klucz publiczny (x, base64url)"), max_length=64)
    public_y = models.CharField(
        _("klucz publiczny (y, base64url; P-256)"), max_length=64, blank=True
    )
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


class CredentialHolder(models.Model):
    """A person's identifier in their Open Badges credentials (`credentialSubject.id`, the JWT's
    `sub`): a random UUID made at their first certificate and kept, so one person's badges name
    one subject without their e-mail or the platform's user id in a public credential."""

    wagtail_reference_index_ignore = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uczestnik"),
        on_delete=models.PROTECT,
        related_name="credential_holder",
    )
    subject_uuid = models.UUIDField(
        _("identyfikator w poświadczeniach"), unique=True, default=uuid.uuid4
    )

    class Meta:
        verbose_name = _("posiadacz poświadczeń")
        verbose_name_plural = _("posiadacze poświadczeń")

    def __str__(self):
        return f"urn:uuid:{self.subject_uuid}"
