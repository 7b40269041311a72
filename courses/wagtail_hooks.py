from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cms import admin_choosers, log_actions
from courses.models import ProfessionalRole

LOG_ACTIONS = {
    "osl.course.start": (_("Rozpoczęcie kursu"), _("Rozpoczęto kurs")),
    "osl.course.complete": (_("Ukończenie kursu"), _("Ukończono kurs")),
    "osl.module.complete": (_("Ukończenie modułu"), _("Oznaczono moduł jako ukończony")),
    "osl.quiz.attempt": (_("Próba quizu"), _("Rozwiązano quiz")),
}


@hooks.register("register_log_actions")
def register_log_actions(actions):
    log_actions.register(actions, LOG_ACTIONS)


class ProfessionalRoleViewSet(admin_choosers.CheckedSnippetViewSet):
    model = ProfessionalRole
    icon = "group"
    menu_label = _("Role zawodowe")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "icon", "sort_order"]
    search_fields = ["name"]


register_snippet(ProfessionalRoleViewSet)
