"""The programme dashboard and the funder's exports, in the Wagtail admin, for programme
coordinators only (cms.roles.is_programme_coordinator): anyone else gets a 403 from here (or,
without access to the admin at all, Wagtail's redirect to its login page)."""

from django.http import Http404
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from cms.admin_views import ProgrammeCoordinatorRequiredMixin
from enrolment import spreadsheets
from programme import exports, selectors, voivodeship_map

SORT_COLUMNS = [
    ("name", gettext_lazy("Województwo")),
    ("held", gettext_lazy("Odbyte")),
    ("planned", gettext_lazy("Zaplanowane")),
    ("cancelled", gettext_lazy("Odwołane")),
    ("seats", gettext_lazy("Miejsca")),
    ("confirmed", gettext_lazy("Potwierdzeni")),
    ("waiting", gettext_lazy("Lista rezerwowa")),
    ("fill", gettext_lazy("Zapełnienie")),
    ("people", gettext_lazy("Ukończyli (osoby)")),
    ("progress", gettext_lazy("Realizacja celu")),
    ("certificates", gettext_lazy("Certyfikaty")),
    ("completion", gettext_lazy("Wskaźnik ukończenia")),
]


class DashboardView(ProgrammeCoordinatorRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "programme/admin/dashboard.html"
    header_icon = "crosshairs"

    page_title = gettext_lazy("Postęp programu")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        board = selectors.dashboard(self.request)
        key, descending, valid = selectors.parse_sort(self.request.GET.get("sort"))
        columns = []
        for name, label in SORT_COLUMNS:
            current = name == key
            # A click on the current column turns its order round; any other starts ascending.
            columns.append(
                {
                    "label": label,
                    "sort": f"-{name}" if current and not descending else name,
                    "aria_sort": ("descending" if descending else "ascending") if current else "",
                }
            )
        context.update(
            board=board,
            regions=selectors.sort_regions(board.voivodeships, key, descending),
            columns=columns,
            sort_invalid=not valid,
            map=voivodeship_map.regions(board),
            alerts=selectors.alerts(today=board.today),
            centre_types=selectors.by_centre_type(today=board.today),
            trend=selectors.trend(today=board.today),
        )
        return context


EXPORTS = {"szkolenia": "workshops", "wojewodztwa": "voivodeships"}


class ExportView(ProgrammeCoordinatorRequiredMixin, TemplateView):
    def get(self, request, kind, fmt):
        if kind not in EXPORTS or fmt not in ("csv", "xlsx"):
            raise Http404
        today = timezone.localdate()
        if EXPORTS[kind] == "workshops":
            header, rows = exports.workshops_table(today)
            title = "Szkolenia"
        else:
            header, rows = exports.voivodeships_table(selectors.dashboard(request, today=today))
            title = "Województwa"
        name = f"program-{kind}-{today:%Y-%m-%d}.{fmt}"
        return spreadsheets.download(header, rows, fmt=fmt, title=title, filename=name)


urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    re_path(
        r"^eksport/(?P<kind>[a-z]{1,20})\.(?P<fmt>csv|xlsx)$",
        ExportView.as_view(),
        name="export",
    ),
]


def dashboard_url() -> str:
    return reverse("programme_admin:dashboard")
