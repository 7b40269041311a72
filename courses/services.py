"""Writes for learner progress. Quizzes are graded here, on the server, against the live module;
nothing a browser sends is trusted. Records are never deleted: a retaken quiz adds an attempt."""

import re
from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from cms.audit import audit
from courses import selectors
from courses.blocks import QuizQuestionBlock
from courses.models import CoursePage, CourseProgress, ModuleCompletion, ModulePage, QuizAttempt
from courses.signals import course_completed

MSG_NOT_PUBLISHED = _("Ten kurs lub moduł nie jest opublikowany.")
MSG_QUIZ_FIRST = _("Aby oznaczyć moduł jako ukończony, najpierw zalicz quiz sprawdzający.")
MSG_UNKNOWN_QUIZ = _("Tego quizu nie ma w module. Odśwież stronę i spróbuj ponownie.")
MSG_UNKNOWN_QUESTION = _(
    "Przesłano odpowiedź na pytanie, którego nie ma w quizie. Odśwież stronę i spróbuj ponownie."
)
MSG_UNKNOWN_OPTION = _(
    "Pytanie nr %(number)s: przesłano odpowiedź, której nie ma w quizie. "
    "Odśwież stronę i spróbuj ponownie."
)
MSG_ONE_OPTION_ONLY = _("W pytaniu nr %(number)s można wybrać tylko jedną odpowiedź.")

# ASCII digits only: `\d` also matches "٣" (and int() reads it as 3).
QUESTION_FIELD = re.compile(r"^q([0-9]{1,4})$")
OPTION_VALUE = re.compile(r"^o([0-9]{1,4})$")


