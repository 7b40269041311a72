"""The demo good practices: 30 and more in all 16 voivodeships, valid, found, made once."""

import pytest

from cms.models import Voivodeship
from network import demo
from network.demo_content import PRACTICES
from network.models import CalNetworkPage, PracticePage, PracticeTheme
from tests.courses.factories import home_page

pytestmark = pytest.mark.django_db


def test_demo_practices_cover_the_country_and_are_made_once(client):
    home_page()
    demo.seed()
    practices = PracticePage.objects.live()
    assert practices.count() == len(PRACTICES) >= 30
    assert set(practices.values_list("voivodeship", flat=True)) == set(Voivodeship.values)
    for practice in practices:
        practice.full_clean()  # every record passes the admin's validation
        assert practice.themes.exists()
    demo.seed()
    assert PracticePage.objects.count() == len(PRACTICES)
    assert PracticeTheme.objects.count() == len(demo.THEMES)
    assert CalNetworkPage.objects.live().count() == 1

    index = practices.first().get_parent()
    response = client.get(index.url, {"q": "Lancut"})
    # The best match first (PostgreSQL's trigram search may add near matches after it).
    assert [p.town for p in response.context["practices"]][0] == "Łańcut"
    response = client.get(index.url, {"woj": "podlaskie"})
    assert response.context["total"] == 2
