"""The outbox in the Wagtail admin, for programme coordinators: messages that failed, whose
sending was interrupted (uncertain) or that are late, each with a resend button."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cms.admin_views import ProgrammeCoordinatorRequiredMixin
from cms.models import OutgoingEmail
from cms.services.outbox import RESENDABLE, email_resend, needs_attention
from cms.validators import ascii_int

LIST_LIMIT = 200


class OutboxView(ProgrammeCoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cms/admin/outbox.html"
    header_icon = "mail"
    http_method_names = ["get", "post"]

    def get_page_title(self):
        return _("Poczta wychodząca")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            problems=needs_attention().order_by("-created_at", "-pk")[:LIST_LIMIT],
            resendable=RESENDABLE,
        )
        return context

    def post(self, request, *args, **kwargs):
        email_id = ascii_int(request.POST.get("message", ""))
        if email_id is None:
            messages.error(request, _("Nie rozpoznano wiadomości."))
            return redirect("cms_outbox:list")
        email = get_object_or_404(OutgoingEmail, pk=email_id)
        if email_resend(email, actor=request.user):
            messages.success(request, _("Wiadomość trafiła ponownie do kolejki: %s.") % email)
        else:
            messages.error(
                request,
                _("Tej wiadomości nie można wysłać ponownie: jest w kolejce albo już wysłana."),
            )
        return redirect("cms_outbox:list")


urlpatterns = [path("", OutboxView.as_view(), name="list")]
