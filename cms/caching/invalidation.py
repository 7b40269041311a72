"""Which changes start a new generation: the models whose rows public pages show, listed
explicitly. Everything else (certificates, signing keys, enrolments, centres, logs, audit rows)
never does: issuing 3,000 certificates must not throw the cached pages away 3,000 times.
Workshops and venues keep versions of their own (enrolment.page_cache), so a seat taken does not
flush the course pages either. Scheduled publishing (`publish_scheduled`) sends the same signals
as a publish by hand."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .versions import invalidate, invalidate_access


def register_public_content(*bases) -> None:
    """Saving or deleting a row of these models (or of any installed subclass) alters public
    pages and starts a new generation. cms registers Wagtail's content; an app registers the
    snippets its pages show from its AppConfig.ready()."""
    from django.apps import apps

    for model in apps.get_models():
        if issubclass(model, tuple(bases)):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"anon-pages-save-{model}")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"anon-pages-del-{model}")


def _register_wagtail_content() -> None:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    register_public_content(
        Page,
        Site,
        Locale,
        PageViewRestriction,
        AbstractImage,
        AbstractDocument,
        BaseSiteSetting,
        BaseGenericSetting,
    )
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"anon-pages-{id(signal)}")
    # A restriction's groups are saved after the restriction itself.
    m2m_changed.connect(
        invalidate, sender=PageViewRestriction.groups.through, dispatch_uid="anon-pages-groups"
    )


def _register_access() -> None:
    """Roles and permissions: the per-person flags of `fragments.cached_for_access`. A user's own
    fields (superuser, active, staff) are part of that cache's key, so saving a user bumps
    nothing. Signals only: a bulk `update()` or raw SQL on these tables must call
    `invalidate_access()` itself (none does today)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(invalidate_access, sender=through, dispatch_uid=f"access-{through}")
    for model in (Group, Permission):
        post_save.connect(invalidate_access, sender=model, dispatch_uid=f"access-save-{model}")
        post_delete.connect(invalidate_access, sender=model, dispatch_uid=f"access-del-{model}")


def connect() -> None:
    """Connect the invalidation signals; called once from cms's AppConfig.ready()."""
    _register_wagtail_content()
    _register_access()
