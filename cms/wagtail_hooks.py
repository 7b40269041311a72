from django.db import models
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import admin_choosers, admin_views, audit, roles
from cms.forms import AsciiDecimalField, AsciiIntegerField
from cms.models import Centre

# Numbers typed into the admin's model forms are read in ASCII digits only, as on the site
# (cms.forms): Django's fields take "٢٥" as 25.
register_form_field_override(models.IntegerField, override={"form_class": AsciiIntegerField})
register_form_field_override(models.DecimalField, override={"form_class": AsciiDecimalField})


class PersonFormatter(LogFormatter):
    """An entry about an account says whose, by the account's current name, looked up when the
    log is read: the entry itself holds only the number, so an erased person stays erased."""

    def format_message(self, log_entry):
        return f"{self.message} ({audit.person_display(log_entry.object_id)})"


class ProfileChangeFormatter(PersonFormatter):
    label = _("Zmiana profilu")
    message = _("Zmieniono profil")

    def format_message(self, log_entry):
        fields = audit.changed_field_names(log_entry)
        message = super().format_message(log_entry)
        return f"{message}: {', '.join(fields)}" if fields else message


def _person_action(actions, action, label, message):
    formatter = type("_PersonFormatter", (PersonFormatter,), {"label": label, "message": message})
    actions.register_action(action)(formatter)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    _person_action(actions, "osl.account.signup", _("Założenie konta"), _("Założono konto"))
    _person_action(
        actions, "osl.account.verified", _("Potwierdzenie e-maila"), _("Potwierdzono adres e-mail")
    )
    actions.register_action("osl.account.profile_change")(ProfileChangeFormatter)
    _person_action(
        actions, "osl.account.delete", _("Usunięcie konta"), _("Usunięto konto i wymazano dane")
    )
    _person_action(
        actions,
        "osl.account.centre_change",
        _("Zmiana ośrodka"),
        _("Zmieniono ośrodek w profilu"),
    )
    _person_action(
        actions,
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
    chooser_viewset_class = admin_choosers.PermissionCheckedChooserViewSet
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
    # The form in the order a centre is described, not the order the fields are inherited.
    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("street"),
        FieldPanel("postal_code"),
        FieldPanel("town"),
        FieldPanel("county"),
        FieldPanel("voivodeship"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("status"),
        FieldPanel("proposed_by", read_only=True),
    ]


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
