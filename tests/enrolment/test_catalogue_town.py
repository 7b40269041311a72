"""The catalogue finds workshops by town: any case, with or without Polish letters, in the
basic or an inflected form (cms.search.town_matches, enrolment.selectors.venues_in_town)."""

import pytest
from django.urls import reverse

from cms.search import fold, town_matches

from .factories import VenueFactory, WorkshopFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "town", "matches"),
    [
        ("lodz", "Łódź", True),
        ("Łodzi", "Łódź", True),
        ("ŁÓDŹ", "Łódź", True),
        ("krakowie", "Kraków", True),
        ("warszawie", "Warszawa", True),
        ("Gdyni", "Gdynia", True),
        ("zielona gora", "Zielona Góra", True),
        ("kra", "Kraków", True),  # the start of a name
        ("lo", "Łódź", False),  # too short to mean a town
        ("radomsko", "Radom", False),
        ("radomiu", "Radom", True),
        ("kielcach", "Kielce", True),
        ("poznaniem", "Poznań", True),
        ("gdansk", "Gdynia", False),
        ("", "Łódź", False),
    ],
)
def test_town_matches(query, town, matches):
    assert town_matches(query, town) is matches


def test_fold_removes_polish_letters():
    assert fold(" Zażółć Gęślą Jaźń ") == "zazolc gesla jazn"


def test_the_catalogue_filters_by_town(client):
    lodz = WorkshopFactory(venue=VenueFactory(town="Łódź"))
    krakow = WorkshopFactory(venue=VenueFactory(town="Kraków", voivodeship="małopolskie"))
    url = reverse("enrolment:catalogue")

    for query in ("lodz", "Łodzi", "ŁÓDŹ"):
        content = client.get(url, {"miejscowosc": query}).content.decode()
        assert f"Kod: {lodz.code}" in content, query
        assert f"Kod: {krakow.code}" not in content, query

    content = client.get(url, {"miejscowosc": "krakowie"}).content.decode()
    assert f"Kod: {krakow.code}" in content and f"Kod: {lodz.code}" not in content
    nothing = client.get(url, {"miejscowosc": "Szczecin"})
    assert nothing.status_code == 200
    assert "Brak szkoleń spełniających wybrane warunki." in nothing.content.decode()
    too_long = client.get(url, {"miejscowosc": "x" * 101})
    assert too_long.status_code == 200
    assert "co najwyżej 100 znaków" in too_long.content.decode()
