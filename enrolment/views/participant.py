"""A participant's own actions: sign up, cancel, accept or decline an offer, their calendar."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enrolment import selectors, services
from enrolment.calendar import calendar, workshop_events
from enrolment.models import (
    CalendarFeed,
    Enrolment,
    EnrolmentState,
    Workshop,
    WorkshopState,
    is_calendar_token,
)

SIGNUP_MESSAGES = {
    EnrolmentState.CONFIRMED: gettext_lazy(
        "Zapisano! Twoje miejsce jest potwierdzone — potwierdzenie wysłaliśmy e-mailem."
    ),
    EnrolmentState.PENDING_APPROVAL: gettext_lazy(
        "Zapisano. Twój ośrodek wymaga zgody koordynatora — napiszemy, gdy ją wyrazi."
    ),
    EnrolmentState.WAITLISTED: gettext_lazy(
        "Wszystkie miejsca są zajęte: jesteś na liście rezerwowej. "
        "Napiszemy, gdy zwolni się miejsce."
    ),
}


@login_required
@require_POST
def signup(request, code):
    # The service locks and re-reads the row; only its id and code are needed here.
    workshop = (
        Workshop.objects.exclude(state=WorkshopState.DRAFT).only("pk", "code").filter(code=code)
    ).first()
    if workshop is None:
        raise Http404
    try:
        enrolment = services.enrolment_create(
            participant=request.user, workshop=workshop, actor=request.user
        )
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
    else:
        level = messages.SUCCESS if enrolment.state == EnrolmentState.CONFIRMED else messages.INFO
        messages.add_message(request, level, SIGNUP_MESSAGES[enrolment.state])
    return redirect("enrolment:workshop_detail", code=workshop.code)


def _own_enrolment(request, pk) -> Enrolment:
    # Someone else's enrolment id gives 404: its existence is not revealed.
    return get_object_or_404(
        Enrolment.objects.select_related("workshop__course", "workshop__venue", "participant"),
        pk=pk,
        participant=request.user,
    )


def _next_url(request, default):
    """Where to go back to: `next` from the form (POST) or the link (GET), if it is a path on
    this site. Django's own check, since "/\\host" passes a hand-made "starts with one slash"
    test and browsers read it as another site."""
    data = request.POST if request.method == "POST" else request.GET
    target = data.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    """GET: "Czy na pewno?" with what giving the place up means (a seat passes to the waiting
    list, a waiting-list place is lost), and a form that posts here. POST: cancel."""
    enrolment = _own_enrolment(request, pk)
    if request.method == "GET":
        back = _next_url(request, reverse("enrolment:my_workshops"))
        if not enrolment.is_active:
            messages.info(request, _("Ten zapis nie jest już aktywny."))
            return redirect(back)
        waiting = selectors.waitlist(enrolment.workshop).exclude(pk=enrolment.pk).exists()
        return render(
            request,
            "enrolment/cancel_confirm.html",
            {
                "enrolment": enrolment,
                "workshop": enrolment.workshop,
                "position": selectors.waitlist_position(enrolment),
                "seat_passes_on": waiting and enrolment.state != EnrolmentState.WAITLISTED,
                "back": back,
            },
        )
    try:
        services.enrolment_cancel(enrolment=enrolment, actor=request.user)
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Anulowano zapis na szkolenie %(code)s.") % {"code": enrolment.workshop.code}
        )
    return redirect(_next_url(request, reverse("enrolment:my_workshops")))


@login_required
@require_POST
def accept_offer(request, pk):
    enrolment = _own_enrolment(request, pk)
    try:
        enrolment = services.enrolment_accept_offer(enrolment=enrolment, actor=request.user)
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, SIGNUP_MESSAGES[enrolment.state])
    return redirect("enrolment:my_workshops")


@login_required
@require_POST
def decline_offer(request, pk):
    enrolment = _own_enrolment(request, pk)
    try:
        services.enrolment_decline_offer(enrolment=enrolment, actor=request.user)
    except services.EnrolmentError as exc:
        messages.error(request, exc.message)
    else:
        messages.info(request, _("Odrzucono propozycję miejsca. Przekazaliśmy je kolejnej osobie."))
    return redirect("enrolment:my_workshops")


@login_required
@require_GET
def my_workshops(request):
    enrolments = list(selectors.person_enrolments(request.user))
    for enrolment in enrolments:
        enrolment.position = selectors.waitlist_position(enrolment)
    feed = services.calendar_feed_for(user=request.user)
    return render(
        request,
        "enrolment/my_workshops.html",
        {
            "active": [e for e in enrolments if e.is_active],
            "history": [e for e in enrolments if not e.is_active],
            "feed_url": request.build_absolute_uri(
                reverse("enrolment:calendar_feed", args=[feed.token])
            ),
            "States": EnrolmentState,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed_reset(request):
    """GET: "Czy na pewno?" (the old address stops working in every calendar that uses it).
    POST: a new address."""
    if request.method == "GET":
        return render(request, "enrolment/calendar_reset_confirm.html")
    services.calendar_feed_reset(user=request.user)
    messages.success(request, _("Utworzono nowy adres kalendarza. Poprzedni przestał działać."))
    return redirect("enrolment:my_workshops")


@require_GET
def calendar_feed(request, token):
    """A person's confirmed workshops as an iCalendar feed. The token is the only key."""
    if not is_calendar_token(token):
        raise Http404
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404
    events = []
    for enrolment in selectors.person_calendar_enrolments(feed.user):
        url = request.build_absolute_uri(
            reverse("enrolment:workshop_detail", args=[enrolment.workshop.code])
        )
        status = "CONFIRMED" if enrolment.state == EnrolmentState.CONFIRMED else "TENTATIVE"
        events += workshop_events(enrolment.workshop, status=status, url=url)
    response = HttpResponse(
        calendar(events, name="Moje szkolenia — Akademia OSL"),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    return response
