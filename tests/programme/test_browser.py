"""The dashboard in real Chromium, axe-core clean at desktop and phone width; a voivodeship on
the map leads to its workshops."""

import re

import pytest
from django.utils import timezone

from cms import roles
from tests.factories import UserFactory
from tests.playwright_api import expect, log_in

from .world import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_reads_the_dashboard_and_follows_the_map(site, page, mobile_page, axe):
    build(timezone.localdate())
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS, centre=None)

    log_in(page, coordinator)
    page.goto("/admin/")
    expect(page.get_by_role("heading", name="Postęp programu")).to_be_visible()
    axe(page)
    page.goto("/admin/program/")
    expect(page.get_by_role("table").first).to_contain_text("mazowieckie")
    axe(page)

    region = page.locator("a.programme-region").filter(
        has=page.locator("title", has_text="mazowieckie")
    )
    region.focus()
    expect(region).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"venue__voivodeship=mazowieckie"))

    page.goto("/admin/program/?sort=-seats")
    expect(page.locator("tbody tr").first).to_contain_text("mazowieckie")

    log_in(mobile_page, coordinator)
    mobile_page.goto("/admin/program/")
    axe(mobile_page)
