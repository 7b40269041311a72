from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from cms import admin_choosers, log_actions
from cms.wagtail_hooks import ProgrammeCoordinatorMenuItem
from enrolment import admin_views
from enrolment.forms import WorkshopAdminForm
from enrolment.models import CentrePolicy, Venue, Workshop
from enrolment.selectors import admin_workshops

LOG_ACTIONS = {
    "osl.enrolment.create": (_("Zapis na szkolenie"), _("Zapisano na szkolenie")),
    "osl.enrolment.cancel": (_("Anulowanie zapisu"), _("Anulowano zapis")),
    "osl.enrolment.offer": (_("Propozycja miejsca"), _("Zaproponowano zwolnione miejsce")),
    "osl.enrolment.accept_offer": (_("Przyjęcie miejsca"), _("Przyjęto zaproponowane miejsce")),
    "osl.enrolment.decline_offer": (_("Odrzucenie miejsca"), _("Odrzucono propozycję miejsca")),
    "osl.enrolment.offer_expired": (_("Wygaśnięcie propozycji"), _("Propozycja miejsca wygasła")),
    "osl.enrolment.approve": (_("Zgoda ośrodka"), _("Ośrodek zatwierdził zapis")),
    "osl.enrolment.reject": (_("Brak zgody ośrodka"), _("Ośrodek nie zatwierdził zapisu")),
    "osl.enrolment.waitlist_move": (
        _("Zmiana kolejności listy rezerwowej"),
        _("Zmieniono miejsce na liście rezerwowej"),
    ),
    "osl.enrolment.workshop_cancelled": (
        _("Odwołanie szkolenia"),
        _("Zapis anulowany z powodu odwołania szkolenia"),
    ),
    "osl.enrolment.complete": (_("Ukończenie szkolenia"), _("Uczestnik ukończył szkolenie")),
    "osl.enrolment.complete_withdrawn": (
        _("Cofnięcie ukończenia"),
        _("Korekta obecności cofnęła ukończenie szkolenia"),
    ),
    "osl.workshop.capacity": (_("Zmiana liczby miejsc"), _("Zmieniono liczbę miejsc")),
    "osl.workshop.cancel": (_("Odwołanie szkolenia"), _("Odwołano szkolenie")),
    "osl.workshop.import": (_("Import harmonogramu"), _("Zaimportowano z harmonogramu")),
    "osl.schedule_import.queue": (
        _("Import harmonogramu w tle"),
        _("Przyjęto plik harmonogramu do importu w tle"),
    ),
    "osl.centre.enrolment_policy": (
        _("Zasady zapisów ośrodka"),
        _("Zmieniono wymóg zgody na zapisy"),
    ),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    log_actions.register(actions, LOG_ACTIONS)


# --- Admin: venues, workshops, centre policies -----------------------------------------------


class VenueFilterSet(WagtailFilterSet):
    class Meta:
        model = Venue
        fields = ["voivodeship"]


class VenueViewSet(admin_choosers.CheckedSnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Miejsca szkoleń")
    list_display = ["name", "town", "postal_code", "voivodeship"]
    filterset_class = VenueFilterSet
    search_fields = ["name", "town", "street"]
    search_backend_name = None
    list_per_page = 50
    panels = [
        FieldPanel("name"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("town")]),
        FieldPanel("voivodeship"),
        FieldPanel("accessibility_notes"),
    ]


class WorkshopFilterSet(WagtailFilterSet):
    class Meta:
        model = Workshop
        fields = ["state", "venue__voivodeship", "course"]


class WaitlistColumn(Column):
    def get_value(self, instance):
        url = reverse("enrolment_admin:waitlist", args=[instance.pk])
        label = _("Lista rezerwowa (%(n)s)") % {"n": getattr(instance, "waitlist_count", 0)}
        return format_html('<a href="{}">{}</a>', url, label)


def _seats(workshop) -> str:
    return f"{workshop.confirmed_count} / {workshop.capacity}"


# The workshop chooser (its list, search results and picks) shows a person the workshops the
# admin list shows them (admin_workshops): a trainer holds view_workshop, and Wagtail's chooser
# would otherwise list and name every workshop, drafts of other trainers included.
class WorkshopChooseView(admin_choosers.ChooseView):
    def get_object_list(self):
        return admin_workshops(self.request.user)


class WorkshopChooseResultsView(admin_choosers.ChooseResultsView):
    def get_object_list(self):
        return admin_workshops(self.request.user)


class WorkshopChosenView(admin_choosers.ChosenView):
    def get_object(self, pk):
        return admin_workshops(self.request.user).get(pk=pk)


class WorkshopChosenMultipleView(admin_choosers.ChosenMultipleView):
    def get_objects(self, pks):
        return admin_workshops(self.request.user).filter(pk__in=pks)


class WorkshopChooserViewSet(admin_choosers.PermissionCheckedChooserViewSet):
    choose_view_class = WorkshopChooseView
    choose_results_view_class = WorkshopChooseResultsView
    chosen_view_class = WorkshopChosenView
    chosen_multiple_view_class = WorkshopChosenMultipleView


class WorkshopViewSet(admin_choosers.CheckedSnippetViewSet):
    model = Workshop
    chooser_viewset_class = WorkshopChooserViewSet
    icon = "date"
    menu_label = _("Szkolenia")
    list_display = [
        "code",
        Column("course", label=_("kurs"), accessor="course.title"),
        Column("town", label=_("miejscowość"), accessor="venue.town"),
        Column("voivodeship", label=_("województwo"), accessor="venue.get_voivodeship_display"),
        "day_one_date",
        "state",
        Column(
            "seats",
            label=_("zajęte / miejsca"),
            accessor=lambda w: f"{w.confirmed_count} / {w.capacity}",
        ),
        WaitlistColumn("waitlist", label=_("lista rezerwowa")),
    ]
    list_filter = None
    filterset_class = WorkshopFilterSet
    search_fields = ["code", "venue__town", "venue__name"]
    search_backend_name = None  # plain database filtering: codes and towns match by substring
    list_per_page = 50
    ordering = ["day_one_date", "code"]
    edit_handler = ObjectList(
        [
            FieldPanel("code"),
            FieldPanel("course"),
            FieldPanel("venue"),
            FieldPanel("trainers"),
            FieldPanel("programme"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("day_one_date"),
                            FieldPanel("day_one_start"),
                            FieldPanel("day_one_end"),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("day_two_date"),
                            FieldPanel("day_two_start"),
                            FieldPanel("day_two_end"),
                        ]
                    ),
                ],
                heading=_("Terminy"),
            ),
            FieldRowPanel([FieldPanel("capacity"), FieldPanel("centre_cap")]),
            FieldRowPanel([FieldPanel("signup_opens_at"), FieldPanel("signup_closes_at")]),
            FieldPanel("state"),
        ],
        base_form_class=WorkshopAdminForm,
    )

    def get_queryset(self, request):
        return admin_workshops(request.user)


