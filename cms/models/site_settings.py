from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from cms.validators import phone_validator


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and footer, edited by programme coordinators."""

    # Every page's footer links to these two pages: fetch them with the settings, in one query.
    select_related = ["privacy_page", "accessibility_page"]

    organisation = models.CharField(
        _("organizacja"),
        max_length=255,
        default="Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL",
    )
    address = models.CharField(_("adres"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=20, blank=True, validators=[phone_validator])
    footer_text = models.TextField(_("tekst stopki"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("informacja o przetwarzaniu danych (RODO)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("deklaracja dostępności"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("address"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Kontakt"),
        ),
        FieldPanel("footer_text"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("ustawienia serwisu")
