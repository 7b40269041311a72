from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import admin_choosers
from network.models import PracticeTheme


class PracticeThemeViewSet(SnippetViewSet):
    model = PracticeTheme
    chooser_viewset_class = admin_choosers.PermissionCheckedChooserViewSet
    icon = "tag"
    menu_label = _("Tematy dobrych praktyk")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "sort_order"]
    search_fields = ["name"]


register_snippet(PracticeThemeViewSet)
