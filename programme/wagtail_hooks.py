from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from cms import log_actions, roles
from cms.wagtail_hooks import ProgrammeCoordinatorMenuItem
from programme import admin_views, selectors


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("program/", include((admin_views.urlpatterns, "programme_admin")))]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return ProgrammeCoordinatorMenuItem(
        _("Postęp programu"),
        reverse("programme_admin:dashboard"),
        icon_name="crosshairs",
        order=150,
    )


class ProgrammeSummaryPanel(Component):
    """The programme at a glance on the admin home page, for programme coordinators."""

    name = "programme_summary"
    order = 50
    template_name = "programme/admin/home_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        return {"board": selectors.dashboard(self.request)}


@hooks.register("construct_homepage_panels")
def add_programme_summary(request, panels):
    if roles.is_programme_coordinator(request.user):
        panels.append(ProgrammeSummaryPanel(request))


LOG_ACTIONS = {
    "osl.esf.create": (_("Dane uczestnika EFS"), _("Zapisano dane uczestnika EFS")),
    "osl.esf.change": (_("Zmiana danych uczestnika EFS"), _("Zmieniono dane uczestnika EFS")),
    "osl.esf.kept": (
        _("Zachowanie danych uczestnika EFS"),
        _("Konto usunięto; dane uczestnika EFS zostają do końca okresu przechowywania"),
    ),
    "osl.esf.delete": (_("Usunięcie danych uczestnika EFS"), _("Usunięto dane uczestnika EFS")),
    "osl.esf.read": (_("Odczyt danych uczestnika EFS"), _("Odczytano dane uczestnika EFS")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    log_actions.register(actions, LOG_ACTIONS)
