from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Locale, Page

from cms import search as site_search
from cms.caching.wagtail_site import remember_site
from cms.validators import ascii_int
from courses import selectors, services
from courses.forms import SearchForm
from courses.models import CoursePage, ModulePage

NON_ANSWER_FIELDS = {"csrfmiddlewaretoken", "quiz"}


def _live_page(request, model, pk):
    # A page the request may not see (privacy settings) is as unknown as a missing one.
    page = get_object_or_404(model.objects.live(), pk=pk)
    if not selectors.page_open_to(page, request):
        raise Http404
    return page


@login_required
@require_POST
def course_start(request, course_id):
    course = _live_page(request, CoursePage, course_id)
    services.course_start(user=request.user, course=course)
    state = selectors.course_state(user=request.user, course=course)
    target = state.resume_module
    return redirect(target.url if target else course.url)


@login_required
@require_POST
def module_complete(request, module_id):
    module = _live_page(request, ModulePage, module_id)
    try:
        services.module_complete(user=request.user, module=module)
    except services.CourseError as error:
        messages.error(request, error.message)
        return redirect(module.url)
    messages.success(
        request, _("Moduł „%(title)s” oznaczono jako ukończony.") % {"title": module.title}
    )
    next_module = selectors.module_context(module=module, user=request.user)["next_module"]
    return redirect(next_module.url if next_module else module.get_parent().url)


@login_required
@require_POST
def quiz_submit(request, module_id):
    module = _live_page(request, ModulePage, module_id)
    quiz_id = request.POST.get("quiz", "")
    answers = {
        key: request.POST.getlist(key) for key in request.POST if key not in NON_ANSWER_FIELDS
    }
    try:
        services.quiz_submit(user=request.user, module=module, quiz_id=quiz_id, answers=answers)
    except services.CourseError as error:
        context = module.get_context(request)
        context.update(
            quiz_error=error.message,
            quiz_error_id=quiz_id,
            # An error about a quiz of this page is shown in that quiz, with its questions;
            # any other (an unknown quiz) at the top of the page.
            quiz_error_in_quiz=quiz_id in module.quiz_ids,
            quiz_missing=getattr(error, "missing", []),
        )
        return TemplateResponse(request, module.get_template(request), context, status=400)
    # The result is shown in the quiz itself, where the person is: the fragment takes the page
    # there and `wynik` tells the quiz to take the focus and announce it (quiz.html).
    return redirect(f"{module.url}?wynik={quiz_id}#quiz-{quiz_id}-wynik")


@login_required
@require_GET
def my_learning(request):
    remember_site(request)  # the links to course pages need the site
    return render(
        request, "courses/my_learning.html", {"items": selectors.my_learning(user=request.user)}
    )


@require_GET
def search(request):
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results = None
    if query:
        pages = site_search.search(
            Page.objects.live()
            .public()
            .type(CoursePage, ModulePage)
            .filter(locale=Locale.get_active())
            .specific(),
            query,
        )
        results = Paginator(pages, 20).get_page(ascii_int(request.GET.get("strona")) or 1)
    return render(
        request, "courses/search.html", {"form": form, "query": query, "results": results}
    )