class CourseError(Exception):
    """A learner's request that breaks a course rule; the message is for the learner."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class QuizIncomplete(CourseError):
    """Some questions have no answer: `missing` holds the index of every one of them (from 0),
    so that the page can name each and tie its message to its question."""

    def __init__(self, missing: list[int]):
        numbers = [str(index + 1) for index in missing]
        super().__init__(
            ngettext(
                "Odpowiedz na wszystkie pytania. Brakuje odpowiedzi na pytanie nr %(numbers)s.",
                "Odpowiedz na wszystkie pytania. Brakuje odpowiedzi na pytania nr %(numbers)s.",
                len(numbers),
            )
            % {"numbers": get_text_list(numbers, pgettext_lazy("the last item of a list", "i"))}
        )
        self.missing = list(missing)


def question_field(index: int) -> str:
    return f"q{index}"


def option_value(index: int) -> str:
    return f"o{index}"


def _parent_course(module: ModulePage) -> CoursePage:
    return CoursePage.objects.get(path=module.path[: -ModulePage.steplen])


def _require_live(*pages) -> None:
    if not all(p is not None and p.live for p in pages):
        raise CourseError(MSG_NOT_PUBLISHED)


def course_start(*, user, course: CoursePage) -> CourseProgress:
    """Start a course for a learner; starting it again returns the existing record."""
    _require_live(course)
    try:
        with transaction.atomic():
            progress, created = CourseProgress.objects.get_or_create(
                user=user, course=course, defaults={"course_title": course.title}
            )
    except IntegrityError:  # a double click raced us; the other request created it
        return CourseProgress.objects.get(user=user, course=course)
    if created:
        audit(progress, "osl.course.start", user=user, data={"course": course.pk})
    return progress


@transaction.atomic
def module_complete(*, user, module: ModulePage) -> ModuleCompletion:
    """Mark a live module done. Its quizzes must be passed first. Idempotent."""
    course = _parent_course(module)
    _require_live(course, module)
    passed = set(
        QuizAttempt.objects.filter(user=user, module=module, passed=True).values_list(
            "quiz_id", flat=True
        )
    )
    if any(q not in passed for q in module.quiz_ids):
        raise CourseError(MSG_QUIZ_FIRST)
    course_start(user=user, course=course)
    return _module_record_completion(user=user, module=module, course=course)[0]


def _module_record_completion(*, user, module, course) -> tuple[ModuleCompletion, bool]:
    """The completion row (created once, audited, the course's completion refreshed); with
    whether this call created it."""
    try:
        with transaction.atomic():
            completion, created = ModuleCompletion.objects.get_or_create(
                user=user, module=module, defaults={"course": course, "module_title": module.title}
            )
    except IntegrityError:  # a double click raced us; the other request recorded it
        return ModuleCompletion.objects.get(user=user, module=module), False
    if created:
        audit(completion, "osl.module.complete", user=user, data={"module": module.pk})
        _course_refresh_completion(user=user, course=course)
    return completion, created


def _find_quiz(module: ModulePage, quiz_id: str):
    for item in module.body.raw_data:
        if item["type"] == "quiz" and item["id"] == quiz_id:
            return module.body.stream_block.child_blocks["quiz"].to_python(item["value"])
    raise CourseError(MSG_UNKNOWN_QUIZ)


def quiz_grade(*, quiz, answers: Mapping[str, list[str]]) -> tuple[int, list[dict]]:
    """Check answers against a quiz block's value. Raises CourseError for anything that is not a
    complete, well-formed answer to exactly this quiz; returns (score %, per-question results)."""
    questions = list(quiz["questions"])
    chosen_by_question: dict[int, list[int]] = {}
    for name, values in answers.items():
        match = QUESTION_FIELD.match(name)
        if not match or int(match.group(1)) >= len(questions):
            raise CourseError(MSG_UNKNOWN_QUESTION)
        index = int(match.group(1))
        options = questions[index]["options"]
        chosen = []
        for value in values:
            option = OPTION_VALUE.match(value) if isinstance(value, str) else None
            if not option or int(option.group(1)) >= len(options):
                raise CourseError(MSG_UNKNOWN_OPTION % {"number": index + 1})
            chosen.append(int(option.group(1)))
        chosen_by_question[index] = sorted(set(chosen))
    missing = [index for index in range(len(questions)) if not chosen_by_question.get(index)]
    if missing:
        raise QuizIncomplete(missing)
    results = []
    right = 0
    for index, question in enumerate(questions):
        chosen = chosen_by_question[index]
        if question["kind"] == QuizQuestionBlock.SINGLE and len(chosen) > 1:
            raise CourseError(MSG_ONE_OPTION_ONLY % {"number": index + 1})
        options = list(question["options"])
        correct = {i for i, o in enumerate(options) if o["is_correct"]}
        is_right = set(chosen) == correct
        right += is_right
        results.append(
            {
                "question": question["text"],
                "chosen": [options[i]["text"] for i in chosen],
                "correct": is_right,
                "feedback": [options[i]["feedback"] for i in chosen if options[i]["feedback"]],
            }
        )
    return round(100 * right / len(questions)), results


@transaction.atomic
def quiz_submit(
    *, user, module: ModulePage, quiz_id: str, answers: Mapping[str, list[str]]
) -> QuizAttempt:
    """Grade a quiz on the server and store the attempt. A malformed post changes nothing."""
    course = _parent_course(module)
    _require_live(course, module)
    quiz = _find_quiz(module, quiz_id)
    score, results = quiz_grade(quiz=quiz, answers=answers)
    course_start(user=user, course=course)
    attempt = QuizAttempt.objects.create(
        user=user,
        module=module,
        course=course,
        quiz_id=quiz_id,
        results=results,
        score=score,
        pass_mark=course.pass_mark,
        passed=score >= course.pass_mark,
    )
    audit(
        attempt,
        "osl.quiz.attempt",
        user=user,
        data={"module": module.pk, "score": score, "passed": attempt.passed},
    )
    if attempt.passed:
        # A module asks only for its quizzes: once the last of them is passed, the module is
        # complete (no separate "mark as done" step). Otherwise the course may still complete
        # (a module finished before a quiz was added to another one).
        passed = set(
            QuizAttempt.objects.filter(user=user, module=module, passed=True).values_list(
                "quiz_id", flat=True
            )
        )
        created = False
        if all(q in passed for q in module.quiz_ids):
            created = _module_record_completion(user=user, module=module, course=course)[1]
        if not created:
            _course_refresh_completion(user=user, course=course)
    return attempt


def _course_refresh_completion(*, user, course: CoursePage) -> None:
    """Record a course as completed once every live module is finished, and tell listeners.

    Called only after a step forward (a new module completion, a passed quiz). Completion is
    never taken back: a later re-take that scores below the pass mark adds a failed attempt but
    the passed one still counts (selectors._states), `completed_at` stays, and no signal asks
    anyone to revoke a certificate issued meanwhile — the learner met the requirement once."""
    state = selectors.course_state(user=user, course=course)
    if not state.is_complete:
        return
    updated = CourseProgress.objects.filter(
        user=user, course=course, completed_at__isnull=True
    ).update(completed_at=timezone.now())
    if updated:
        selectors.learning_changed(user_id=user.pk)  # update() sends no post_save
        progress = CourseProgress.objects.get(user=user, course=course)
        audit(progress, "osl.course.complete", user=user, data={"course": course.pk})
    # Sent also when the course was already marked completed: a module published after that
    # completion left it unfinished (and a certificate waiting) until this step.
    # After the commit, as every domain signal of the project (docs/architecture.md).
    transaction.on_commit(
        lambda: course_completed.send(sender=CourseProgress, user_id=user.pk, course_id=course.pk)
    )
