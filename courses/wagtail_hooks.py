from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import admin_choosers
from courses.models import ProfessionalRole


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("osl.course.start", _("Rozpoczęcie kursu"), _("Rozpoczęto kurs"))
    actions.register_action("osl.course.complete", _("Ukończenie kursu"), _("Ukończono kurs"))
    actions.register_action(
        "osl.module.complete", _("Ukończenie modułu"), _("Oznaczono moduł jako ukończony")
    )
    actions.register_action("osl.quiz.attempt", _("Próba quizu"), _("Rozwiązano quiz"))


class ProfessionalRoleViewSet(SnippetViewSet):
    model = ProfessionalRole
    chooser_viewset_class = admin_choosers.PermissionCheckedChooserViewSet
    icon = "group"
    menu_label = _("Role zawodowe")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "icon", "sort_order"]
    search_fields = ["name"]


register_snippet(ProfessionalRoleViewSet)
