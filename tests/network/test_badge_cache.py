"""Pages that show a centre's CAL quality certificate badge are cached for anonymous visitors
for at most 15 minutes (network.models.BADGE_CACHE_SECONDS): certificates do not start a new
page generation, so the clock is what removes a revoked or expired badge."""

import time
from unittest import mock

import pytest

from tests.network import factories

pytestmark = pytest.mark.django_db


def cache_state(client, url, *, minutes_later):
    clock = mock.Mock(time=lambda: time.time() + minutes_later * 60)
    with mock.patch("django.core.cache.backends.locmem.time", clock):
        response = client.get(url)
    assert response.status_code == 200
    return response["X-Page-Cache"]


@pytest.mark.parametrize("page", ["index", "practice"])
def test_a_page_with_badges_leaves_the_cache_within_15_minutes(client, settings, page):
    settings.OSL_PAGE_CACHE_SECONDS = 60 * 60
    index = factories.practice_index()
    url = index.url if page == "index" else factories.PracticePageFactory().url
    client.get(url)  # a fresh site's first request makes its settings row: a new generation
    assert cache_state(client, url, minutes_later=0) == "miss"
    assert cache_state(client, url, minutes_later=14) == "hit"
    assert cache_state(client, url, minutes_later=16) == "miss"
