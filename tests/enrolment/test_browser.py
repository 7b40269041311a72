"""Journeys in real Chromium with axe-core on every page: a social worker signs up and cancels,
a trainer takes attendance on a phone-sized screen."""

import datetime
import re
from pathlib import Path

import pytest
from django.utils import timezone

from cms import roles
from enrolment.models import AttendanceRecord, Enrolment, EnrolmentState
from enrolment.services import enrolment_create
from tests.factories import CentreFactory, UserFactory
from tests.playwright_api import expect, log_in

from .factories import VenueFactory, WorkshopFactory, participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_social_worker_finds_signs_up_downloads_ics_and_cancels(site, page, axe):
    centre = CentreFactory(voivodeship="podkarpackie", town="Ustrzyki Dolne")
    worker = participant(centre=centre, first_name="Jadwiga", last_name="Łęcka")
    near = WorkshopFactory(venue=VenueFactory(voivodeship="podkarpackie", town="Krosno"))
    far = WorkshopFactory(venue=VenueFactory(voivodeship="pomorskie", town="Gdynia"))

    log_in(page, worker)
    page.goto("/szkolenia/")
    axe(page)
    page.select_option("#id_wojewodztwo", "podkarpackie")
    page.get_by_role("button", name="Pokaż szkolenia").click()
    expect(page).to_have_url(re.compile(r"wojewodztwo=podkarpackie"))
    expect(page.get_by_text("Krosno")).to_be_visible()
    expect(page.get_by_text(far.code)).to_have_count(0)
    axe(page)

    page.get_by_role("link", name=near.course.title).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Krosno")
    axe(page)
    page.get_by_role("button", name="Zapisz się").click()
    expect(page.locator(".messages")).to_contain_text("Twoje miejsce jest potwierdzone")
    axe(page)
    assert Enrolment.objects.get(participant=worker).state == EnrolmentState.CONFIRMED

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Pobierz do kalendarza (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == f"szkolenie-{near.code}.ics"
    body = Path(download.path()).read_text(encoding="utf-8")
    assert body.count("BEGIN:VEVENT") == 2

    page.goto("/szkolenia/moje/")
    axe(page)
    page.get_by_role("link", name=re.compile("Wypisz się")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Czy na pewno")
    axe(page)
    page.get_by_role("button", name="Tak, wypisz mnie").click()
    expect(page.locator(".messages")).to_contain_text("Anulowano zapis")
    axe(page)
    assert Enrolment.objects.get(participant=worker).state == EnrolmentState.CANCELLED


def test_trainer_marks_attendance_on_a_phone(site, mobile_page, axe):
    trainer = UserFactory(role=roles.TRAINERS, centre=None, first_name="Tomasz")
    today = timezone.localdate()
    workshop = WorkshopFactory(
        day_one_date=today, day_two_date=today + datetime.timedelta(days=1), trainers=[trainer]
    )
    people = [participant(first_name=n) for n in ("Ala", "Bogna", "Cezary")]
    before = timezone.now() - datetime.timedelta(days=30)
    for person in people:
        enrolment_create(participant=person, workshop=workshop, actor=person, now=before)

    log_in(mobile_page, trainer)
    mobile_page.goto("/szkolenia/prowadzone/")
    axe(mobile_page)
    mobile_page.get_by_role("link", name=re.compile("Obecność, dzień 1")).click()
    expect(mobile_page.get_by_role("heading", level=1)).to_contain_text("dzień 1")
    axe(mobile_page)
    rows = mobile_page.locator(".attendance-row")
    rows.nth(0).get_by_label("obecny(-a)", exact=True).check()
    rows.nth(1).get_by_label("częściowo", exact=True).check()
    rows.nth(1).get_by_label(re.compile("Godziny")).fill("4")
    rows.nth(2).get_by_label("nieobecny(-a)", exact=True).check()
    mobile_page.get_by_role("button", name="Zapisz obecność").click()
    expect(mobile_page.locator(".messages")).to_contain_text("Zapisano obecność")
    axe(mobile_page)
    statuses = sorted(AttendanceRecord.objects.values_list("status", flat=True))
    assert statuses == ["absent", "partial", "present"]
    assert set(AttendanceRecord.objects.values_list("marked_by", flat=True)) == {trainer.pk}
