"""Searching the admin centre list (programme coordinators) by name, town and county."""

import pytest
from django.urls import reverse

from cms import roles
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["Sosnówka", "Wąchock", "starachowicki"])
def test_programme_coordinator_finds_a_centre_by_name_town_and_county(client, query):
    roles.ensure_roles()
    wanted = CentreFactory(
        name="Centrum Aktywności Sosnówka", town="Wąchock", county="starachowicki"
    )
    other = CentreFactory(name="Ośrodek Kultury w Zgierzu", town="Zgierz", county="zgierski")
    client.force_login(UserFactory(role=roles.PROGRAMME_COORDINATORS))
    response = client.get(reverse("wagtailsnippets_cms_centre:list"), {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert wanted.name in body
    assert other.name not in body
