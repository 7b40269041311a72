import pytest

from tests.factories import UserFactory

from . import factories


@pytest.fixture
def course_tree(db):
    course = factories.course(role_obj=factories.role())
    modules = [factories.module(course, f"Moduł {i}") for i in range(1, 4)]
    return course, modules


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client
