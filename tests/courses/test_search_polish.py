"""Search is right at once after a publish, and in Polish on PostgreSQL: diacritics folded,
inflected forms found (cms/search.py, cms/task_backends.py)."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from courses.models import ModulePage

from . import factories

# The production queue (cms/settings/production.py): tasks wait for `db_worker`, except the
# search index task, which runs once the publish has committed.
PRODUCTION_TASKS = {
    "default": {
        "BACKEND": "cms.task_backends.DatabaseBackend",
        "OPTIONS": {"RUN_AT_ONCE": ["modelsearch.tasks.insert_or_update_object_task"]},
    }
}

pytestmark = pytest.mark.django_db


def publish_module(course, capture, *, title, introduction):
    """A module made and published as the admin does, the transaction's commit included."""
    with capture(execute=True):
        module = course.add_child(
            instance=ModulePage(
                title=title,
                introduction=introduction,
                body=factories.module_body(with_quiz=False),
                live=False,
            )
        )
    with capture(execute=True):
        module.save_revision().publish()
    return module


def found(client, query):
    return client.get(reverse("courses:search"), {"q": query}).content.decode()


@override_settings(TASKS=PRODUCTION_TASKS)
def test_a_published_module_is_found_on_the_next_request(
    client, course_tree, django_capture_on_commit_callbacks
):
    course, _ = course_tree
    publish_module(
        course,
        django_capture_on_commit_callbacks,
        title="Superwizja zespołu",
        introduction="Jak prowadzić superwizję.",
    )

    assert "Superwizja zespołu" in found(client, "Superwizja")
    # Only the index task ran at once; the worker was left nothing to index.
    assert not DBTaskResult.objects.filter(task_path__startswith="modelsearch.").exists()


@pytest.mark.postgres
@override_settings(TASKS=PRODUCTION_TASKS)
@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("spolecznosc", "Społeczność lokalna"),
        ("SPOŁECZNOŚĆ", "Społeczność lokalna"),
        ("wolontariatu", "Wolontariat w gminie"),
        ("gminach", "Wolontariat w gminie"),
        ("swietlica", "Świetlica środowiskowa"),
    ],
)
def test_polish_words_are_found_without_diacritics_and_in_other_forms(
    client, course_tree, django_capture_on_commit_callbacks, query, title
):
    course, _ = course_tree
    for module_title in ("Społeczność lokalna", "Wolontariat w gminie", "Świetlica środowiskowa"):
        publish_module(
            course,
            django_capture_on_commit_callbacks,
            title=module_title,
            introduction="Wprowadzenie.",
        )

    content = found(client, query)

    assert title in content
    others = {"Społeczność lokalna", "Wolontariat w gminie", "Świetlica środowiskowa"} - {title}
    assert not any(other in content for other in others)


def test_a_failed_index_task_is_queued_for_the_worker(db, django_capture_on_commit_callbacks):
    from django_tasks import task_backends

    from cms.task_backends import SEARCH_INDEX_TASK

    with override_settings(TASKS=PRODUCTION_TASKS):
        from modelsearch.tasks import insert_or_update_object_task

        backend = task_backends["default"]
        assert SEARCH_INDEX_TASK in backend.run_at_once
        with django_capture_on_commit_callbacks(execute=True):
            # A page that does not exist: the task fails, and the worker gets it.
            insert_or_update_object_task.enqueue("wagtailcore", "page", "999999")

        assert DBTaskResult.objects.filter(task_path=SEARCH_INDEX_TASK).count() == 1