class CentrePolicyViewSet(admin_choosers.CheckedSnippetViewSet):
    model = CentrePolicy
    icon = "lock"
    menu_label = _("Zgody ośrodków")
    list_display = ["centre", "requires_approval"]
    search_fields = ["centre__name", "centre__town"]
    search_backend_name = None
    panels = [FieldPanel("centre"), FieldPanel("requires_approval")]


class EnrolmentGroup(SnippetViewSetGroup):
    items = (WorkshopViewSet, VenueViewSet, CentrePolicyViewSet)
    menu_icon = "date"
    menu_label = _("Szkolenia")
    menu_name = "enrolment"
    menu_order = 210


register_snippet(EnrolmentGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    from django.urls import include

    return [path("szkolenia/", include((admin_views.urlpatterns, "enrolment_admin")))]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ProgrammeCoordinatorMenuItem(
        _("Import harmonogramu"),
        reverse("enrolment_admin:import"),
        icon_name="upload",
        order=215,
    )


@hooks.register("after_edit_snippet")
def offer_new_seats_after_edit(request, instance):
    # A larger capacity typed into the admin form offers the new seats at once.
    if isinstance(instance, Workshop):
        from enrolment.services import workshop_fill_free_seats

        workshop_fill_free_seats(workshop=instance, actor=request.user)
