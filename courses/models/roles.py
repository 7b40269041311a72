from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class ProfessionalRole(index.Indexed, models.Model):
    """One of the three professional roles of the community organiser (Model OSL)."""

    class Icon(models.TextChoices):
        SPARK = "spark", _("Iskra (animacja)")
        NETWORK = "network", _("Sieć (współpraca)")
        COMPASS = "compass", _("Kompas (planowanie)")
        BOOK = "book", _("Książka (wiedza)")

    name = models.CharField(_("nazwa"), max_length=120, unique=True)
    slug = models.SlugField(
        _("adres w filtrze"),
        max_length=80,
        unique=True,
        allow_unicode=False,
        help_text=_("Używany w adresie katalogu, np. ?rola=animator-lokalny"),
    )
    description = models.TextField(_("opis"), blank=True)
    icon = models.CharField(_("ikona"), max_length=20, choices=Icon.choices, default=Icon.BOOK)
    sort_order = models.PositiveSmallIntegerField(_("kolejność"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("icon"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("rola zawodowa")
        verbose_name_plural = _("role zawodowe")

    def __str__(self):
        return self.name

    @property
    def icon_path(self) -> str:
        return f"courses/img/role-{self.icon}.svg"
