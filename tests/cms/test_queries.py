"""Query counts: pages cost a fixed number of queries, however many centres, staff or pages.

Measured cold (cache emptied first), so cached fragments do not hide a query that grows."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms import roles
from cms.demo import _child_page
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


def queries(client, path):
    """Queries for a render with the cache emptied (nothing served from it), once the
    process-wide caches (content types, locales) are warm."""
    client.get(path)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def test_signup_page_lists_centres_in_one_query(client, django_assert_max_num_queries):
    CentreFactory.create_batch(5)
    few = queries(client, reverse("account_signup"))
    CentreFactory.create_batch(40, voivodeship="lubelskie")

    cache.clear()
    with django_assert_max_num_queries(6):
        client.get(reverse("account_signup"))
    assert queries(client, reverse("account_signup")) == few


def test_my_centre_does_not_grow_with_staff(client, django_assert_max_num_queries):
    centre = CentreFactory()
    coordinator = UserFactory(centre=centre, role=roles.CENTRE_COORDINATORS)
    UserFactory.create_batch(2, centre=centre)
    client.force_login(coordinator)
    few = queries(client, reverse("cms:my_centre"))
    UserFactory.create_batch(20, centre=centre)

    cache.clear()
    with django_assert_max_num_queries(12):
        client.get(reverse("cms:my_centre"))
    assert queries(client, reverse("cms:my_centre")) == few


def test_home_page_does_not_grow_with_menu_pages(client, site_pages, django_assert_max_num_queries):
    home, _ = site_pages
    few = queries(client, "/")
    for i in range(5):
        _child_page(home, f"strona-{i}", f"Strona {i}", "Wprowadzenie")

    cache.clear()
    with django_assert_max_num_queries(13):
        client.get("/")
    assert queries(client, "/") == few


def test_account_pages_query_budget(client, django_assert_max_num_queries):
    client.force_login(UserFactory())
    cache.clear()
    # 15, and one for a request to move to another centre that may be waiting.
    with django_assert_max_num_queries(16):
        client.get(reverse("cms:profile"))
    cache.clear()
    # Each app's personal-data collector adds a few queries of its own (a fixed number, not one
    # per record): the budget is the page's own 16 plus theirs.
    with django_assert_max_num_queries(40):
        client.get(reverse("cms:my_data"))
