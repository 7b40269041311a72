import pytest
from django.test import Client

from tests.factories import UserFactory

from . import factories


@pytest.fixture
def course_tree(db):
    course = factories.CoursePageFactory(role=factories.ProfessionalRoleFactory())
    modules = [factories.ModulePageFactory(parent=course, title=f"Moduł {i}") for i in range(1, 4)]
    return course, modules


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def learner_client(learner):
    # A client of its own, so a test can act as a trainer through `client` at the same time.
    learner_client = Client()
    learner_client.force_login(learner)
    return learner_client


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    # The local-memory cache outlives each test's database rollback.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
