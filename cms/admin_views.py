"""Wagtail admin views of the cms app for programme coordinators: requests to move a person's
profile to another centre."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cms import roles
from cms.models import CentreChangeRequest
from cms.services.centres import centre_change_decide
from cms.validators import ascii_int


class ProgrammeCoordinatorRequiredMixin:
    """Admin views for programme coordinators only. Anyone else gets a 403 page, not Wagtail's
    redirect to the admin home that PermissionDenied turns into: the refusal is plain, and the
    same for every such view."""

    def dispatch(self, request, *args, **kwargs):
        if not roles.is_programme_coordinator(request.user):
            return defaults.permission_denied(request, None)
        return super().dispatch(request, *args, **kwargs)


class CentreChangesView(ProgrammeCoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/centre_changes.html"
    header_icon = "home"
    http_method_names = ["get", "post"]

    def get_page_title(self):
        return _("Zmiany ośrodka")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        requests = CentreChangeRequest.objects.select_related(
            "user", "from_centre", "to_centre", "decided_by"
        )
        context.update(
            pending=requests.filter(status=CentreChangeRequest.Status.PENDING),
            decided=requests.exclude(status=CentreChangeRequest.Status.PENDING)[:50],
        )
        return context

    def post(self, request, *args, **kwargs):
        decision = request.POST.get("decision")
        change_id = ascii_int(request.POST.get("request", ""))
        if decision not in ("approve", "reject") or change_id is None:
            messages.error(request, _("Nie rozpoznano decyzji."))
            return redirect("cms_admin:centre_changes")
        change = get_object_or_404(CentreChangeRequest, pk=change_id)
        try:
            centre_change_decide(change=change, approve=decision == "approve", actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if decision == "approve":
                messages.success(request, _("Zatwierdzono zmianę ośrodka: %s.") % change)
            else:
                messages.success(request, _("Odrzucono prośbę: %s.") % change)
        return redirect("cms_admin:centre_changes")


urlpatterns = [path("", CentreChangesView.as_view(), name="centre_changes")]
