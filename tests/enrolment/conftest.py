import pytest

from cms import roles
from tests.factories import CentreFactory, UserFactory

from .factories import WorkshopFactory, participant


@pytest.fixture(autouse=True)
def _roles(with_roles):
    pass


@pytest.fixture
def workshop(db):
    return WorkshopFactory()


@pytest.fixture
def person(db):
    return participant()


@pytest.fixture
def centre(db):
    return CentreFactory()


@pytest.fixture
def centre_coordinator(centre):
    return UserFactory(role=roles.CENTRE_COORDINATORS, centre=centre)
