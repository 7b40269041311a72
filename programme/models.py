"""The programme's targets, set by the programme coordinators as a Wagtail site setting:
how many workshops to hold and how many people to train, optionally per voivodeship and per
course, and the programme's period. The dashboard (programme.selectors) measures against them."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from cms.models.address import Voivodeship

# Upper bounds keep a typo (an extra zero or three) from making every percentage 0.
MAX_WORKSHOPS = 10_000
MAX_PEOPLE = 1_000_000


@register_setting(icon="crosshairs")
class ProgrammeSettings(ClusterableModel, BaseSiteSetting):
    """Targets of the programme (Model OSL roll-out: 120 workshops, 3,000 social workers)."""

    workshops_target = models.PositiveIntegerField(
        _("szkolenia do przeprowadzenia"),
        default=120,
        validators=[MaxValueValidator(MAX_WORKSHOPS)],
    )
    people_target = models.PositiveIntegerField(
        _("osoby do przeszkolenia"),
        default=3000,
        validators=[MaxValueValidator(MAX_PEOPLE)],
        help_text=_("Liczba różnych osób, które ukończą szkolenie."),
    )
    period_start = models.DateField(_("początek programu"), null=True, blank=True)
    period_end = models.DateField(_("koniec programu"), null=True, blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("workshops_target"), FieldPanel("people_target")],
            heading=_("Cele całego programu"),
        ),
        MultiFieldPanel(
            [FieldPanel("period_start"), FieldPanel("period_end")],
            heading=_("Okres realizacji"),
        ),
        InlinePanel(
            "voivodeship_targets",
            heading=_("Cele w województwach (opcjonalnie)"),
            label=_("cel w województwie"),
        ),
        InlinePanel(
            "course_targets", heading=_("Cele dla kursów (opcjonalnie)"), label=_("cel kursu")
        ),
    ]

    class Meta:
        verbose_name = _("cele programu")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_start__lte=models.F("period_end")),
                name="programme_period_in_order",
            ),
        ]

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError(
                {"period_end": _("Koniec programu nie może być przed jego początkiem.")}
            )


class VoivodeshipTarget(Orderable):
    """A target for one voivodeship; a voivodeship without one has no target of its own."""

    settings = ParentalKey(
        ProgrammeSettings, on_delete=models.CASCADE, related_name="voivodeship_targets"
    )
    voivodeship = models.CharField(_("województwo"), max_length=24, choices=Voivodeship.choices)
    workshops_target = models.PositiveIntegerField(
        _("szkolenia"), null=True, blank=True, validators=[MaxValueValidator(MAX_WORKSHOPS)]
    )
    people_target = models.PositiveIntegerField(
        _("osoby"), null=True, blank=True, validators=[MaxValueValidator(MAX_PEOPLE)]
    )

    panels = [
        FieldPanel("voivodeship"),
        FieldPanel("workshops_target"),
        FieldPanel("people_target"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cel w województwie")
        verbose_name_plural = _("cele w województwach")
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "voivodeship"], name="programme_one_target_per_voivodeship"
            ),
        ]

    def __str__(self):
        return self.get_voivodeship_display()


class CourseTarget(Orderable):
    """A target for one course (the introduction or one of the three roles)."""

    settings = ParentalKey(
        ProgrammeSettings, on_delete=models.CASCADE, related_name="course_targets"
    )
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("kurs"), on_delete=models.CASCADE, related_name="+"
    )
    workshops_target = models.PositiveIntegerField(
        _("szkolenia"), null=True, blank=True, validators=[MaxValueValidator(MAX_WORKSHOPS)]
    )
    people_target = models.PositiveIntegerField(
        _("osoby"), null=True, blank=True, validators=[MaxValueValidator(MAX_PEOPLE)]
    )

    panels = [FieldPanel("course"), FieldPanel("workshops_target"), FieldPanel("people_target")]

    class Meta(Orderable.Meta):
        verbose_name = _("cel kursu")
        verbose_name_plural = _("cele kursów")
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "course"], name="programme_one_target_per_course"
            ),
        ]

    def __str__(self):
        return str(self.course)
