import pytest
from django.urls import reverse

from cms.services.accounts import user_delete_account, user_personal_data
from courses import selectors
from courses.models import CourseProgress, ModuleCompletion, QuizAttempt

from . import factories
from .factories import HALF_RIGHT_ANSWERS, RIGHT_ANSWERS, WRONG_ANSWERS


def post_quiz(client, module, answers, quiz_id=None):
    data = {"quiz": quiz_id or factories.quiz_id_of(module), **answers}
    return client.post(reverse("courses:quiz_submit", args=[module.pk]), data)


def finish(client, module):
    if module.quiz_ids:
        assert post_quiz(client, module, RIGHT_ANSWERS).status_code == 302
    return client.post(reverse("courses:module_complete", args=[module.pk]))


def test_anonymous_reads_module_but_sees_no_quiz_form(client, course_tree):
    _, modules = course_tree
    response = client.get(modules[0].url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jakie jest motto Modelu OSL?" in content
    assert 'name="quiz"' not in content
    assert "Zaloguj się, aby rozwiązać quiz" in content


def test_anonymous_quiz_post_redirects_to_login_and_stores_nothing(client, course_tree):
    _, modules = course_tree
    response = post_quiz(client, modules[0], RIGHT_ANSWERS)
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
    assert not QuizAttempt.objects.exists()


def test_page_source_never_contains_correct_answers_or_feedback(learner_client, course_tree):
    _, modules = course_tree
    content = learner_client.get(modules[0].url).content.decode()
    assert 'name="q0" value="o0"' in content
    assert "is_correct" not in content
    assert "Tak!" not in content  # feedback is only shown after an attempt
    assert "To nie ta rola." not in content
    assert "checked" not in content


def test_starting_a_course_goes_to_the_first_module(learner_client, learner, course_tree):
    course, modules = course_tree
    response = learner_client.post(reverse("courses:course_start", args=[course.pk]))
    assert response.status_code == 302
    assert response["Location"] == modules[0].url
    assert CourseProgress.objects.filter(user=learner, course=course).count() == 1
    learner_client.post(reverse("courses:course_start", args=[course.pk]))
    assert CourseProgress.objects.filter(user=learner, course=course).count() == 1


def test_start_requires_post(learner_client, course_tree):
    course, _ = course_tree
    assert learner_client.get(reverse("courses:course_start", args=[course.pk])).status_code == 405


def test_quiz_is_graded_on_the_server(learner_client, learner, course_tree):
    course, modules = course_tree
    post_quiz(learner_client, modules[0], HALF_RIGHT_ANSWERS)
    attempt = QuizAttempt.objects.get(user=learner)
    assert (attempt.score, attempt.passed, attempt.pass_mark) == (50, False, 70)
    post_quiz(learner_client, modules[0], RIGHT_ANSWERS)
    best = QuizAttempt.objects.filter(user=learner).order_by("-pk").first()
    assert (best.score, best.passed) == (100, True)
    # Retaking never deletes: both attempts are kept.
    assert QuizAttempt.objects.filter(user=learner).count() == 2


def test_feedback_for_chosen_options_is_shown_after_an_attempt(learner_client, course_tree):
    _, modules = course_tree
    post_quiz(learner_client, modules[0], WRONG_ANSWERS)
    content = learner_client.get(modules[0].url).content.decode()
    assert "Nie." in content
    assert "To nie ta rola." in content
    assert "Ostatni wynik: 0%" in content


def test_pass_mark_is_the_courses(learner_client, learner):
    course = factories.CoursePageFactory(pass_mark=50)
    module = factories.ModulePageFactory(parent=course)
    post_quiz(learner_client, module, HALF_RIGHT_ANSWERS)
    assert QuizAttempt.objects.get(user=learner).passed is True


TAMPERED = [
    ("unknown quiz", None, "nie-ma-takiego-quizu", "Tego quizu nie ma w module"),
    ("unknown question", {**RIGHT_ANSWERS, "q7": ["o0"]}, None, "pytanie, którego nie ma"),
    ("odd field", {**RIGHT_ANSWERS, "hack": ["1"]}, None, "pytanie, którego nie ma"),
    ("unknown option", {"q0": ["o9"], "q1": ["o0"]}, None, "Pytanie nr 1: przesłano odpowiedź"),
    ("wrong type", {"q0": ["prawda"], "q1": ["o0"]}, None, "Pytanie nr 1: przesłano odpowiedź"),
    ("negative", {"q0": ["o-1"], "q1": ["o0"]}, None, "Pytanie nr 1: przesłano odpowiedź"),
    ("missing answer", {"q0": ["o0"]}, None, "Brakuje odpowiedzi na pytanie nr 2"),
    ("empty answer", {"q0": ["o0"], "q1": [""]}, None, "Pytanie nr 2: przesłano odpowiedź"),
    ("two for single", {"q0": ["o0", "o1"], "q1": ["o0"]}, None, "tylko jedną odpowiedź"),
]


@pytest.mark.parametrize(("case", "answers", "quiz_id", "message"), TAMPERED)
def test_tampered_quiz_post_gets_400_and_changes_nothing(
    learner_client, course_tree, case, answers, quiz_id, message
):
    _, modules = course_tree
    response = post_quiz(
        learner_client, modules[0], RIGHT_ANSWERS if answers is None else answers, quiz_id
    )
    assert response.status_code == 400, case
    assert message in response.content.decode()
    assert not QuizAttempt.objects.exists()
    assert not CourseProgress.objects.exists()


def test_a_module_with_a_quiz_is_done_by_passing_it(learner_client, learner, course_tree):
    _, modules = course_tree
    page = learner_client.get(modules[0].url).content.decode()
    assert "Oznacz moduł jako ukończony" not in page
    assert "Zalicz quiz sprawdzający, aby oznaczyć moduł" in page
    url = reverse("courses:module_complete", args=[modules[0].pk])
    response = learner_client.post(url, follow=True)
    assert "najpierw zalicz quiz" in response.content.decode()
    assert not ModuleCompletion.objects.exists()
    post_quiz(learner_client, modules[0], HALF_RIGHT_ANSWERS)
    assert not ModuleCompletion.objects.exists()  # a failed attempt completes nothing
    post_quiz(learner_client, modules[0], RIGHT_ANSWERS)
    # Passing the module's only requirement completes it: no separate step.
    assert ModuleCompletion.objects.filter(user=learner, module=modules[0]).exists()
    page = learner_client.get(modules[0].url).content.decode()
    assert "Ten moduł jest ukończony." in page and "Oznacz moduł jako ukończony" not in page
    html = learner_client.get(reverse("courses:my_learning")).content.decode()
    assert "Ukończone moduły: 1 z 3" in html
    response = learner_client.post(url)  # the old button, if still on an open page, is harmless
    assert response["Location"] == modules[1].url
    assert ModuleCompletion.objects.filter(user=learner, module=modules[0]).count() == 1


def test_progress_moves_and_course_completes(learner_client, learner, course_tree):
    course, modules = course_tree
    percents = []
    for module in modules:
        finish(learner_client, module)
        percents.append(selectors.course_state(user=learner, course=course).percent)
    assert percents == [33, 67, 100]
    assert CourseProgress.objects.get(user=learner, course=course).completed_at is not None
    content = learner_client.get(course.url).content.decode()
    assert "Ukończone moduły: 3 z 3 (100%)" in content
    assert "Kurs ukończony" in content


def test_course_incomplete_while_a_quiz_is_not_passed(learner_client, learner, course_tree):
    course, modules = course_tree
    for module in modules[:2]:
        finish(learner_client, module)
    post_quiz(learner_client, modules[2], WRONG_ANSWERS)
    state = selectors.course_state(user=learner, course=course)
    assert not state.is_complete
    assert state.resume_module == modules[2]
    assert CourseProgress.objects.get(user=learner).completed_at is None


def test_unpublished_modules_do_not_count(learner_client, learner, course_tree):
    course, modules = course_tree
    draft = factories.ModulePageFactory(parent=course, title="Szkic", live=False)
    for module in modules:
        finish(learner_client, module)
    assert selectors.course_state(user=learner, course=course).is_complete
    assert learner_client.get(draft.url).status_code == 404
    response = learner_client.post(reverse("courses:module_complete", args=[draft.pk]))
    assert response.status_code == 404


def test_module_navigation_in_order(client, course_tree):
    _, modules = course_tree
    content = client.get(modules[1].url).content.decode()
    assert f'rel="prev" href="{modules[0].url}"' in content
    assert f'rel="next" href="{modules[2].url}"' in content
    assert "Moduł 2 z 3" in content


def test_my_learning_lists_courses_with_resume_link(learner_client, learner, course_tree):
    course, modules = course_tree
    other = factories.CoursePageFactory(title="Kurs niezaczęty")
    factories.ModulePageFactory(parent=other)
    finish(learner_client, modules[0])
    response = learner_client.get(reverse("courses:my_learning"))
    content = response.content.decode()
    assert course.title in content
    assert other.title not in content
    assert f'href="{modules[1].url}"' in content
    assert "Ukończone moduły: 1 z 3 (33%)" in content


def test_my_learning_requires_login(client):
    response = client.get(reverse("courses:my_learning"))
    assert response.status_code == 302


def test_learners_see_only_their_own_progress(client, learner_client, course_tree):
    from tests.factories import UserFactory

    course, modules = course_tree
    finish(learner_client, modules[0])
    client.force_login(UserFactory())
    content = client.get(course.url).content.decode()
    assert "Ukończone moduły" not in content
    assert "Rozpocznij kurs" in content


def test_progress_is_in_personal_data_and_survives_anonymisation(
    learner_client, learner, course_tree
):
    course, modules = course_tree
    finish(learner_client, modules[0])
    data = user_personal_data(user=learner)["courses"]
    assert data["courses"][0]["course"] == course.title
    assert data["completed_modules"][0]["module"] == modules[0].title
    assert data["quiz_attempts"][0]["score"] == 100
    user_delete_account(user=learner)
    learner.refresh_from_db()
    assert learner.anonymised_at is not None
    assert QuizAttempt.objects.filter(user=learner).count() == 1
    assert ModuleCompletion.objects.filter(user=learner).count() == 1
    assert user_personal_data(user=learner)["courses"]["quiz_attempts"][0]["passed"] is True


def test_course_actions_are_audited(learner_client, learner, course_tree):
    from wagtail.models import ModelLogEntry

    _, modules = course_tree
    finish(learner_client, modules[0])
    actions = set(ModelLogEntry.objects.filter(user=learner).values_list("action", flat=True))
    assert {"osl.course.start", "osl.quiz.attempt", "osl.module.complete"} <= actions


def test_my_data_page_shows_course_progress(learner_client, course_tree):
    course, modules = course_tree
    finish(learner_client, modules[0])
    response = learner_client.get(reverse("cms:my_data"))
    assert response.status_code == 200
    assert "Kursy e-learningowe" in response.content.decode()
