from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import RICH_TEXT_FEATURES
from cms.caching.pages import AnonymousCacheMixin
from cms.caching.routes import CachedRouteMixin
from courses.blocks import ModuleStreamBlock


class CourseIndexPage(AnonymousCacheMixin, CachedRouteMixin, Page):
    """The course catalogue: public, filterable by professional role, with a search form."""

    introduction = models.TextField(_("wprowadzenie"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("katalog kursów")
        verbose_name_plural = _("katalogi kursów")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.catalogue(index=self, role_slug=request.GET.get("rola", "")))
        return context


class CoursePage(AnonymousCacheMixin, CachedRouteMixin, Page):
    """One course: the introduction to Model OSL, or one per professional role.

    Its modules are its live ModulePage children, in the order of the page tree."""

    description = RichTextField(_("opis"), blank=True, features=RICH_TEXT_FEATURES)
    learning_outcomes = RichTextField(
        _("efekty uczenia się"),
        blank=True,
        features=["bold", "italic", "ul", "ol"],
        help_text=_("Co uczestnik będzie wiedział i umiał po kursie — najlepiej jako lista."),
    )
    estimated_hours = models.PositiveSmallIntegerField(
        _("szacowany czas nauki (godziny)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    role = models.ForeignKey(
        "courses.ProfessionalRole",
        verbose_name=_("rola zawodowa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        help_text=_("Pozostaw puste dla kursu wprowadzającego do Modelu OSL."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("próg zaliczenia quizów (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    certificate_requires_elearning = models.BooleanField(
        _("zaświadczenie wymaga ukończenia modułów e-learningowych"),
        default=False,
        help_text=_(
            "Zaświadczenie o ukończeniu szkolenia dostanie tylko osoba, która była na szkoleniu "
            "i ukończyła wszystkie moduły tego kursu."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("role"),
                FieldPanel("estimated_hours"),
                FieldPanel("pass_mark"),
                FieldPanel("certificate_requires_elearning"),
            ],
            heading=_("Organizacja kursu"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("learning_outcomes"),
        index.FilterField("role"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = _("kurs")
        verbose_name_plural = _("kursy")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(pass_mark__gte=1, pass_mark__lte=100),
                name="course_pass_mark_percentage",
            )
        ]

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_outline(course=self, user=request.user))
        return context


class ModulePage(AnonymousCacheMixin, CachedRouteMixin, Page):
    """A lesson of a course. Anyone may read it; progress and quizzes need an account."""

    introduction = models.TextField(_("wprowadzenie"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("szacowany czas (minuty)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    body = StreamField(ModuleStreamBlock(), verbose_name=_("treść modułu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("moduł kursu")
        verbose_name_plural = _("moduły kursu")

    @property
    def quiz_ids(self) -> list[str]:
        # The raw data, so that counting quizzes never loads images or documents.
        return [item["id"] for item in self.body.raw_data if item["type"] == "quiz"]

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.module_context(module=self, user=request.user))
        return context
