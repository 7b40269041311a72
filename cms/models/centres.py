from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cms.validators import phone_validator

from .address import PostalAddress, Voivodeship

__all__ = ["Centre", "CentreKind", "CentreQuerySet", "CentreStatus", "Voivodeship"]


class CentreKind(models.TextChoices):
    OPS = "ops", _("OPS — ośrodek pomocy społecznej")
    MOPS = "mops", _("MOPS — miejski ośrodek pomocy społecznej")
    GOPS = "gops", _("GOPS — gminny ośrodek pomocy społecznej")
    PCPR = "pcpr", _("PCPR — powiatowe centrum pomocy rodzinie")
    OTHER = "other", _("inna instytucja")


class CentreStatus(models.TextChoices):
    APPROVED = "approved", _("zatwierdzony")
    PENDING = "pending", _("czeka na zatwierdzenie")
    REJECTED = "rejected", _("odrzucony")


class CentreQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CentreStatus.APPROVED)


class Centre(PostalAddress):
    """A social-assistance centre (ośrodek pomocy społecznej) whose staff use the platform."""

    kind = models.CharField(_("typ"), max_length=10, choices=CentreKind.choices)
    county = models.CharField(_("powiat"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[phone_validator])
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CentreStatus.choices,
        default=CentreStatus.APPROVED,
        db_index=True,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zaproponował(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_centres",
    )
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)

    objects = CentreQuerySet.as_manager()

    search_fields = [
        *PostalAddress.search_fields,
        index.SearchField("county"),
        index.AutocompleteField("county"),
        index.FilterField("status"),
    ]

    class Meta(PostalAddress.Meta):
        verbose_name = _("ośrodek")
        verbose_name_plural = _("ośrodki")

    def __str__(self):
        return f"{self.name} ({self.town})"
