"""Factories for the courses app. Pages are added through Wagtail's tree API (`add_child` under
their `parent`), so paths and depths are what the admin would make."""

import json
import uuid

import factory
from wagtail.models import Locale, Page, Site

from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, ModulePage, ProfessionalRole


def quiz_value(title="Sprawdź się"):
    return {
        "title": title,
        "questions": [
            {
                "text": "Jakie jest motto Modelu OSL?",
                "kind": "single",
                "options": [
                    {"text": "Od pomocy do samopomocy", "is_correct": True, "feedback": "Tak!"},
                    {"text": "Najpierw procedury", "is_correct": False, "feedback": "Nie."},
                    {"text": "Każdy sobie", "is_correct": False, "feedback": ""},
                ],
            },
            {
                "text": "Które role są nowymi rolami pracownika socjalnego?",
                "kind": "multiple",
                "options": [
                    {"text": "Animator lokalny", "is_correct": True, "feedback": ""},
                    {"text": "Organizator sieci społecznych", "is_correct": True, "feedback": ""},
                    {
                        "text": "Kontroler zasiłków",
                        "is_correct": False,
                        "feedback": "To nie ta rola.",
                    },
                ],
            },
        ],
    }


# Answers as a browser posts them: one right and one wrong set.
RIGHT_ANSWERS = {"q0": ["o0"], "q1": ["o0", "o1"]}
HALF_RIGHT_ANSWERS = {"q0": ["o0"], "q1": ["o0"]}
WRONG_ANSWERS = {"q0": ["o1"], "q1": ["o2"]}


def module_body(*, with_quiz=True, quiz_id=None):
    body = [
        {
            "type": "heading",
            "value": {"text": "Wprowadzenie", "level": "h2"},
            "id": str(uuid.uuid4()),
        },
        {"type": "paragraph", "value": "<p>Treść lekcji o animacji.</p>", "id": str(uuid.uuid4())},
    ]
    if with_quiz:
        body.append({"type": "quiz", "value": quiz_value(), "id": quiz_id or str(uuid.uuid4())})
    return json.dumps(body)


class ProfessionalRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfessionalRole
        django_get_or_create = ("slug",)

    name = "Animator lokalny"
    slug = "animator-lokalny"
    icon = "spark"
    description = factory.LazyAttribute(lambda o: f"Opis roli {o.name}.")


class PageFactory(factory.django.DjangoModelFactory):
    """A Wagtail page, created as the last child of `parent`."""

    class Meta:
        abstract = True

    parent = None

    @classmethod
    def _build(cls, model_class, *args, parent=None, **kwargs):
        return model_class(*args, **kwargs)

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        return parent.add_child(instance=model_class(*args, **kwargs))


def _tree_root():
    root = Page.get_first_root_node()
    if root is None:  # a transactional test before this one flushed the migrations' data
        Locale.objects.get_or_create(language_code="pl")
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


class HomePageFactory(PageFactory):
    """A home page under the tree's root, made the default site's root."""

    class Meta:
        model = HomePage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(_tree_root)
    title = "Akademia OSL"
    slug = "start"
    hero_title = "Witaj"

    @factory.post_generation
    def site(obj, create, extracted, **kwargs):
        if create:
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": "localhost", "root_page": obj}
            )


def home_page():
    """The site's home page: the one there is, or a new one from HomePageFactory."""
    return HomePage.objects.first() or HomePageFactory()


class CourseIndexPageFactory(PageFactory):
    class Meta:
        model = CourseIndexPage

    parent = factory.LazyFunction(home_page)
    title = "Kursy"
    slug = "kursy-online"


def catalogue():
    """The course catalogue: the one there is, or a new one from CourseIndexPageFactory."""
    return CourseIndexPage.objects.first() or CourseIndexPageFactory()


class CoursePageFactory(PageFactory):
    """A course in the catalogue (Wagtail makes its slug from the title, unique among siblings)."""

    class Meta:
        model = CoursePage

    parent = factory.LazyFunction(catalogue)
    title = "Animator lokalny w praktyce"
    description = "<p>Opis kursu.</p>"
    role = None
    pass_mark = 70
    live = True


class ModulePageFactory(PageFactory):
    """A module of a course (a new course unless `parent` is given), with a quiz unless
    `with_quiz=False`; `quiz_id` fixes the quiz block's id."""

    class Meta:
        model = ModulePage

    class Params:
        with_quiz = True
        quiz_id = None

    parent = factory.SubFactory(CoursePageFactory)
    title = "Moduł"
    introduction = "Wprowadzenie do modułu."
    body = factory.LazyAttribute(lambda o: module_body(with_quiz=o.with_quiz, quiz_id=o.quiz_id))
    live = True


def coordinator_workflow():
    """The workflow from the data migration (re-created if a flush removed it)."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("courses.migrations.0003_coordinator_approval_workflow")
    migration.create_workflow(apps, None)


def quiz_id_of(module_page):
    return module_page.quiz_ids[0]
