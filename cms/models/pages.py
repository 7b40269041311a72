from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import BaseStreamBlock
from cms.caching.pages import AnonymousCacheMixin
from cms.caching.routes import CachedRouteMixin


class HomePage(AnonymousCacheMixin, CachedRouteMixin, Page):
    """The site's root page in each language."""

    hero_title = models.CharField(_("tytuł powitania"), max_length=200)
    hero_text = models.TextField(_("tekst powitania"), blank=True)
    hero_cta_text = models.CharField(_("tekst przycisku"), max_length=80, blank=True)
    hero_cta_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("strona przycisku"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("treść"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_cta_text"),
                FieldPanel("hero_cta_link"),
            ],
            heading=_("Powitanie"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_text"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("strona główna")
        verbose_name_plural = _("strony główne")


class StandardPage(AnonymousCacheMixin, CachedRouteMixin, Page):
    """A plain content page: about the programme, accessibility statement, privacy notice."""

    introduction = models.TextField(_("wprowadzenie"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("treść"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("strona z treścią")
        verbose_name_plural = _("strony z treścią")
