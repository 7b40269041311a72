"""The catalogue, a course and a module render with a number of queries that does not grow with
the number of courses, modules or learners: measured at two data sizes and compared."""

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from tests.factories import UserFactory

from . import factories
from .factories import RIGHT_ANSWERS


def queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warm-up: site root paths, sessions
    cache.clear()  # measure rendering, not the anonymous page cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def learner_with_progress(modules):
    user = UserFactory()
    for module in modules:
        services.quiz_submit(
            user=user, module=module, quiz_id=module.quiz_ids[0], answers=RIGHT_ANSWERS
        )
        services.module_complete(user=user, module=module)
    return user


def grow(course, roles, extra_courses, extra_modules, extra_learners):
    for i in range(extra_courses):
        other = factories.CoursePageFactory(
            title=f"Kurs dodatkowy {course.pk}-{i}", role=roles[i % 2]
        )
        for j in range(3):
            factories.ModulePageFactory(parent=other, title=f"Moduł {j}")
    for i in range(extra_modules):
        factories.ModulePageFactory(parent=course, title=f"Moduł dodany {i}")
    for _ in range(extra_learners):
        learner_with_progress(list(course.get_children().live().specific())[:2])


def measure(course, module, learner):
    anonymous = Client()
    learner_client = Client()
    learner_client.force_login(learner)
    return {
        "anonymous catalogue": queries(anonymous, course.get_parent().url),
        "anonymous catalogue by role": queries(
            anonymous, course.get_parent().url + "?rola=animator-lokalny"
        ),
        "anonymous course": queries(anonymous, course.url),
        "anonymous module": queries(anonymous, module.url),
        "learner catalogue": queries(learner_client, course.get_parent().url),
        "learner course": queries(learner_client, course.url),
        "learner module": queries(learner_client, module.url),
        "my learning": queries(learner_client, reverse("courses:my_learning")),
        "search": queries(anonymous, reverse("courses:search") + "?q=lekcji"),
    }


def test_query_counts_do_not_grow_with_data(db):
    roles = [
        factories.ProfessionalRoleFactory(),
        factories.ProfessionalRoleFactory(
            name="Organizator sieci", slug="organizator-sieci", icon="network"
        ),
    ]
    course = factories.CoursePageFactory(role=roles[0])
    modules = [factories.ModulePageFactory(parent=course, title=f"Moduł {i}") for i in range(2)]
    learner = learner_with_progress(modules[:1])
    small = measure(course, modules[1], learner)

    grow(course, roles, extra_courses=6, extra_modules=6, extra_learners=5)
    other_course = factories.CoursePageFactory(title="Drugi kurs uczącej się", role=roles[1])
    learner_with_progress([factories.ModulePageFactory(parent=other_course, title="Moduł X")])
    services.course_start(user=learner, course=other_course)
    large = measure(course, modules[1], learner)

    assert small == large
    # Cold (every cache cleared before the measured request); the warm logged-in counts are in
    # test_logged_in_cache.py.
    assert max(large.values()) <= 27, large
