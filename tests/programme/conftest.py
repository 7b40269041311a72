import pytest

from cms import roles
from tests.factories import CentreFactory, UserFactory


@pytest.fixture(autouse=True)
def _roles(with_roles):
    pass


@pytest.fixture
def centre_coordinator(db):
    return UserFactory(role=roles.CENTRE_COORDINATORS, centre=CentreFactory())


@pytest.fixture
def participant_user(db):
    return UserFactory(role=roles.PARTICIPANTS)
