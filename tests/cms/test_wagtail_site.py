"""cms.caching.wagtail_site hands Wagtail a cached Site and site root paths through two private
attributes Wagtail memoises them under. These tests fail when Wagtail stops reading either one:
then delete the module (see its docstring)."""

from unittest import mock

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from cms.caching.wagtail_site import remember_site

pytestmark = pytest.mark.django_db


def _request():
    site = Site.objects.get(is_default_site=True)
    return RequestFactory().get("/", HTTP_HOST=site.hostname, SERVER_PORT=site.port)


def test_wagtail_reads_the_site_it_was_given(site_pages, django_assert_num_queries):
    remember_site(_request())  # the site is now in the fragment cache
    request = _request()
    with django_assert_num_queries(0):
        remember_site(request)
        site = Site.find_for_request(request)
    assert site == Site.objects.get(is_default_site=True)


def test_wagtail_reads_the_site_root_paths_it_was_given(site_pages, django_assert_num_queries):
    _, about = site_pages
    request = _request()
    remember_site(request)
    looked_up = AssertionError("looked up")
    with (
        mock.patch.object(Site, "get_site_root_paths", side_effect=looked_up),
        django_assert_num_queries(0),
    ):
        url = about.get_url(request)
    assert url == about.url


def test_an_unknown_host_has_no_site(site_pages, settings):
    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.update(is_default_site=False)
    request = RequestFactory().get("/", HTTP_HOST="elsewhere.example")
    remember_site(request)
    assert Site.find_for_request(request) is None
