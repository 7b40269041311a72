"""The home and standard pages are answered from the anonymous page cache, and never stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.demo import _page_tree


@pytest.fixture
def home(db, settings):
    settings.OSL_PAGE_CACHE_SECONDS = 600
    home, _about = _page_tree()
    return home


def test_repeat_anonymous_home_page_is_served_from_cache_without_queries(client, home):
    first = client.get("/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_publishing_the_home_page_shows_the_new_text_at_once(client, home):
    assert "Od pomocy do samopomocy" in client.get("/").content.decode()
    home.hero_title = "Nowy tytuł powitania"
    home.save_revision().publish()
    body = client.get("/").content.decode()
    assert "Nowy tytuł powitania" in body


def test_logged_in_visitors_are_never_served_the_anonymous_copy(client, home, django_user_model):
    from tests.factories import UserFactory

    client.get("/")
    client.force_login(UserFactory(first_name="Halina"))
    response = client.get("/")
    assert "X-Page-Cache" not in response
    assert "Wyloguj się" in response.content.decode()
