from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cms.validators import phone_validator, postal_code_check, postal_code_validator


class Voivodeship(models.TextChoices):
    DOLNOSLASKIE = "dolnoslaskie", "dolnośląskie"
    KUJAWSKO_POMORSKIE = "kujawsko-pomorskie", "kujawsko-pomorskie"
    LUBELSKIE = "lubelskie", "lubelskie"
    LUBUSKIE = "lubuskie", "lubuskie"
    LODZKIE = "lodzkie", "łódzkie"
    MALOPOLSKIE = "malopolskie", "małopolskie"
    MAZOWIECKIE = "mazowieckie", "mazowieckie"
    OPOLSKIE = "opolskie", "opolskie"
    PODKARPACKIE = "podkarpackie", "podkarpackie"
    PODLASKIE = "podlaskie", "podlaskie"
    POMORSKIE = "pomorskie", "pomorskie"
    SLASKIE = "slaskie", "śląskie"
    SWIETOKRZYSKIE = "swietokrzyskie", "świętokrzyskie"
    WARMINSKO_MAZURSKIE = "warminsko-mazurskie", "warmińsko-mazurskie"
    WIELKOPOLSKIE = "wielkopolskie", "wielkopolskie"
    ZACHODNIOPOMORSKIE = "zachodniopomorskie", "zachodniopomorskie"


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


class Centre(index.Indexed, models.Model):
    """A social-assistance centre (ośrodek pomocy społecznej) whose staff use the platform."""

    name = models.CharField(_("nazwa"), max_length=255)
    kind = models.CharField(_("typ"), max_length=10, choices=CentreKind.choices)
    street = models.CharField(_("ulica i numer"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, validators=[postal_code_validator]
    )
    town = models.CharField(_("miejscowość"), max_length=120)
    county = models.CharField(_("powiat"), max_length=120)
    voivodeship = models.CharField(
        _("województwo"), max_length=24, choices=Voivodeship.choices, db_index=True
    )
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
        index.SearchField("name"),
        index.SearchField("town"),
        index.SearchField("county"),
        index.AutocompleteField("name"),
        index.AutocompleteField("town"),
        index.AutocompleteField("county"),
        index.FilterField("voivodeship"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("ośrodek")
        verbose_name_plural = _("ośrodki")
        ordering = ["voivodeship", "town", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "town"], name="centre_unique_name_town"),
            postal_code_check("centre_postal_code_format"),
        ]

    def __str__(self):
        return f"{self.name} ({self.town})"
