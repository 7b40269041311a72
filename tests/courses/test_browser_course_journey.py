"""The whole journey in Chromium: a trainer writes a module with a quiz in Wagtail's block editor,
a coordinator approves it, a learner finds it by search, studies it, passes that quiz and watches
the course progress move."""

import re

import pytest

from cms import roles
from courses.models import ModulePage
from tests.factories import PASSWORD, UserFactory
from tests.playwright_api import expect

from . import factories

MODULE_TITLE = "Budowanie partnerstwa krok po kroku"


def log_in(page, user):
    page.context.clear_cookies()
    page.goto("/konto/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


QUIZ = "body-0-value-questions-0-value"


def option_field(index, name):
    return f"#{QUIZ}-options-{index}-value-{name}"


def add_quiz_in_the_block_editor(page):
    """The trainer builds the self-check quiz in Wagtail's StreamField editor: the body's
    "Dodaj blok" (+) button, the block chooser, then the quiz's own labelled fields."""
    page.locator("[data-contentpath=body] button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Quiz sprawdzający").click()
    page.get_by_label("Tytuł quizu").fill("Sprawdź: partnerstwo lokalne")
    page.locator(f"#{QUIZ}-text").fill("Kogo warto zaprosić do partnerstwa lokalnego?")
    page.locator(f"#{QUIZ}-kind").select_option(label="Wielokrotny wybór")
    answers = [
        ("Szkołę i bibliotekę", True, "Tak: instytucje z okolicy wnoszą swoje zasoby."),
        ("Koło gospodyń wiejskich", True, ""),
        ("Tylko urzędników gminy", False, "Partnerstwo to więcej niż urząd."),
    ]
    options = page.locator("[data-contentpath=body] [data-contentpath=options]").first
    for index, (text, correct, feedback) in enumerate(answers):
        if index:  # the list starts with one empty answer; each next one from its "Dodaj"
            options.locator("button[title=Dodaj]").last.click()
        page.locator(option_field(index, "text")).fill(text)
        if correct:
            page.locator(option_field(index, "is_correct")).check()
        if feedback:
            page.locator(option_field(index, "feedback")).fill(feedback)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_trainer_coordinator_learner_journey(page, axe):
    factories.home_page()
    factories.coordinator_workflow()
    roles.ensure_roles()
    course = factories.CoursePageFactory(title="Organizator sieci w praktyce")
    factories.ModulePageFactory(parent=course, title="Kto jest w sieci")
    trainer = UserFactory(role=roles.TRAINERS)
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    learner = UserFactory(role=roles.PARTICIPANTS)

    # The trainer writes a module with a quiz in the Wagtail admin and submits it for approval.
    log_in(page, trainer)
    page.goto(f"/admin/pages/add/courses/modulepage/{course.pk}/")
    page.fill("#id_title", MODULE_TITLE)
    page.fill("#id_introduction", "Jak zaprosić szkołę, bibliotekę i koło gospodyń do współpracy.")
    add_quiz_in_the_block_editor(page)
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()
    module = ModulePage.objects.get(title=MODULE_TITLE)
    assert module.workflow_in_progress and not module.live
    draft = module.get_latest_revision_as_object()
    assert len(draft.quiz_ids) == 1

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
    quiz = module.body.blocks_by_name("quiz")[0].value
    assert [o["is_correct"] for o in quiz["questions"][0]["options"]] == [True, True, False]

    # The learner finds it from the catalogue's search form and starts the course there.
    log_in(page, learner)
    page.goto(course.get_parent().url)
    axe(page)
    page.fill("#course-search-q", "partnerstwa")
    page.locator("form.course-search button").click()
    page.get_by_role("link", name=MODULE_TITLE).click()
    expect(page.locator("h1")).to_have_text(MODULE_TITLE)
    axe(page)
    # The trainer's quiz, graded on the server: no answer key in the page source.
    assert "Partnerstwo to więcej niż urząd." not in page.content()
    expect(page.get_by_role("button", name="Oznacz moduł jako ukończony")).to_have_count(0)

    # Studies it and takes that quiz: a wrong choice first, then the right ones.
    page.locator("label", has_text="Tylko urzędników gminy").click()
    page.get_by_role("button", name="Sprawdź odpowiedzi").click()
    expect(page.locator(".quiz-result")).to_contain_text("Ostatni wynik: 0%")
    expect(page.locator(".quiz-result")).to_contain_text("Partnerstwo to więcej niż urząd.")
    page.locator("label", has_text="Szkołę i bibliotekę").click()
    page.locator("label", has_text="Koło gospodyń wiejskich").click()
    page.get_by_role("button", name="Sprawdź ponownie").click()
    expect(page.locator(".quiz-result")).to_contain_text("Ostatni wynik: 100%")
    expect(page.locator(".quiz-result")).to_contain_text("instytucje z okolicy wnoszą")
    expect(page.locator(".quiz-result")).to_be_focused()
    axe(page)

    # Passing the quiz, the module's only requirement, completes the module; the course
    # progress moves on the course page and in my learning.
    expect(page.get_by_text("Ten moduł jest ukończony.")).to_be_visible()
    page.goto(course.url)
    expect(page.locator(".course-progress")).to_contain_text("Ukończone moduły: 1 z 2 (50%)")
    axe(page)
    page.goto("/kursy/moja-nauka/")
    expect(page.locator(".course-progress")).to_contain_text("1 z 2 (50%)")
    axe(page)
