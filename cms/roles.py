"""The platform's roles as Django groups, and the permissions each one holds.

Each app adds the permissions its own models need with `grant()` from its AppConfig.ready(),
so this module never has to know about apps above it."""

from collections import defaultdict

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

PROGRAMME_COORDINATORS = "Koordynatorzy programu"
TRAINERS = "Trenerzy"
CENTRE_COORDINATORS = "Koordynatorzy ośrodków"
PARTICIPANTS = "Uczestnicy"
ALL_ROLES = [PROGRAMME_COORDINATORS, TRAINERS, CENTRE_COORDINATORS, PARTICIPANTS]

_model_permissions: dict[str, set[str]] = defaultdict(set)
_page_permissions: dict[str, set[str]] = defaultdict(set)
_collection_permissions: dict[str, set[str]] = defaultdict(set)


def grant(role: str, permissions: list[str]) -> None:
    """Give a role model permissions, each as "app_label.codename"."""
    _model_permissions[role].update(permissions)


def grant_pages(role: str, permissions: list[str]) -> None:
    """Give a role Wagtail page permissions (e.g. "add_page") on the whole page tree."""
    _page_permissions[role].update(permissions)


def grant_collections(role: str, permissions: list[str]) -> None:
    """Give a role image/document permissions ("wagtailimages.add_image") on all collections."""
    _collection_permissions[role].update(permissions)


grant(
    PROGRAMME_COORDINATORS,
    [
        "wagtailadmin.access_admin",
        "cms.add_centre",
        "cms.change_centre",
        "cms.view_centre",
        "cms.change_sitesettings",
        "wagtailcore.add_locale",
        "wagtailcore.change_locale",
        "wagtailcore.view_locale",
    ],
)
grant(TRAINERS, ["wagtailadmin.access_admin"])
grant_pages(
    PROGRAMME_COORDINATORS,
    ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
)
grant_pages(TRAINERS, ["add_page", "change_page"])
_MEDIA = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
grant_collections(PROGRAMME_COORDINATORS, _MEDIA)
grant_collections(TRAINERS, _MEDIA)


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles() -> dict[str, Group]:
    """Create the groups and set their permissions to exactly what is declared. Idempotent."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    groups = {}
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([_permission(p) for p in sorted(_model_permissions[role])])
        if root_page:
            GroupPagePermission.objects.filter(group=group).exclude(
                permission__codename__in=_page_permissions[role]
            ).delete()
            for codename in _page_permissions[role]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(f"wagtailcore.{codename}"),
                )
        if root_collection:
            for dotted in _collection_permissions[role]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(dotted)
                )
        groups[role] = group
    return groups


def has_role(user, role: str) -> bool:
    if not user.is_authenticated:
        return False
    # The group names are read once per request object, not once per check.
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return role in cached


def is_programme_coordinator(user) -> bool:
    """The programme office: programme coordinators and superusers. The one place this is said."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or has_role(user, PROGRAMME_COORDINATORS))
    )


def add_role(user, role: str) -> None:
    user.groups.add(Group.objects.get(name=role))
    if hasattr(user, "_role_names"):
        del user._role_names


def users_with_role(role: str):
    return get_user_model().objects.filter(groups__name=role)
