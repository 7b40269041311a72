"""Fixtures for the browser tests: the smallest site a visitor can walk through."""

import pytest
from wagtail.models import Locale, Page

from cms import demo
from tests.factories import CentreFactory


@pytest.fixture
def site(transactional_db):
    """The home page as the default Site's root, with its menu pages and site settings.

    Transactional tests flush the database afterwards, taking Wagtail's migration-made root page
    with it, so the root is rebuilt here when it is missing."""
    locale, _ = Locale.objects.get_or_create(language_code="pl")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home, _about = demo._page_tree()
    return home


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
