"""Fixtures for the cms tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    """allauth keeps its rate-limit counters in the cache; no test may inherit another's."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_pages(db):
    """The demo page tree (Polish home page with its English translation and child pages)."""
    from cms.demo import _page_tree

    home, about = _page_tree()
    return home, about
