"""A centre coordinator's view of their own centre's staff and nobody else's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms import roles
from cms.selectors import centre_staff, coordinated_centre
from enrolment import selectors, services
from enrolment.forms import CentrePolicyForm, ReasonForm, StaffSignupForm
from enrolment.models import CentrePolicy, Enrolment, EnrolmentState, Workshop


def _centre_or_403(request):
    centre = coordinated_centre(request.user)
    if centre is None:
        raise PermissionDenied
    return centre


def _signup_form(centre, data=None):
    return StaffSignupForm(
        data,
        staff=centre_staff(centre).filter(groups__name=roles.PARTICIPANTS),
        workshops=Workshop.objects.published()
        .filter(day_one_date__gte=timezone.localdate())
        .select_related("course", "venue"),
    )


@login_required
@require_GET
def centre_overview(request):
    centre = _centre_or_403(request)
    enrolments = list(selectors.centre_enrolments(centre))
    for enrolment in enrolments:
        enrolment.position = selectors.waitlist_position(enrolment)
    policy = CentrePolicy.objects.filter(centre=centre).first()
    return render(
        request,
        "enrolment/centre_overview.html",
        {
            "centre": centre,
            "pending": [e for e in enrolments if e.state == EnrolmentState.PENDING_APPROVAL],
            "active": [
                e
                for e in enrolments
                if e.state in (EnrolmentState.CONFIRMED, EnrolmentState.OFFERED)
                and not e.completed_at
            ],
            "waitlisted": [e for e in enrolments if e.state == EnrolmentState.WAITLISTED],
            "completed": [e for e in enrolments if e.completed_at],
            "signup_form": _signup_form(centre),
            "policy_form": CentrePolicyForm(
                initial={"requires_approval": bool(policy and policy.requires_approval)}
            ),
            "reason_form": ReasonForm(),
        },
    )


@login_required
@require_POST
def centre_signup(request):
    centre = _centre_or_403(request)
    form = _signup_form(centre, request.POST)
    if not form.is_valid():
        # A tampered id (someone outside the centre, an unknown workshop) fails here.
        messages.error(
            request, _("Nie zapisano: wybierz pracownika swojego ośrodka i szkolenie z listy.")
        )
        return redirect("enrolment:centre_overview")
    person = form.cleaned_data["participant"]
    try:
        enrolment = services.enrolment_create(
            participant=person, workshop=form.cleaned_data["workshop"], actor=request.user
        )
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Zapisano: %(person)s — %(state)s.")
            % {"person": person.get_full_name(), "state": enrolment.get_state_display()},
        )
    return redirect("enrolment:centre_overview")


def _centre_enrolment(request, pk):
    centre = _centre_or_403(request)
    return get_object_or_404(
        Enrolment.objects.select_related("participant", "workshop"),
        Q(centre=centre) | Q(participant__centre=centre),
        pk=pk,
    )


@login_required
@require_POST
def centre_decide(request, pk, decision):
    if decision not in ("zatwierdz", "odrzuc", "wypisz"):
        raise Http404
    enrolment = _centre_enrolment(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        if decision == "zatwierdz":
            services.enrolment_approve(enrolment=enrolment, actor=request.user)
            messages.success(request, _("Zatwierdzono zapis."))
        elif decision == "odrzuc":
            services.enrolment_reject(enrolment=enrolment, actor=request.user, reason=reason)
            messages.info(request, _("Odrzucono zapis."))
        else:
            services.enrolment_cancel(enrolment=enrolment, actor=request.user, reason=reason)
            messages.info(request, _("Wypisano pracownika ze szkolenia."))
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
    return redirect("enrolment:centre_overview")


@login_required
@require_POST
def centre_policy(request):
    centre = _centre_or_403(request)
    form = CentrePolicyForm(request.POST)
    form.is_valid()
    services.centre_policy_set(
        centre=centre,
        requires_approval=form.cleaned_data.get("requires_approval", False),
        actor=request.user,
    )
    messages.success(request, _("Zapisano zasady zapisów ośrodka."))
    return redirect("enrolment:centre_overview")
