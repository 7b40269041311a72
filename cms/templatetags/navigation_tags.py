"""Menus and the language switcher, so that templates only loop and print."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms import menus, roles

register = template.Library()


@register.simple_tag
def fragment_cache_key():
    """The generation and lifetime of cached header/footer fragments. They share the page cache's
    generation (cms.caching.versions), so any content change that starts a new one refreshes them
    too."""
    from cms.caching import fragments, versions

    return {
        "generation": versions.generation(),
        "timeout": fragments.fragment_timeout(),
    }


def _home_page(context):
    request = context.get("request")
    if request is None:
        return None
    # The header asks for the home page three times (logo, menu, language switcher): look it up
    # once per request, since each lookup costs a locale and a page query.
    if not hasattr(request, "_osl_home_page"):
        site = Site.find_for_request(request)
        home = None
        if site is not None:
            root = site.root_page
            # Each language has its own copy of the home page (Wagtail i18n).
            home = root.localized if settings.WAGTAIL_I18N_ENABLED else root
        request._osl_home_page = home
    return request._osl_home_page


@register.simple_tag(takes_context=True)
def home_url(context):
    home = _home_page(context)
    return home.url if home else "/"


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    home = _home_page(context)
    items = (
        home.get_children().live().in_menu().specific(defer=True) if home else Page.objects.none()
    )
    current = context.get("page")
    request = context["request"]
    return {
        "items": items,
        "current_path": current.path if current else "",
        "links": menus.main_links(request.user),
        "request_path": request.path,
    }


def _account_flags(request) -> dict:
    """The account menu's links and the admin and centre flags of the logged-in person, cached
    until their roles or permissions change (cms.caching.fragments.cached_for_access): each
    would otherwise cost the permission and group queries on every page."""
    from cms.caching.fragments import cached_for_access

    user = request.user
    if not user.is_authenticated:
        return {"links": [], "can_admin": False, "is_centre_coordinator": False}
    if not hasattr(request, "_osl_account_flags"):
        request._osl_account_flags = cached_for_access(
            user,
            "account-menu",
            [get_language()],
            lambda: {
                "links": [(str(label), url) for label, url in menus.account_links(user)],
                "can_admin": user.has_perm("wagtailadmin.access_admin"),
                "is_centre_coordinator": roles.has_role(user, roles.CENTRE_COORDINATORS),
            },
        )
    return request._osl_account_flags


@register.inclusion_tag("includes/account_menu.html", takes_context=True)
def account_menu(context):
    request = context["request"]
    return {"user": request.user, **_account_flags(request)}


@register.simple_tag(takes_context=True)
def can_use_admin(context) -> bool:
    """Whether to render Wagtail's user bar at all: it loads every permission of the person to
    decide, on every page, for learners too."""
    request = context.get("request")
    return request is not None and _account_flags(request)["can_admin"]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages: the translated Wagtail page where there is one,
    otherwise the same view under the other language's URL prefix."""
    request = context["request"]
    page = context.get("page")
    translations = {}
    if isinstance(page, Page):
        # A page not translated yet leads to the other language's home page, never to a 404.
        home = _home_page(context)
        candidates = [home] if home is not None and home.pk == page.pk else [home, page]
        for candidate in candidates:
            if candidate is None:
                continue
            for translated in (
                candidate.get_translations(inclusive=False).live().select_related("locale")
            ):
                translations[translated.locale.language_code] = translated.url
    return {
        "current": get_language(),
        "languages": [
            {
                "code": code,
                "name": name,
                "url": translations.get(code) or translate_url(request.get_full_path(), code),
            }
            for code, name in settings.LANGUAGES
        ],
    }
