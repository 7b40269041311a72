"""Header and footer fragments cached for anonymous visitors (cms.fragment_cache): served from
the cache while nothing changes, and never stale once a page, site or site setting changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.demo import _child_page
from cms.models import SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _whole_page_cache_off(settings):
    # These tests measure the header/footer fragments; the whole-page cache would hide them.
    settings.OSL_PAGE_CACHE_SECONDS = 0


def get(client, path="/"):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


def test_second_anonymous_visit_reuses_header_and_footer(client, site_pages):
    get(client)
    with CaptureQueriesContext(connection) as warm:
        html = client.get("/").content.decode()
    # Only the footer reads site settings; only the menu lists the pages shown in menus.
    assert not [q for q in warm.captured_queries if "cms_sitesettings" in q["sql"]]
    assert not [q for q in warm.captured_queries if '"show_in_menus")' in q["sql"]]
    assert "O programie" in html
    assert "Ochrona danych osobowych" in html


def test_published_menu_page_appears_at_once(client, site_pages):
    home, _ = site_pages
    get(client)
    _child_page(home, "szkolenia-w-regionach", "Szkolenia w regionach", "Wprowadzenie")
    html, _ = get(client)
    assert "Szkolenia w regionach" in html


def test_unpublished_menu_page_disappears_at_once(client, site_pages):
    _, about = site_pages
    assert "O programie" in get(client)[0]
    about.unpublish()
    assert "O programie" not in get(client)[0]


def test_changed_site_settings_show_in_footer_at_once(client, site_pages):
    get(client)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = "22 111 22 33"
    settings.save()
    assert "22 111 22 33" in get(client)[0]


def test_logged_in_header_is_never_served_from_the_anonymous_cache(client, site_pages):
    assert "Zaloguj się" in get(client)[0]
    client.force_login(UserFactory())
    html, _ = get(client)
    assert "Wyloguj się" in html
    assert "Zaloguj się" not in html
    client.logout()
    assert "Zaloguj się" in get(client)[0]


def test_each_language_has_its_own_header(client, site_pages):
    assert 'lang="pl"' in get(client)[0]
    html, _ = get(client, "/en/")
    assert '<html lang="en">' in html


def test_cache_off_when_timeout_is_zero(client, site_pages, settings):
    settings.OSL_FRAGMENT_CACHE_SECONDS = 0
    get(client)
    _, off = get(client)
    settings.OSL_FRAGMENT_CACHE_SECONDS = 600
    get(client)
    _, on = get(client)
    assert on < off


def test_anonymous_home_page_query_budget(client, site_pages, django_assert_max_num_queries):
    get(client)
    with django_assert_max_num_queries(5):
        client.get("/")
