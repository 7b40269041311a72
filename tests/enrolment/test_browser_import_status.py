"""The status page of a background schedule import in real Chromium: it says the job waits,
follows its progress without a reload and, when the job is done, shows the report and tells a
screen reader so."""

import pytest
from django.urls import reverse

from cms import roles
from enrolment.models import ScheduleImport
from tests.factories import UserFactory
from tests.playwright_api import expect, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_status_page_follows_the_job_until_its_report(site, page, axe):  # noqa: F811
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    job = ScheduleImport.objects.create(
        file_name="duzy.csv", rows_total=300, uploaded_by=coordinator
    )
    log_in(page, coordinator)
    page.goto(reverse("enrolment_admin:import_status", args=[job.pk]))
    expect(page.get_by_text("Import czeka w kolejce")).to_be_visible()
    axe(page)

    ScheduleImport.objects.filter(pk=job.pk).update(state="running", rows_done=150)
    expect(page.get_by_text("Sprawdzono 150 z 300 wierszy.")).to_be_visible(timeout=10_000)
    expect(page.locator("progress")).to_have_attribute("value", "150")
    ScheduleImport.objects.filter(pk=job.pk).update(rows_done=250)
    expect(page.get_by_text("Sprawdzono 250 z 300 wierszy.")).to_be_visible(timeout=10_000)
    axe(page)

    report = {"rows": [{"number": 2, "code": "osl-2027-0001", "errors": [], "action": "created"}]}
    ScheduleImport.objects.filter(pk=job.pk).update(
        state="done", rows_done=300, report={**report, "file_errors": [], "applied": True}
    )
    expect(page.locator("#import-announce")).to_have_text(
        "Zaimportowano harmonogram: nowe 1, zmienione 0.", timeout=10_000
    )
    expect(page.get_by_role("cell", name="osl-2027-0001")).to_be_visible()
    axe(page)
