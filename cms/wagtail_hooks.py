from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
    search_fields = ["name", "town", "county"]
    list_per_page = 50


register_snippet(CentreViewSet)
