"""The good-practice database as an anonymous visitor on a phone and a desktop: the index with
its map and filters, a practice, the CAL network page, each checked with axe-core and for no
sideways scrolling at 320 px."""

import pytest

from network import demo
from network.models import CalNetworkPage, PracticePage
from tests.playwright_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(tab):
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= tab.viewport_size["width"], f"{tab.url} is {width} px wide"


def test_visitor_finds_a_practice_on_the_map_and_in_the_list(site, page, mobile_page, axe):
    demo.seed()
    index = PracticePage.objects.live().first().get_parent()
    practice = PracticePage.objects.live().filter(voivodeship="podlaskie").first()

    for tab in (page, mobile_page):
        tab.goto(index.url)
        expect(tab.get_by_role("heading", level=1)).to_be_visible()
        axe(tab)
        tab.goto(f"{index.url}?woj=podlaskie")
        expect(tab.locator("main")).to_contain_text(practice.title)
        axe(tab)
        tab.goto(practice.url)
        expect(tab.get_by_role("heading", level=1)).to_have_text(practice.title)
        axe(tab)
        tab.goto(CalNetworkPage.objects.live().first().url)
        axe(tab)

    mobile_page.set_viewport_size({"width": 320, "height": 640})
    for url in (index.url, practice.url, CalNetworkPage.objects.live().first().url):
        mobile_page.goto(url)
        no_sideways_scroll(mobile_page)
