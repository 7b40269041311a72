"""Quiz rendering: only question texts and options with opaque ids reach the template; the
`is_correct` flags and feedback stay on the server."""

from django import template
from django.urls import reverse

from courses.services import option_value, question_field

register = template.Library()


def _questions(quiz_block):
    questions = []
    for qi, question in enumerate(quiz_block.value["questions"]):
        name = question_field(qi)
        questions.append(
            {
                "number": qi + 1,
                "text": question["text"],
                "multiple": question["kind"] == "multiple",
                "name": name,
                "options": [
                    {
                        "value": option_value(oi),
                        "html_id": f"quiz-{quiz_block.id}-{name}-{option_value(oi)}",
                        "text": option["text"],
                    }
                    for oi, option in enumerate(question["options"])
                ],
            }
        )
    return questions


@register.inclusion_tag("courses/includes/quiz.html", takes_context=True)
def quiz_form(context, quiz_block):
    page = context["page"]
    request = context["request"]
    attempt = context.get("latest_attempts", {}).get(quiz_block.id)
    error = context.get("quiz_error") if context.get("quiz_error_id") == quiz_block.id else None
    return {
        "quiz_id": quiz_block.id,
        "title": quiz_block.value["title"],
        "questions": _questions(quiz_block),
        "action": reverse("courses:quiz_submit", args=[page.pk]),
        "user": request.user,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "attempt": attempt,
        "passed": quiz_block.id in context.get("passed_quiz_ids", set()),
        "error": error,
        "login_url": reverse("account_login") + f"?next={request.path}",
    }
