from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from cms import admin_choosers
from network.models import PracticeTheme


class PracticeThemeViewSet(admin_choosers.CheckedSnippetViewSet):
    model = PracticeTheme
    icon = "tag"
    menu_label = _("Tematy dobrych praktyk")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "sort_order"]
    search_fields = ["name"]


register_snippet(PracticeThemeViewSet)
