"""Quiz rendering: only question texts and options with opaque ids reach the template; the
`is_correct` flags and feedback stay on the server."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from cms.caching.fragments import cached_for_generation
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
    questions = _questions(quiz_block)
    if error:
        # After a refused post the person's choices stay ticked, and every question left
        # without an answer says so (tied to its fieldset) and is listed in the summary.
        missing = set(context.get("quiz_missing", []))
        for question in questions:
            question["missing"] = question["number"] - 1 in missing
            chosen = request.POST.getlist(question["name"])
            for option in question["options"]:
                option["checked"] = option["value"] in chosen
    fresh = request.GET.get("wynik") == quiz_block.id
    return {
        "quiz_id": quiz_block.id,
        "title": quiz_block.value["title"],
        "questions": questions,
        "missing_questions": [q for q in questions if q.get("missing")] if error else [],
        "fresh_result": fresh and attempt is not None,
        "action": reverse("courses:quiz_submit", args=[page.pk]),
        "user": request.user,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "attempt": attempt,
        "passed": quiz_block.id in context.get("passed_quiz_ids", set()),
        "error": error,
        "login_url": reverse("account_login") + f"?next={request.path}",
    }


@register.simple_tag(takes_context=True)
def module_stream(context, page):
    """The module body as a list of (block, html) pairs: html for the blocks that are the same for
    every reader, None for quizzes (rendered per user by `quiz_form`). The HTML is cached under
    the page-cache generation, so a logged-in reader skips rendering (and the image and document
    queries) until the next publish. Previews always render the page being edited."""

    def render():
        # As {% include_block %} does; the block templates use nothing personal from it.
        flat = context.flatten()
        return [
            (block.id, None if block.block_type == "quiz" else str(block.render_as_block(flat)))
            for block in page.body
        ]

    request = context.get("request")
    if getattr(request, "is_preview", False) or not page.live:
        chunks = render()
    else:
        host = request.get_host() if request else ""
        chunks = cached_for_generation("module-body-v2", [page.pk, get_language(), host], render)
    # Only the quizzes are turned into blocks: the others would load their images and documents.
    quizzes = {block.id: block for block in page.body.blocks_by_name("quiz")}
    return [
        (quizzes.get(block_id), None if html is None else mark_safe(html))  # noqa: S308 (ours)
        for block_id, html in chunks
        if html is not None or block_id in quizzes
    ]
