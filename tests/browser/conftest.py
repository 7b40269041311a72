"""Fixtures for the account browser tests (the site itself: tests/conftest.py `site`)."""

import pytest

from tests.factories import CentreFactory


@pytest.fixture
def centres(transactional_db):
    return [
        CentreFactory(
            name="Miejski Ośrodek Pomocy Społecznej", town="Kraków", voivodeship="malopolskie"
        ),
        CentreFactory(
            name="Gminny Ośrodek Pomocy Społecznej",
            town="Ustrzyki Dolne",
            voivodeship="podkarpackie",
        ),
        CentreFactory(name="Ośrodek Pomocy Społecznej", town="Gdynia", voivodeship="pomorskie"),
    ]
