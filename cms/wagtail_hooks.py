from django.db import models
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

from cms import admin_choosers, admin_views, audit, log_actions, outbox_admin, roles
from cms.forms import AsciiDecimalField, AsciiIntegerField
from cms.models import Centre

# Numbers typed into the admin's model forms are read in ASCII digits only, as on the site
# (cms.forms): Django's fields take "٢٥" as 25.
register_form_field_override(models.IntegerField, override={"form_class": AsciiIntegerField})
register_form_field_override(models.DecimalField, override={"form_class": AsciiDecimalField})


class ProfileChangeFormatter(log_actions.PersonFormatter):
    label = _("Zmiana profilu")
    message = _("Zmieniono profil")

    def format_message(self, log_entry):
        fields = audit.changed_field_names(log_entry)
        message = super().format_message(log_entry)
        return f"{message}: {', '.join(fields)}" if fields else message


LOG_ACTIONS = {
    "osl.account.signup": log_actions.person(_("Założenie konta"), _("Założono konto")),
    "osl.account.verified": log_actions.person(
        _("Potwierdzenie e-maila"), _("Potwierdzono adres e-mail")
    ),
    "osl.account.profile_change": ProfileChangeFormatter,
    "osl.account.delete": log_actions.person(
        _("Usunięcie konta"), _("Usunięto konto i wymazano dane")
    ),
    "osl.account.centre_change": log_actions.person(
        _("Zmiana ośrodka"), _("Zmieniono ośrodek w profilu")
    ),
    "osl.account.coordinator_assign": log_actions.person(
        _("Przydział koordynatora ośrodka"), _("Zmieniono koordynowany ośrodek")
    ),
    "osl.centre_change.request": (
        _("Prośba o zmianę ośrodka"),
        _("Złożono prośbę o zmianę ośrodka"),
    ),
    "osl.centre_change.withdraw": (
        _("Wycofanie prośby o zmianę ośrodka"),
        _("Prośbę zastąpiła nowsza"),
    ),
    "osl.centre_change.approve": (
        _("Zatwierdzenie zmiany ośrodka"),
        _("Zatwierdzono zmianę ośrodka"),
    ),
    "osl.centre_change.reject": (_("Odrzucenie zmiany ośrodka"), _("Odrzucono zmianę ośrodka")),
    "osl.centre.propose": (_("Zgłoszenie ośrodka"), _("Zgłoszono nowy ośrodek")),
    "osl.outbox.resend": (_("Ponowna wysyłka e-maila"), _("Wiadomość wysłana ponownie")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    log_actions.register(actions, LOG_ACTIONS)


class CentreFilterSet(WagtailFilterSet):
    class Meta:
        model = Centre
        fields = ["status", "voivodeship", "kind"]


class CentreViewSet(admin_choosers.CheckedSnippetViewSet):
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
    return [
        path("zmiany-osrodka/", include((admin_views.urlpatterns, "cms_admin"))),
        path("poczta/", include((outbox_admin.urlpatterns, "cms_outbox"))),
    ]


class ProgrammeCoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_programme_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_centre_changes_menu_item():
    return ProgrammeCoordinatorMenuItem(
        _("Zmiany ośrodka"), reverse("cms_admin:centre_changes"), icon_name="home", order=205
    )


@hooks.register("register_admin_menu_item")
def register_outbox_menu_item():
    return ProgrammeCoordinatorMenuItem(
        _("Poczta wychodząca"), reverse("cms_outbox:list"), icon_name="mail", order=206
    )
