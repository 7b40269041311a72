"""Fixtures for the cms tests."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth keeps its rate-limit counters in the cache; no test may inherit another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in the test thread, and reverse() would then
    give /en/ URLs in the next test. Each test starts in the default language, Polish."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site_pages(db):
    """The demo page tree (Polish home page with its English translation and child pages)."""
    from cms.demo import _page_tree

    home, about = _page_tree()
    return home, about
