"""What the sign-in sheet (lista obecności) carries as evidence for the European Social Fund:
the project's title and number, the funding-marking strip (the logos in the order the funder's
visual-identity rules give them, at most four) and the number of empty rows for people added on
the day. Edited by programme coordinators in the Wagtail admin (Ustawienia)."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

LOGO_FIELDS = ("funding_logo_1", "funding_logo_2", "funding_logo_3", "funding_logo_4")


def _logo(n: int):
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("znak %(n)s (od lewej)") % {"n": n},
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="doc-full")
class SignInSheetSettings(BaseSiteSetting):
    select_related = list(LOGO_FIELDS)

    project_title = models.CharField(
        _("tytuł projektu"),
        max_length=300,
        blank=True,
        help_text=_("Drukowany na każdej liście obecności, np. tytuł z umowy o dofinansowanie."),
    )
    project_number = models.CharField(_("numer projektu (umowy)"), max_length=80, blank=True)
    funding_note = models.TextField(
        _("informacja o dofinansowaniu"),
        blank=True,
        help_text=_(
            "Np. „Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego "
            "Funduszu Społecznego Plus”. Drukowana pod paskiem znaków."
        ),
    )
    funding_logo_1 = _logo(1)
    funding_logo_2 = _logo(2)
    funding_logo_3 = _logo(3)
    funding_logo_4 = _logo(4)
    extra_rows = models.PositiveSmallIntegerField(
        _("puste wiersze na osoby dopisane na miejscu"),
        default=5,
        validators=[MaxValueValidator(30)],
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("project_title"), FieldPanel("project_number"), FieldPanel("funding_note")],
            heading=_("Projekt"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in LOGO_FIELDS],
            heading=_("Pasek znaków (logotypy finansowania)"),
        ),
        FieldPanel("extra_rows"),
    ]

    class Meta:
        verbose_name = _("lista obecności")

    @property
    def logos(self) -> list:
        return [logo for logo in (getattr(self, name) for name in LOGO_FIELDS) if logo]
