"""A passed quiz completes its module when nothing else is asked; the result is shown in the quiz,
focused and announced; a refused post names every unanswered question, tied to its fieldset."""

import json
import re
import uuid

from django.urls import reverse

from courses.models import CourseProgress, ModuleCompletion, QuizAttempt

from . import factories
from .factories import RIGHT_ANSWERS, quiz_value


def post_quiz(client, module, answers, quiz_id=None):
    data = {"quiz": quiz_id or factories.quiz_id_of(module), **answers}
    return client.post(reverse("courses:quiz_submit", args=[module.pk]), data)


def test_a_module_with_two_quizzes_completes_only_when_both_are_passed(learner_client, learner):
    course = factories.CoursePageFactory()
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    module = factories.ModulePageFactory(parent=course, with_quiz=False)
    module.body = json.dumps(
        [
            {"type": "quiz", "value": quiz_value("Pierwszy"), "id": first},
            {"type": "quiz", "value": quiz_value("Drugi"), "id": second},
        ]
    )
    module.save_revision().publish()
    post_quiz(learner_client, module, RIGHT_ANSWERS, first)
    assert not ModuleCompletion.objects.exists()
    post_quiz(learner_client, module, RIGHT_ANSWERS, second)
    assert ModuleCompletion.objects.filter(user=learner, module=module).count() == 1
    # The course had this one module: it is complete too.
    assert CourseProgress.objects.get(user=learner, course=course).completed_at is not None


def test_the_result_is_shown_in_the_quiz_focused_and_announced(learner_client, course_tree):
    _, modules = course_tree
    quiz_id = factories.quiz_id_of(modules[0])
    response = post_quiz(learner_client, modules[0], RIGHT_ANSWERS)
    assert response["Location"] == f"{modules[0].url}?wynik={quiz_id}#quiz-{quiz_id}-wynik"
    html = learner_client.get(response["Location"]).content.decode()
    result = re.search(r'<div class="quiz-result[^>]*>', html).group(0)
    assert f'id="quiz-{quiz_id}-wynik"' in result
    assert 'tabindex="-1"' in result and "autofocus" in result
    assert 'role="status"' in result and 'aria-live="polite"' in result
    # Inside the quiz's own section, not at the top of the page.
    assert html.index(f'id="quiz-{quiz_id}"') < html.index(f'id="quiz-{quiz_id}-wynik"')
    assert "Quiz zaliczony: 100%" not in html  # no separate message at the top any more
    # A later visit shows the result without taking the focus.
    later = learner_client.get(modules[0].url).content.decode()
    assert "autofocus" not in re.search(r'<div class="quiz-result[^>]*>', later).group(0)


def test_every_unanswered_question_is_listed_and_tied_to_its_fieldset(learner_client, course_tree):
    _, modules = course_tree
    quiz_id = factories.quiz_id_of(modules[0])
    response = post_quiz(learner_client, modules[0], {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Brakuje odpowiedzi na pytania nr 1 i 2." in html
    summary = re.search(r'<div class="quiz-error[^>]*>', html).group(0)
    assert f'id="quiz-{quiz_id}-error"' in summary and "autofocus" in summary
    for name in ("q0", "q1"):
        assert f'<a href="#quiz-{quiz_id}-{name}">' in html
        fieldset = re.search(rf'<fieldset [^>]*id="quiz-{quiz_id}-{name}"[^>]*>', html).group(0)
        assert f'aria-describedby="quiz-{quiz_id}-{name}-error"' in fieldset
        assert f'<p class="error-message" id="quiz-{quiz_id}-{name}-error">' in html
    assert not QuizAttempt.objects.exists()


def test_one_unanswered_question_keeps_the_other_answer_ticked(learner_client, course_tree):
    _, modules = course_tree
    quiz_id = factories.quiz_id_of(modules[0])
    html = post_quiz(learner_client, modules[0], {"q1": ["o0", "o1"]}).content.decode()
    assert "Brakuje odpowiedzi na pytanie nr 1." in html
    assert f'aria-describedby="quiz-{quiz_id}-q0-error"' in html
    assert f'aria-describedby="quiz-{quiz_id}-q1-error"' not in html
    assert f'id="quiz-{quiz_id}-q1-o0" checked' in html
    assert f'id="quiz-{quiz_id}-q1-o1" checked' in html
    assert f'id="quiz-{quiz_id}-q1-o2" checked' not in html
