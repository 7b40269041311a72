"""The whole journey in Chromium: a trainer writes a module, a coordinator approves it, a learner
finds it by search, studies it, passes a quiz and watches the course progress move."""

import re

import pytest
from playwright.sync_api import expect

from cms import roles
from courses.models import ModulePage
from tests.factories import PASSWORD, UserFactory

from . import factories

MODULE_TITLE = "Budowanie partnerstwa krok po kroku"


def log_in(page, user):
    page.context.clear_cookies()
    page.goto("/konto/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_trainer_coordinator_learner_journey(page, axe):
    factories.home_page()
    factories.coordinator_workflow()
    roles.ensure_roles()
    course = factories.course("Organizator sieci w praktyce")
    first = factories.module(course, "Kto jest w sieci")
    trainer = UserFactory(role=roles.TRAINERS)
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    learner = UserFactory(role=roles.PARTICIPANTS)

    # The trainer writes a module in the Wagtail admin and submits it for approval.
    log_in(page, trainer)
    page.goto(f"/admin/pages/add/courses/modulepage/{course.pk}/")
    page.fill("#id_title", MODULE_TITLE)
    page.fill("#id_introduction", "Jak zaprosić szkołę, bibliotekę i koło gospodyń do współpracy.")
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()
    module = ModulePage.objects.get(title=MODULE_TITLE)
    assert module.workflow_in_progress and not module.live

    # The coordinator approves it.
    log_in(page, coordinator)
    page.goto(f"/admin/pages/{module.pk}/edit/")
    approve = page.locator("[data-workflow-action-name=approve]").first
    if not approve.is_visible():
        page.locator(
            "footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]"
        ).first.click()
    approve.click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text(re.compile("zatwierdz|opublikowan", re.I))
    module.refresh_from_db()
    assert module.live

    # The learner finds it from the catalogue's search form, studies it and marks it done.
    log_in(page, learner)
    page.goto(course.get_parent().url)
    axe(page)
    page.fill("#course-search-q", "partnerstwa")
    page.locator("form.course-search button").click()
    page.get_by_role("link", name=MODULE_TITLE).click()
    expect(page.locator("h1")).to_have_text(MODULE_TITLE)
    axe(page)
    page.get_by_role("button", name="Oznacz moduł jako ukończony").click()
    page.goto(course.url)
    expect(page.locator(".course-progress")).to_contain_text("Ukończone moduły: 1 z 2 (50%)")
    axe(page)

    # Then passes the first module's quiz and finishes the course.
    page.goto(first.url)
    page.locator("label", has_text="Od pomocy do samopomocy").click()
    page.locator("label", has_text="Animator lokalny").click()
    page.locator("label", has_text="Organizator sieci społecznych").click()
    page.get_by_role("button", name="Sprawdź odpowiedzi").click()
    expect(page.locator(".quiz-result")).to_contain_text("Ostatni wynik: 100%")
    axe(page)
    page.get_by_role("button", name="Oznacz moduł jako ukończony").click()
    page.goto("/kursy/moja-nauka/")
    expect(page.locator(".course-progress")).to_contain_text("2 z 2 (100%)")
    expect(page.locator(".course-progress")).to_contain_text("Kurs ukończony")
    axe(page)
