"""Pages for a workshop's trainers and programme coordinators: attendance, exports, sign-in
sheets. Every view checks that the user runs this very workshop."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cms.collation import sort_people
from enrolment import documents, selectors, services, spreadsheets
from enrolment.forms import AttendanceForm
from enrolment.models import SignInSheetSettings, Workshop, WorkshopState


def _workshop_for_staff(request, code) -> Workshop:
    workshop = (
        Workshop.objects.select_related("course", "venue")
        .prefetch_related("trainers")
        .filter(code=code)
        .first()
    )
    if workshop is None:
        raise Http404
    if not selectors.is_staff_for(request.user, workshop):
        raise PermissionDenied
    return workshop


@login_required
@require_GET
def my_trainings(request):
    return render(
        request,
        "enrolment/trainer_workshops.html",
        {"workshops": selectors.trainer_workshops(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, code, day):
    workshop = _workshop_for_staff(request, code)
    if day not in (1, 2) or workshop.state == WorkshopState.DRAFT:
        raise Http404
    # The same order as the sign-in sheet the trainer holds: Polish alphabetical.
    roster = sort_people(selectors.workshop_roster(workshop), person=lambda e: e.participant)
    form = AttendanceForm(
        request.POST or None, roster=roster, day=day, day_hours=workshop.day_hours(day)
    )
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = services.attendance_mark_day(
                    workshop=workshop, day=day, marks=form.marks(), actor=request.user
                )
            except services.EnrolmentError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("Zapisano obecność (zmienione wpisy: %(n)s).") % {"n": changed}
                )
                return redirect("enrolment:attendance", code=code, day=day)
        else:
            messages.error(request, _("Popraw zaznaczone pola i zapisz ponownie."))
    return render(
        request,
        "enrolment/attendance.html",
        {
            "workshop": workshop,
            "day": day,
            "form": form,
            "day_date": workshop.day_one_date if day == 1 else workshop.day_two_date,
            "day_hours": workshop.day_hours(day),
        },
    )


EXPORTS = {"uczestnicy", "obecnosc"}


@login_required
@require_GET
def export(request, code, kind, fmt):
    workshop = _workshop_for_staff(request, code)
    if kind not in EXPORTS or fmt not in ("csv", "xlsx"):
        raise Http404
    if kind == "uczestnicy":
        header, rows = documents.participants_table(
            workshop, selectors.workshop_all_enrolments(workshop)
        )
        title = "Uczestnicy"
    else:
        header, rows = documents.attendance_table(workshop, selectors.workshop_roster(workshop))
        title = "Obecność"
    return spreadsheets.download(
        header, rows, fmt=fmt, title=title, filename=f"{workshop.code}-{kind}.{fmt}"
    )


@login_required
@require_GET
def sign_in_sheet(request, code, day):
    workshop = _workshop_for_staff(request, code)
    if day not in (1, 2):
        raise Http404
    marking = documents.sheet_marking(SignInSheetSettings.for_request(request))
    pdf = documents.sign_in_sheet_pdf(
        workshop, day, selectors.workshop_roster(workshop), marking=marking
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="lista-obecnosci-{workshop.code}-dzien-{day}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response
