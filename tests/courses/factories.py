"""Builders for the course tree. Pages are added through Wagtail's tree API, so paths, depths and
revisions are what the admin would make."""

import json
import uuid

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


def home_page():
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    if root is None:  # a transactional test before this one flushed the migrations' data
        Locale.objects.get_or_create(language_code="pl")
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Akademia OSL", slug="start", hero_title="Witaj"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return home


def coordinator_workflow():
    """The workflow from the data migration (re-created if a flush removed it)."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("courses.migrations.0003_coordinator_approval_workflow")
    migration.create_workflow(apps, None)


def role(name="Animator lokalny", slug="animator-lokalny", icon="spark"):
    obj, _ = ProfessionalRole.objects.get_or_create(
        slug=slug, defaults={"name": name, "icon": icon, "description": f"Opis roli {name}."}
    )
    return obj


def catalogue():
    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    return home_page().add_child(instance=CourseIndexPage(title="Kursy", slug="kursy-online"))


def course(title="Animator lokalny w praktyce", *, role_obj=None, pass_mark=70, live=True):
    page = catalogue().add_child(
        instance=CoursePage(
            title=title,
            description="<p>Opis kursu.</p>",
            role=role_obj,
            pass_mark=pass_mark,
            live=live,
        )
    )
    return page


def module(course_page, title="Moduł", *, with_quiz=True, live=True, quiz_id=None):
    return course_page.add_child(
        instance=ModulePage(
            title=title,
            introduction="Wprowadzenie do modułu.",
            body=module_body(with_quiz=with_quiz, quiz_id=quiz_id),
            live=live,
        )
    )


def quiz_id_of(module_page):
    return module_page.quiz_ids[0]
