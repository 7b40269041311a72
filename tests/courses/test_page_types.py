"""Wagtail's own page tests for every course page type: tree rules, render, edit, preview."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import HomePage, StandardPage
from courses.models import CourseIndexPage, CoursePage, ModulePage

from . import factories


class CoursePageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = factories.home_page()
        cls.role = factories.ProfessionalRoleFactory()
        cls.index = factories.catalogue()
        cls.course = factories.CoursePageFactory(role=cls.role)
        cls.module = factories.ModulePageFactory(parent=cls.course, title="Moduł pierwszy")

    def test_catalogue_lives_only_under_a_home_page(self):
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertCanNotCreateAt(Page, CourseIndexPage)
        self.assertCanNotCreateAt(StandardPage, CourseIndexPage)
        self.assertCanNotCreateAt(CoursePage, CourseIndexPage)
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})

    def test_course_lives_only_in_the_catalogue(self):
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(CoursePage, CoursePage)
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})

    def test_module_lives_only_in_a_course(self):
        self.assertCanCreateAt(CoursePage, ModulePage)
        self.assertCanNotCreateAt(CourseIndexPage, ModulePage)
        self.assertCanNotCreateAt(HomePage, ModulePage)
        self.assertCanNotCreateAt(ModulePage, ModulePage)
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})

    def test_only_one_catalogue_per_home_page(self):
        home = HomePage.objects.get(pk=self.home.pk)  # a fresh numchild
        self.assertFalse(CourseIndexPage.can_create_at(home))

    def test_pages_render(self):
        for page in [self.index, self.course, self.module]:
            self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(self.index, query_data={"rola": self.role.slug})

    def module_post_data(self):
        return nested_form_data(
            {
                "title": self.module.title,
                "slug": self.module.slug,
                "introduction": "Nowe wprowadzenie.",
                "estimated_minutes": 20,
                "body": streamfield([("paragraph", rich_text("<p>Lekcja.</p>"))]),
            }
        )

    def test_pages_are_editable(self):
        for page in [self.index, self.course]:
            self.assertPageIsEditable(page)
        self.assertPageIsEditable(self.module, post_data=self.module_post_data())

    def test_pages_are_previewable(self):
        for page in [self.index, self.course]:
            self.assertPageIsPreviewable(page)
        self.assertPageIsPreviewable(self.module, post_data=self.module_post_data())

    def test_module_with_a_quiz_can_be_created_in_the_admin(self):
        self.login()
        self.assertCanCreate(
            self.course,
            ModulePage,
            nested_form_data(
                {
                    "title": "Mapa potrzeb i zasobów",
                    "slug": "mapa-potrzeb",
                    "introduction": "Jak poznać swoją społeczność.",
                    "estimated_minutes": 25,
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>Zacznij od spaceru.</p>")),
                            (
                                "quiz",
                                {
                                    "title": "Sprawdź się",
                                    "questions": streamfield(
                                        [
                                            (
                                                "item",
                                                {
                                                    "text": "Od czego zacząć?",
                                                    "kind": "single",
                                                    "options": streamfield(
                                                        [
                                                            (
                                                                "item",
                                                                {
                                                                    "text": "Od rozmowy",
                                                                    "is_correct": "on",
                                                                    "feedback": "",
                                                                },
                                                            ),
                                                            (
                                                                "item",
                                                                {
                                                                    "text": "Od ankiety",
                                                                    "feedback": "",
                                                                },
                                                            ),
                                                        ]
                                                    ),
                                                },
                                            )
                                        ]
                                    ),
                                },
                            ),
                        ]
                    ),
                }
            ),
        )
        created = ModulePage.objects.get(slug="mapa-potrzeb")
        self.assertEqual(len(created.quiz_ids), 1)

    def test_single_choice_question_needs_exactly_one_correct_option(self):
        from django.core.exceptions import ValidationError

        from courses.blocks import QuizQuestionBlock

        block = QuizQuestionBlock()
        value = block.to_python(
            {
                "text": "Pytanie",
                "kind": "single",
                "options": [
                    {"text": "A", "is_correct": True, "feedback": ""},
                    {"text": "B", "is_correct": True, "feedback": ""},
                ],
            }
        )
        with self.assertRaises(ValidationError):
            block.clean(value)
        value["kind"] = "multiple"
        block.clean(value)
