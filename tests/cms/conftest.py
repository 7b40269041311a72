"""Fixtures for the cms tests."""

import pytest


@pytest.fixture
def site_pages(db):
    """The demo page tree (Polish home page with its English translation and child pages)."""
    from cms.demo import _page_tree

    home, about = _page_tree()
    return home, about
