from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import admin_views, roles
from cms.models import Centre


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("osl.account.signup", _("Założenie konta"), _("Założono konto"))
    actions.register_action(
        "osl.account.verified", _("Potwierdzenie e-maila"), _("Potwierdzono adres e-mail")
    )
    actions.register_action(
        "osl.account.profile_change", _("Zmiana profilu"), _("Zmieniono profil")
    )
    actions.register_action(
        "osl.account.delete", _("Usunięcie konta"), _("Usunięto konto i wymazano dane")
    )
    actions.register_action(
        "osl.account.centre_change", _("Zmiana ośrodka"), _("Zmieniono ośrodek w profilu")
    )
    actions.register_action(
        "osl.account.coordinator_assign",
        _("Przydział koordynatora ośrodka"),
        _("Zmieniono koordynowany ośrodek"),
    )
    actions.register_action(
        "osl.centre_change.request",
        _("Prośba o zmianę ośrodka"),
        _("Złożono prośbę o zmianę ośrodka"),
    )
    actions.register_action(
        "osl.centre_change.withdraw",
        _("Wycofanie prośby o zmianę ośrodka"),
        _("Prośbę zastąpiła nowsza"),
    )
    actions.register_action(
        "osl.centre_change.approve",
        _("Zatwierdzenie zmiany ośrodka"),
        _("Zatwierdzono zmianę ośrodka"),
    )
    actions.register_action(
        "osl.centre_change.reject", _("Odrzucenie zmiany ośrodka"), _("Odrzucono zmianę ośrodka")
    )
    actions.register_action(
        "osl.centre.propose", _("Zgłoszenie ośrodka"), _("Zgłoszono nowy ośrodek")
    )


class CentreFilterSet(WagtailFilterSet):
    class Meta:
        model = Centre
        fields = ["status", "voivodeship", "kind"]


class CentreViewSet(SnippetViewSet):
    model = Centre
    icon = "home"
    menu_label = _("Ośrodki")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "town", "county", "voivodeship", "kind", "status"]
    filterset_class = CentreFilterSet
    # Search goes through the model's own index (Centre.search_fields: name, town, county).
    # Naming fields here as well restricts the backend's query to them, which the SQLite
    # full-text backend cannot do (and any name missing from the index is a 500).
    list_per_page = 50


register_snippet(CentreViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("zmiany-osrodka/", include((admin_views.urlpatterns, "cms_admin")))]


class ProgrammeCoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_programme_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_centre_changes_menu_item():
    return ProgrammeCoordinatorMenuItem(
        _("Zmiany ośrodka"), reverse("cms_admin:centre_changes"), icon_name="home", order=205
    )
