"""The programme's targets, set by the programme coordinators as a Wagtail site setting:
how many workshops to hold and how many people to train, optionally per voivodeship and per
course, and the programme's period. The dashboard (programme.selectors) measures against them."""

from django.conf import settings
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
    esf_retention_until = models.DateField(
        _("dane uczestników EFS przechowujemy do"),
        null=True,
        blank=True,
        help_text=_(
            "Do tego dnia dane uczestnika zostają po usunięciu jego konta (zasada instytucji "
            "finansującej: zwykle 5 lat od końca roku ostatniej płatności). Puste = bez końca, "
            "dopóki biuro programu go nie ustali."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("workshops_target"), FieldPanel("people_target")],
            heading=_("Cele całego programu"),
        ),
        MultiFieldPanel(
            [FieldPanel("period_start"), FieldPanel("period_end")],
            heading=_("Okres realizacji"),
        ),
        FieldPanel("esf_retention_until"),
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


# --- ESF participant data (docs/esf-participant-data.md) --------------------------------------


class Sex(models.TextChoices):
    FEMALE = "k", _("kobieta")
    MALE = "m", _("mężczyzna")


class Education(models.TextChoices):
    """Education at entry, in the ISCED 2011 groups the ESF monitoring record uses."""

    ISCED0 = "isced0", _("niższe niż podstawowe (ISCED 0)")
    ISCED1 = "isced1", _("podstawowe (ISCED 1)")
    ISCED2 = "isced2", _("gimnazjalne / ponadpodstawowe niższego stopnia (ISCED 2)")
    ISCED3 = "isced3", _("ponadgimnazjalne / średnie (ISCED 3)")
    ISCED4 = "isced4", _("policealne (ISCED 4)")
    ISCED5_8 = "isced5_8", _("wyższe (ISCED 5–8)")


class Area(models.TextChoices):
    URBAN = "urban", _("miejski")
    RURAL = "rural", _("wiejski")


class EmploymentStatus(models.TextChoices):
    PUBLIC_ADMINISTRATION = "public", _("osoba pracująca w administracji publicznej")
    NGO = "ngo", _("osoba pracująca w organizacji pozarządowej")
    OTHER_EMPLOYED = "other_employed", _("osoba pracująca gdzie indziej")
    UNEMPLOYED = "unemployed", _("osoba bezrobotna")
    INACTIVE = "inactive", _("osoba bierna zawodowo")


class Occupation(models.TextChoices):
    SOCIAL_ASSISTANCE = (
        "social_assistance",
        _("pracownik instytucji systemu pomocy i integracji społecznej"),
    )
    FAMILY_SUPPORT = (
        "family_support",
        _("pracownik instytucji systemu wspierania rodziny i pieczy zastępczej"),
    )
    OTHER = "other", _("inny")


class Answer(models.TextChoices):
    YES = "yes", _("tak")
    NO = "no", _("nie")
    REFUSED = "refused", _("odmowa podania informacji")


# The answers kept only encrypted, inside `sealed` (with the PESEL).
SEALED_FIELDS = (
    "pesel",
    "disability",
    "foreign_origin_or_minority",
    "homeless",
    "other_disadvantage",
)


class ParticipantRecord(models.Model):
    """The ESF participant monitoring record of one person, collected once.

    The PESEL and the special-situation answers (disability, foreign origin or minority,
    homelessness, other disadvantage) are stored only in `sealed`, encrypted
    (programme.sealing); read them through programme.selectors.participant_record_reveal, which
    only programme coordinators may call and which logs every read."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uczestnik"),
        on_delete=models.PROTECT,
        related_name="esf_record",
    )
    sealed = models.TextField(_("dane zaszyfrowane"), editable=False)
    no_pesel = models.BooleanField(_("brak numeru PESEL"), default=False)
    sex = models.CharField(_("płeć"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("data urodzenia"))
    education = models.CharField(_("wykształcenie"), max_length=10, choices=Education.choices)
    residence_voivodeship = models.CharField(
        _("województwo zamieszkania"), max_length=24, choices=Voivodeship.choices
    )
    residence_county = models.CharField(_("powiat"), max_length=120)
    residence_gmina = models.CharField(_("gmina"), max_length=120)
    residence_town = models.CharField(_("miejscowość"), max_length=120)
    area = models.CharField(_("obszar"), max_length=6, choices=Area.choices)
    employment_status = models.CharField(
        _("status na rynku pracy"), max_length=16, choices=EmploymentStatus.choices
    )
    occupation = models.CharField(_("wykonywany zawód"), max_length=20, choices=Occupation.choices)
    employer = models.ForeignKey(
        "cms.Centre",
        verbose_name=_("pracodawca (ośrodek)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("zgoda na przetwarzanie"))
    created_at = models.DateTimeField(_("utworzono"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zmieniono"), auto_now=True)

    class Meta:
        verbose_name = _("dane uczestnika EFS")
        verbose_name_plural = _("dane uczestników EFS")

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"
