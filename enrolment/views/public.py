"""Pages anyone may see: the catalogue, a workshop and its calendar file."""

import hashlib

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from cms.validators import ascii_int
from enrolment import page_cache, selectors
from enrolment.calendar import workshop_ics
from enrolment.forms import CatalogueFilterForm
from enrolment.models import EnrolmentState

CATALOGUE_PAGE_SIZE = 24


@require_GET
def catalogue(request):
    # The form and results are the same for everyone: kept under the catalogue's version, which
    # every committed sign-up, cancellation or workshop edit replaces (enrolment/page_cache.py).
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]
    body = page_cache.cached(
        page_cache.catalogue_versions(),
        ["catalogue", get_language(), timezone.localdate().isoformat(), query],
        lambda: _catalogue_body(request),
    )
    response = render(request, "enrolment/catalogue.html", {"body": mark_safe(body)})  # noqa: S308
    # Upcoming means from today: the whole page is kept until midnight at most.
    return _public(request, response, page_cache.seconds_until_midnight())


def _public(request, response, timeout):
    """Let cms's page cache keep an anonymous visitor's page, filed under the page's versions."""
    if not request.user.is_authenticated:
        response.anonymous_cacheable = True
        response.anonymous_cache_timeout = timeout
    return response


def _catalogue_body(request) -> str:
    form = CatalogueFilterForm(
        request.GET or None,
        months=selectors.catalogue_months(),
        courses=selectors.catalogue_courses(),
    )
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "town": form.cleaned_data["miejscowosc"].strip() or None,
            "voivodeship": form.cleaned_data["wojewodztwo"] or None,
            "month": form.cleaned_data["miesiac"],
            "course_id": form.cleaned_data["kurs"],
            "available_only": form.cleaned_data["wolne"],
        }
    paginator = Paginator(selectors.catalogue_workshops(**filters), CATALOGUE_PAGE_SIZE)
    page = paginator.get_page(ascii_int(request.GET.get("strona")) or 1)
    query = request.GET.copy()
    query.pop("strona", None)
    return render_to_string(
        "enrolment/includes/catalogue_body.html",
        {
            "form": form,
            "workshops": page.object_list,
            "page_obj": page,
            "total": paginator.count,
            "query": query.urlencode(),
            "filtered": bool(filters),
        },
    )


def _visible_workshop(request, code):
    # The workshop with its seat counts and trainers, kept under the workshop's versions.
    workshop = page_cache.cached(
        page_cache.workshop_versions(code),
        ["workshop", code],
        lambda: selectors.workshop_page(code),
    )
    workshop = selectors.visible_to(workshop, request.user)
    if workshop is None:
        raise Http404
    return workshop


@require_GET
def workshop_detail(request, code):
    workshop = _visible_workshop(request, code)
    enrolment = selectors.active_enrolment(request.user, workshop)
    response = render(
        request,
        "enrolment/workshop.html",
        {
            "workshop": workshop,
            "enrolment": enrolment,
            "position": selectors.waitlist_position(enrolment) if enrolment else None,
            "signup_open": workshop.signup_is_open(),
            "programme_lines": [line for line in workshop.programme.splitlines() if line.strip()],
            "is_staff_for": selectors.is_staff_for(request.user, workshop),
            "States": EnrolmentState,
        },
    )
    # The sign-up box changes when sign-up opens and when it closes.
    until = page_cache.seconds_until(workshop.signup_opens_at, workshop.effective_signup_closes_at)
    return _public(request, response, until)


@require_GET
def workshop_calendar(request, code):
    workshop = _visible_workshop(request, code)
    url = request.build_absolute_uri(workshop_detail_url(workshop))
    response = HttpResponse(
        workshop_ics(workshop, url=url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="szkolenie-{workshop.code}.ics"'
    return response


def workshop_detail_url(workshop):
    from django.urls import reverse

    return reverse("enrolment:workshop_detail", args=[workshop.code])
