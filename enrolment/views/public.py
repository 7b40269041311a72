"""Pages anyone may see: the catalogue, a workshop and its calendar file."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from enrolment import selectors
from enrolment.calendar import workshop_ics
from enrolment.forms import CatalogueFilterForm
from enrolment.models import EnrolmentState

CATALOGUE_PAGE_SIZE = 24


@require_GET
def catalogue(request):
    form = CatalogueFilterForm(
        request.GET or None,
        months=selectors.catalogue_months(),
        courses=selectors.catalogue_courses(),
    )
    filters = {}
    if form.is_bound and form.is_valid():
        filters = {
            "voivodeship": form.cleaned_data["wojewodztwo"] or None,
            "month": form.cleaned_data["miesiac"],
            "course_id": form.cleaned_data["kurs"],
            "available_only": form.cleaned_data["wolne"],
        }
    paginator = Paginator(selectors.catalogue_workshops(**filters), CATALOGUE_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("strona"))
    query = request.GET.copy()
    query.pop("strona", None)
    return render(
        request,
        "enrolment/catalogue.html",
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
    workshop = selectors.workshop_detail(code, user=request.user)
    if workshop is None:
        raise Http404
    return workshop


@require_GET
def workshop_detail(request, code):
    workshop = _visible_workshop(request, code)
    enrolment = selectors.active_enrolment(request.user, workshop)
    return render(
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
