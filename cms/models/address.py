"""A postal address in Poland, shared by the centres (cms) and the workshop venues (enrolment):
the same fields, the same postal-code rule in the form and in the database, the same search."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from cms.validators import postal_code_check, postal_code_validator


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


class PostalAddress(index.Indexed, models.Model):
    """A named place with its address. Subclasses add their own fields and, in their Meta,
    `constraints = [*PostalAddress.Meta.constraints, ...]` and
    `search_fields = [*PostalAddress.search_fields, ...]`."""

    name = models.CharField(_("nazwa"), max_length=255)
    street = models.CharField(_("ulica i numer"), max_length=255, blank=True)
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, validators=[postal_code_validator]
    )
    town = models.CharField(_("miejscowość"), max_length=120)
    voivodeship = models.CharField(
        _("województwo"), max_length=24, choices=Voivodeship.choices, db_index=True
    )

    search_fields = [
        index.SearchField("name"),
        index.SearchField("town"),
        index.AutocompleteField("name"),
        index.AutocompleteField("town"),
        index.FilterField("voivodeship"),
    ]

    class Meta:
        abstract = True
        ordering = ["voivodeship", "town", "name"]
        constraints = [
            # One place of a name in a town: the sign-up and the schedule import rely on it.
            models.UniqueConstraint(fields=["name", "town"], name="%(class)s_unique_name_town"),
            postal_code_check("%(class)s_postal_code_format"),
        ]

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, f"{self.postal_code} {self.town}") if part)
