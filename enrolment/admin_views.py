"""Wagtail admin views for programme coordinators: the waiting list of a workshop (reorder,
call off the workshop) and the schedule import (with the status page of a background import)."""

import datetime

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cms.admin_views import ProgrammeCoordinatorRequiredMixin
from enrolment import conf, selectors, services
from enrolment.forms import ReasonForm, ScheduleImportForm, WaitlistMoveForm
from enrolment.models import (
    Enrolment,
    EnrolmentLog,
    ScheduleImportState,
    Workshop,
)
from enrolment.services import ImportReport


class WaitlistView(ProgrammeCoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrolment/admin/waitlist.html"
    header_icon = "list-ol"

    @cached_property
    def workshop(self):
        # Looked up when the page is made, after the programme-coordinator check: nobody else
        # learns which ids exist (a missing id and someone else's are refused alike).
        return get_object_or_404(
            Workshop.objects.select_related("course", "venue").with_seats(), pk=self.kwargs["pk"]
        )

    def get_page_title(self):
        return _("Lista rezerwowa")

    def get_page_subtitle(self):
        return str(self.workshop)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue = list(selectors.waitlist(self.workshop))
        context.update(
            workshop=self.workshop,
            queue=[
                (position, e, WaitlistMoveForm(initial={"enrolment": e.pk, "position": position}))
                for position, e in enumerate(queue, start=1)
            ],
            others=selectors.workshop_all_enrolments(self.workshop).exclude(state="waitlisted"),
            history=EnrolmentLog.objects.filter(enrolment__workshop=self.workshop)
            .select_related("enrolment__participant", "actor")
            .order_by("-at", "-pk")[:50],
            cancel_form=ReasonForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "cancel_workshop" in request.POST:
            form = ReasonForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            if not reason.strip():
                messages.error(
                    request, _("Podaj powód odwołania — trafi do uczestników i historii.")
                )
            elif request.POST.get("confirmed") != "1":
                # The confirmation step: what calling the workshop off means, then one more
                # POST (with "confirmed") does it. Nothing changes here.
                return self.render_to_response(
                    self.get_context_data(
                        confirm_cancel=True,
                        cancel_reason=reason,
                        # Seats held and waiting-list places: every active enrolment,
                        # counted already by with_seats().
                        cancel_affected=self.workshop.confirmed_count
                        + self.workshop.waitlist_count,
                    )
                )
            else:
                try:
                    services.workshop_cancel(
                        workshop=self.workshop, actor=request.user, reason=reason
                    )
                    messages.success(request, _("Odwołano szkolenie i powiadomiono zapisanych."))
                except services.EnrolmentError as exc:
                    messages.error(request, exc.message)
            return redirect(request.path)
        form = WaitlistMoveForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Podaj nowe miejsce (liczbę od 1) i powód zmiany."))
            return redirect(request.path)
        enrolment = get_object_or_404(
            Enrolment, pk=form.cleaned_data["enrolment"], workshop=self.workshop
        )
        try:
            services.waitlist_move(
                enrolment=enrolment,
                position=form.cleaned_data["position"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
            messages.success(request, _("Zmieniono kolejność listy rezerwowej."))
        except services.EnrolmentError as exc:
            messages.error(request, exc.message)
        return redirect(request.path)


class ImportView(ProgrammeCoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "enrolment/admin/import.html"
    page_title = gettext_lazy("Import harmonogramu szkoleń")
    header_icon = "upload"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ScheduleImportForm())
        context["jobs"] = selectors.schedule_imports_recent()
        context["limits"] = {
            "size": conf.import_max_upload_bytes(),
            "rows": conf.import_max_rows(),
            "inline": conf.import_inline_max_rows(),
        }
        return context

    def post(self, request, *args, **kwargs):
        form = ScheduleImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            report = services.schedule_import_submit(
                name=upload.name,
                content=upload.read(),
                actor=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
            if report.job_id:
                messages.info(
                    request,
                    _(
                        "Plik jest duży, więc import trwa w tle. Na tej stronie widać jego "
                        "postęp, a po zakończeniu — raport."
                    ),
                )
                return redirect("enrolment_admin:import_status", pk=report.job_id)
            _report_message(request, report)
        return self.render_to_response(self.get_context_data(form=form, report=report))


def _report_message(request, report) -> None:
    if report.applied:
        messages.success(
            request,
            _("Zaimportowano harmonogram: nowe %(c)s, zmienione %(u)s.")
            % {"c": report.created, "u": report.updated},
        )
    elif report.ok:
        messages.info(request, _("Plik jest poprawny. Nic jeszcze nie zapisano."))
    else:
        messages.error(
            request,
            _("W pliku są błędy — nic nie zostało zapisane. Popraw je i spróbuj ponownie."),
        )


WORKER_LATE = datetime.timedelta(minutes=5)


class ImportStatusView(ProgrammeCoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """The progress and, once it is done, the report of a background import. The page asks for
    `?format=json` every few seconds (enrolment/js/import-status.js) and reloads when the job
    has finished; without JavaScript it offers a link to refresh."""

    template_name = "enrolment/admin/import_status.html"
    page_title = gettext_lazy("Import harmonogramu w tle")
    header_icon = "upload"
    http_method_names = ["get", "head", "options"]

    def get_page_subtitle(self):
        return self.job.file_name

    def get(self, request, *args, **kwargs):
        # Looked up here, after the programme-coordinator check: nobody else learns which ids
        # exist.
        self.job = selectors.schedule_import_job(kwargs["pk"])
        if self.job is None:
            raise Http404
        if request.GET.get("format") == "json":
            job = self.job
            return JsonResponse(
                {
                    "state": job.state,
                    "state_label": str(job.get_state_display()),
                    "rows_done": job.rows_done,
                    "rows_total": job.rows_total,
                    "finished": job.is_finished,
                }
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        job = self.job
        report = (
            ImportReport.from_dict(job.report) if job.state == ScheduleImportState.DONE else None
        )
        # A job that waits this long: the background worker is probably not running.
        waiting_since = job.created_at if job.state == ScheduleImportState.QUEUED else None
        context.update(
            job=job,
            report=report,
            jobs=selectors.schedule_imports_recent(),
            worker_late=bool(waiting_since and timezone.now() - waiting_since > WORKER_LATE),
        )
        return context


urlpatterns = [
    path("<int:pk>/lista-rezerwowa/", WaitlistView.as_view(), name="waitlist"),
    path("import/", ImportView.as_view(), name="import"),
    path("import/<int:pk>/", ImportStatusView.as_view(), name="import_status"),
]


def waitlist_url(workshop) -> str:
    return reverse("enrolment_admin:waitlist", args=[workshop.pk])
