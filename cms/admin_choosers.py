"""Wagtail's snippet choosers with the permission check Wagtail leaves out.

Wagtail's chooser views answer anyone with access to the admin: its "chosen" view gives the
name of any object by its id, whatever the person's permissions on the model (a trainer could
read every participant certificate's holder and number, one id after another). Every snippet
viewset of ours uses PermissionCheckedChooserViewSet: its views ask the model's permission
policy first for any of add, change, delete or view, as the snippet's own list does. A viewset
with a rule per object (the workshops a trainer runs) narrows the querysets in subclasses."""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

CHOOSER_ACTIONS = ["add", "change", "delete", "view"]


class ModelPermissionRequired:
    def dispatch(self, request, *args, **kwargs):
        policy = ModelPermissionPolicy(self.model_class)
        if not policy.user_has_any_permission(request.user, CHOOSER_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooseView(ModelPermissionRequired, chooser.ChooseView):
    pass


class ChooseResultsView(ModelPermissionRequired, chooser.ChooseResultsView):
    pass


class ChosenView(ModelPermissionRequired, chooser.SnippetChosenView):
    pass


class ChosenMultipleView(ModelPermissionRequired, chooser.SnippetChosenMultipleView):
    pass


class PermissionCheckedChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


class CheckedSnippetViewSet(SnippetViewSet):
    """The base of every snippet viewset of ours: its chooser asks the permission policy."""

    chooser_viewset_class = PermissionCheckedChooserViewSet
