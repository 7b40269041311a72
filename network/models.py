"""The good-practice database (Baza Dobrych Praktyk): an index page with its finder and map, one
page per practice with the record card of the seed's "Skrót i Metryka", and the themes."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.caching.pages import AnonymousCacheMixin
from cms.caching.routes import CachedRouteMixin
from cms.models import Voivodeship
from cms.search import fold
from cms.validators import phone_validator, postal_code_check, postal_code_validator
from network.blocks import PracticeStreamBlock

# A page showing a centre's CAL quality certificate is cached for at most this long: the
# certificates never start a new page generation, so a revoked or expired one leaves the badge
# within this time.
BADGE_CACHE_SECONDS = 15 * 60


class UnitType(models.TextChoices):
    RURAL_GMINA = "gmina-wiejska", _("gmina wiejska")
    URBAN_GMINA = "gmina-miejska", _("gmina miejska")
    MIXED_GMINA = "gmina-miejsko-wiejska", _("gmina miejsko-wiejska")
    CITY_COUNTY = "miasto-na-prawach-powiatu", _("miasto na prawach powiatu")
    COUNTY = "powiat", _("powiat")


class PracticeTheme(models.Model):
    """What a practice is about: volunteering, partnership, seniors, youth, fundraising..."""

    name = models.CharField(_("nazwa"), max_length=80, unique=True)
    description = models.TextField(_("opis"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("temat dobrej praktyki")
        verbose_name_plural = _("tematy dobrych praktyk")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class PracticeIndexPage(AnonymousCacheMixin, CachedRouteMixin, Page):
    """Baza Dobrych Praktyk: the list of practices with filters, search and the map."""

    anonymous_cache_timeout = BADGE_CACHE_SECONDS

    introduction = models.TextField(_("wprowadzenie"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["network.PracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("baza dobrych praktyk")
        verbose_name_plural = _("bazy dobrych praktyk")

    def get_context(self, request, *args, **kwargs):
        from network import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.practice_finder(index=self, params=request.GET))
        return context


class PracticePage(AnonymousCacheMixin, CachedRouteMixin, Page):
    """One good practice: its summary and record card, then the full presentation."""

    anonymous_cache_timeout = BADGE_CACHE_SECONDS

    summary = models.TextField(
        _("skrót"),
        max_length=1500,
        help_text=_("Kilka zdań: co zrobiono, z kim i co z tego wyszło."),
    )
    body = StreamField(PracticeStreamBlock(), verbose_name=_("pełna prezentacja"), blank=True)
    themes = ParentalManyToManyField(
        PracticeTheme, verbose_name=_("tematy"), blank=True, related_name="practices"
    )
    centre = models.ForeignKey(
        "cms.Centre",
        verbose_name=_("ośrodek"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="good_practices",
        help_text=_("Ośrodek z sieci CAL, który wdrożył praktykę (jeśli jest na platformie)."),
    )
    # The record card (Metryka praktyki).
    entered_on = models.DateField(_("data wprowadzenia"), default=datetime.date.today)
    updated_on = models.DateField(_("data aktualizacji"), null=True, blank=True)
    unit_type = models.CharField(_("typ jednostki"), max_length=30, choices=UnitType.choices)
    town = models.CharField(_("miejscowość"), max_length=120)
    county = models.CharField(_("powiat"), max_length=120)
    voivodeship = models.CharField(
        _("województwo"), max_length=24, choices=Voivodeship.choices, db_index=True
    )
    postal_code = models.CharField(
        _("kod pocztowy"), max_length=6, validators=[postal_code_validator]
    )
    post_office = models.CharField(
        _("poczta"), max_length=120, blank=True, help_text=_("Pozostaw puste, gdy to miejscowość.")
    )
    implementing_unit = models.CharField(_("jednostka wdrażająca"), max_length=255)
    street = models.CharField(_("ulica i numer"), max_length=255, blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[phone_validator])
    website = models.URLField(_("witryna internetowa"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    population = models.PositiveIntegerField(
        _("liczba mieszkańców"), validators=[MinValueValidator(1), MaxValueValidator(3_000_000)]
    )
    contact_person = models.CharField(_("osoba kontaktowa"), max_length=200)
    contact_position = models.CharField(_("stanowisko"), max_length=200, blank=True)
    contact_phone = models.CharField(
        _("telefon osoby kontaktowej"), max_length=20, blank=True, validators=[phone_validator]
    )
    contact_email = models.EmailField(_("e-mail osoby kontaktowej"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("centre"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("entered_on"), FieldPanel("updated_on")]),
                FieldPanel("unit_type"),
                FieldPanel("implementing_unit"),
                FieldRowPanel([FieldPanel("town"), FieldPanel("county")]),
                FieldPanel("voivodeship"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("post_office")]),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
                FieldPanel("population"),
            ],
            heading=_("Metryka praktyki"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_person"), FieldPanel("contact_position")]),
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
            ],
            heading=_("Osoba kontaktowa"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("town"),
        # The town without diacritics too, so "dlugosiodlo" finds Długosiodło on every backend
        # (SQLite's tokenizer keeps "ł").
        index.SearchField("town_folded"),
        index.SearchField("county"),
        index.SearchField("implementing_unit"),
        index.AutocompleteField("town"),
        index.FilterField("voivodeship"),
        index.FilterField("unit_type"),
        index.FilterField("population"),
    ]
    parent_page_types = ["network.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("dobra praktyka")
        verbose_name_plural = _("dobre praktyki")
        constraints = [
            postal_code_check("network_practice_postal_code_format"),
            models.CheckConstraint(
                condition=models.Q(updated_on__isnull=True)
                | models.Q(updated_on__gte=models.F("entered_on")),
                name="network_practice_updated_after_entered",
            ),
        ]

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.updated_on and self.entered_on and self.updated_on < self.entered_on:
            raise ValidationError(
                {"updated_on": _("Data aktualizacji nie może być wcześniejsza niż wprowadzenia.")}
            )
        if self.entered_on and self.entered_on > timezone.localdate():
            raise ValidationError(
                {"entered_on": _("Data wprowadzenia nie może być z przyszłości.")}
            )

    def town_folded(self) -> str:
        return fold(self.town)

    @property
    def post_town(self) -> str:
        return self.post_office or self.town

    def get_context(self, request, *args, **kwargs):
        from network import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.practice_details(practice=self))
        return context


class CalNetworkPage(AnonymousCacheMixin, CachedRouteMixin, Page):
    """Sieć CAL: certified centres, centres in the programme and the network's figures, each
    figure saying whether the platform computed it or a programme coordinator entered it."""

    anonymous_cache_timeout = BADGE_CACHE_SECONDS

    introduction = models.TextField(_("wprowadzenie"), blank=True)
    centres_took_part = models.PositiveIntegerField(
        _("ośrodki, które wzięły udział w programie"), null=True, blank=True
    )
    centres_certified = models.PositiveIntegerField(
        _("ośrodki certyfikowane (od początku programu)"), null=True, blank=True
    )
    cooperating_ngos = models.PositiveIntegerField(
        _("współpracujące organizacje pozarządowe"), null=True, blank=True
    )
    volunteers = models.PositiveIntegerField(_("wolontariusze"), null=True, blank=True)
    figures_as_of = models.DateField(_("stan wpisanych liczb na dzień"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("centres_took_part"),
                FieldPanel("centres_certified"),
                FieldPanel("cooperating_ngos"),
                FieldPanel("volunteers"),
                FieldPanel("figures_as_of"),
            ],
            heading=_("Liczby wpisane przez koordynatora programu"),
            help_text=_(
                "Wpisz to, czego platforma nie wie (np. ośrodki sprzed platformy). Puste pole "
                "nie jest pokazywane; liczby z danych platformy strona liczy sama."
            ),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("strona sieci CAL")
        verbose_name_plural = _("strony sieci CAL")

    def get_context(self, request, *args, **kwargs):
        from network import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.cal_network(page=self))
        return context
