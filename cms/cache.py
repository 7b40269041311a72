"""A shared cache of anonymous page responses.

Pages opt in with `AnonymousCacheMixin`; `AnonymousPageCacheMiddleware` (last in MIDDLEWARE)
answers later anonymous requests for the same URL from the cache, before URL routing.

Never stale: every cached response is filed under one site-wide *generation*, and any change that
can alter a public page — a page published, unpublished, moved, saved or deleted; a setting,
site, locale, image, document or view restriction saved or deleted; a model an app registered
as public content (`register_public_content`) — starts a new generation. Certificates, keys,
enrolments, centres and logs never do. Scheduled publishing (`publish_scheduled`) sends the
same signals.

Only requests that cannot be personal are served from or stored in the cache: GET, no session
cookie (so no login), no pending messages. A response is stored only when its page opted in, it is
a 200, it set no cookie, used no CSRF token and touched no session.

Django views can opt in too (`response.anonymous_cacheable = True`). When what they show depends
on data outside the page tree (seats left at a workshop), their app registers a *version source*
(`register_version_source`): a function naming the version keys a request's page depends on. The
middleware reads those versions with the generation in one round trip and files the page under
all of them; the app replaces a version (`bump_versions`) after every commit that changes its
data. A response may also set `anonymous_cache_timeout` (seconds) when it changes with the clock.

With several processes (gunicorn workers) the cache must be shared: with the local-memory cache
each process would keep its own generation. So production turns it on only with REDIS_URL
(`OSL_PAGE_CACHE_SECONDS`, 0 = off)."""

import contextlib
import hashlib
import logging
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import Http404, HttpResponse
from django.utils.translation import get_language

logger = logging.getLogger("akademia.cache")
CACHE_ALIAS = "default"
FRAGMENT_CACHE_ALIAS = "fragments"
GENERATION_KEY = "anon-pages:generation"
ACCESS_VERSION_KEY = "osl-access:version"
DEFAULT_TIMEOUT = 60 * 60
HIT_HEADER = "X-Page-Cache"
STORED_HEADERS = ("Content-Type", "Content-Language", "Link")


def _cache():
    return caches[CACHE_ALIAS]


# The shared versions read once per request (PageRouteCacheMiddleware opens the scope), in one
# round trip to the shared cache: a page's fragments then come from one consistent generation.
_request_memo: ContextVar[dict | None] = ContextVar("osl_generation_memo", default=None)


def _versions() -> dict:
    memo = _request_memo.get()
    if memo is not None and "versions" in memo:
        return memo["versions"]
    cache = _cache()
    values = cache.get_many([GENERATION_KEY, ACCESS_VERSION_KEY])
    for key in (GENERATION_KEY, ACCESS_VERSION_KEY):
        if values.get(key) is None:
            cache.add(key, uuid.uuid4().hex, None)
            values[key] = cache.get(key)
    if memo is not None:
        memo["versions"] = values
    return values


def generation() -> str:
    """The current generation of public content: a new one after every publish."""
    return _versions()[GENERATION_KEY]


def access_version() -> str:
    """The current version of roles and permissions: a new one whenever a group, a permission or
    somebody's membership of them changes."""
    return _versions()[ACCESS_VERSION_KEY]


def _bump(key: str, what: str) -> None:
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()  # a change in this very request is seen by the rest of it
    try:
        _cache().set(key, uuid.uuid4().hex, None)
    except Exception:  # a cache outage must not stop an editor from publishing
        logger.exception("Could not invalidate %s", what)


def _bump_now_and_after_commit(key: str, what: str) -> None:
    # Now, so the rest of this request sees the change; and again after the commit, because
    # another process may have read the first new version and the old rows in between, and
    # filed stale values under it.
    _bump(key, what)
    transaction.on_commit(lambda: _bump(key, what))


def read_versions(names) -> list[str]:
    """The current value of each version key, in one round trip; a missing one is created."""
    cache = _cache()
    values = cache.get_many(names)
    for name in names:
        if name not in values:
            cache.add(name, uuid.uuid4().hex, None)
            values[name] = cache.get(name)
    return [values[name] for name in names]


def bump_versions(*names: str) -> None:
    """Replace version keys: every page filed under their old values is never served again.
    Call it after the commit (transaction.on_commit), or a reader could file data that is about
    to change under the new version."""
    try:
        _cache().set_many({name: uuid.uuid4().hex for name in names}, None)
    except Exception:  # a cache outage must not fail a committed change
        logger.exception("Could not bump cache versions %s", names)


_version_sources: list = []


def register_version_source(source) -> None:
    """`source(request)` returns the version keys the request's page depends on, or None."""
    if source not in _version_sources:
        _version_sources.append(source)


def _extra_versions(request) -> list[str]:
    names = []
    for source in _version_sources:
        names += source(request) or []
    return names


def invalidate(**kwargs) -> None:
    """Start a new generation: every page and fragment cached so far is never served again."""
    _bump_now_and_after_commit(GENERATION_KEY, "the page cache")


def invalidate_access(**kwargs) -> None:
    """Start a new access version: per-user role and permission flags are computed again."""
    _bump_now_and_after_commit(ACCESS_VERSION_KEY, "the access flags")


def fragment_timeout() -> int:
    return getattr(settings, "OSL_FRAGMENT_CACHE_SECONDS", 600)


def cached_for_generation(name: str, parts, compute):
    """`compute()`, cached under the current generation: for values that are the same for every
    visitor (a module's rendered body, a course's live modules, a path's page), so logged-in
    pages reuse them too. A publish starts a new generation, so a value is never stale.
    `parts` must name everything else the value depends on (page id, language, host)."""
    return _cached(lambda: f"osl-fragments:{generation()}:{name}:", parts, compute)


def cached_for_access(user, name: str, parts, compute):
    """`compute()` for one person, cached until a role or permission changes (any group,
    permission or membership: `invalidate_access`) or the person's own superuser/active/staff
    flags do. Only for values that depend on nothing else (menu links a role unlocks, "may use
    the admin"); the checks that guard data stay in the views."""
    flags = f"{user.pk}:{int(user.is_active)}:{int(user.is_superuser)}:{int(user.is_staff)}"
    return _cached(lambda: f"osl-access:{access_version()}:{name}:{flags}:", parts, compute)


def _personal_key(namespace: str, person_id) -> str:
    return f"osl-person:{namespace}:{person_id}:version"


def personal_version(namespace: str, person_id) -> str:
    """The version of one person's own records in `namespace` (e.g. their learning progress),
    read once per request."""
    memo = _request_memo.get()
    key = _personal_key(namespace, person_id)
    if memo is not None and key in memo:
        return memo[key]
    cache = _cache()
    value = cache.get(key)
    if value is None:
        cache.add(key, uuid.uuid4().hex, fragment_timeout() * 2)
        value = cache.get(key)
    if memo is not None:
        memo[key] = value
    return value


def personal_changed(namespace: str, person_id) -> None:
    """One person's records in `namespace` changed: their cached values are computed again, now
    and once more after the commit (see `_bump_now_and_after_commit`)."""
    key = _personal_key(namespace, person_id)

    def bump():
        memo = _request_memo.get()
        if memo is not None:
            memo.pop(key, None)
        try:
            _cache().set(key, uuid.uuid4().hex, fragment_timeout() * 2)
        except Exception:
            logger.exception("Could not invalidate %s", key)

    bump()
    transaction.on_commit(bump)


def cached_for_person(namespace: str, person_id, name: str, parts, compute):
    """`compute()` for one person's own records, cached until they change (`personal_changed`)
    or the site's content does (the generation): e.g. a learner's progress in a course, whose
    modules a publish may change."""
    return _cached(
        lambda: (
            f"osl-person:{namespace}:{person_id}:{personal_version(namespace, person_id)}:"
            f"{generation()}:{name}:"
        ),
        parts,
        compute,
    )


def _cached(prefix, parts, compute):
    timeout = fragment_timeout()
    if timeout <= 0:
        return compute()
    fragments = caches[FRAGMENT_CACHE_ALIAS]  # per process: see CACHES in settings
    try:
        key = prefix() + ":".join(str(p) for p in parts)
        value = fragments.get(key)
    except Exception:  # the cache is down: compute the slow way
        logger.exception("Fragment cache unavailable")
        return compute()
    if value is None:
        value = compute()
        try:
            fragments.set(key, value, timeout)
        except Exception:
            logger.exception("Could not store a fragment")
    return value


class AnonymousCacheMixin:
    """Mixed into a Page class: its anonymous responses may be cached."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.anonymous_cacheable = True
        return response


def _timeout() -> int:
    return getattr(settings, "OSL_PAGE_CACHE_SECONDS", DEFAULT_TIMEOUT)


def _request_is_cacheable(request) -> bool:
    return (
        _timeout() > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _response_is_cacheable(request, response) -> bool:
    session = getattr(request, "session", None)
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(response, "anonymous_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        and not queued
        and "private" not in cache_control
        and "no-store" not in cache_control
        and _response_timeout(response) > 0
    )


def _response_timeout(response) -> int:
    own = getattr(response, "anonymous_cache_timeout", None)
    return _timeout() if own is None else min(_timeout(), int(own))


def _key(request, host: str) -> str:
    raw = "|".join(
        [
            request.scheme,
            host,
            get_language() or "",
            request.get_full_path(),
        ]
    )
    extra = _extra_versions(request)
    versions = read_versions([GENERATION_KEY, *extra]) if extra else [generation()]
    return f"anon-pages:{':'.join(versions)}:{hashlib.sha256(raw.encode()).hexdigest()}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_is_cacheable(request):
            return self.get_response(request)
        host = request.get_host()  # a disallowed host ends here, as a 400, before the cache
        try:
            key = _key(request, host)
            cached = _cache().get(key)
        except Exception:  # the cache is down: serve the page the slow way
            logger.exception("Anonymous page cache unavailable")
            return self.get_response(request)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _response_is_cacheable(request, response):
            headers = [(h, response[h]) for h in STORED_HEADERS if h in response]
            try:
                entry = (response.status_code, headers, response.content)
                _cache().set(key, entry, _response_timeout(response))
                response[HIT_HEADER] = "miss"
            except Exception:
                logger.exception("Could not store a page in the anonymous page cache")
        return response


class PageRouteCacheMiddleware:
    """Finds the page for a Wagtail URL from a map cached under the generation, instead of
    Wagtail's walk down the tree (about two queries per path segment, plus the localized root),
    the page's own query and the view-restriction queries: what logged-in visitors, who miss the
    page cache, pay on every request. The cached page is the live row as it was when the
    generation began; any save, publish, unpublish or move starts a new one. The live check, the
    view restrictions themselves and `before_serve_page` hooks still run on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views as wagtail_views

        if view_func is not wagtail_views.serve or fragment_timeout() <= 0:
            return None
        remember_site(request)
        # Wagtail's URL pattern passes the path positionally.
        path = view_args[0] if view_args else view_kwargs.get("path")
        if path is None:
            return None
        parts = [request.get_host(), get_language() or "", path]
        route = cached_for_generation("page-route-v2", parts, lambda: _route(request, path))
        if route is None:
            return None
        page, restrictions = route
        # Wagtail's `check_view_restrictions` hook iterates over what this returns; the
        # restrictions (groups prefetched) were read with the page, under the same generation.
        # (On a miss `_route` has already put this very page object on the request.)
        page.get_view_restrictions = lambda: restrictions
        if not hasattr(request, "_wagtail_route_for_request"):
            # Not live: left to Wagtail's own routing (a 404).
            with contextlib.suppress(Http404):
                request._wagtail_route_for_request = page.route(request, [])
        return None


def remember_site(request):
    """The request's Wagtail site and the site root paths that `pageurl` needs, from the
    per-process fragment cache: each would otherwise cost a query or a round trip to Redis.
    Wagtail pages get them from the middleware; a view that links to pages may call this."""
    from wagtail.models import Site

    if fragment_timeout() <= 0:
        return
    if not hasattr(request, "_wagtail_site"):
        # CommonMiddleware has already refused hosts outside ALLOWED_HOSTS: the keys are few.
        request._wagtail_site = cached_for_generation(
            "site", [request._get_raw_host(), request.get_port()], lambda: _site(request)
        )
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = cached_for_generation(
            "site-root-paths", [], Site.get_site_root_paths
        )


def _site(request):
    from wagtail.models import Site

    return Site._find_for_request(request)


def _route(request, path):
    from wagtail.models import Page

    result = Page.route_for_request(request, path)  # kept on the request for the view
    if result is None or result.args or result.kwargs:
        return None  # only plain pages: a routable page's sub-routes are left to Wagtail
    page = result.page
    return page, list(page.get_view_restrictions().prefetch_related("groups"))


# The models whose rows public pages show. Everything else (certificates, signing keys,
# enrolments, centres, logs, audit rows) never starts a new generation: issuing 3,000 certificates
# must not throw the cached pages away 3,000 times. Workshops and venues keep versions of their
# own (enrolment.page_cache), so a seat taken does not flush the course pages either.


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


def connect() -> None:
    """Connect the invalidation signals; called once from an AppConfig.ready()."""
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"anon-pages-{id(signal)}")
    _register_wagtail_content()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import PageViewRestriction

    # A restriction's groups are saved after the restriction itself.
    m2m_changed.connect(
        invalidate, sender=PageViewRestriction.groups.through, dispatch_uid="anon-pages-groups"
    )
    # Roles and permissions: the per-user flags of `cached_for_access`. A user's own fields
    # (superuser, active) are part of that cache's key, so saving a user bumps nothing.
    # Signals only: a bulk `update()` or raw SQL on these tables must call `invalidate_access()`
    # itself (none does today), or flags stay as they were until the cache times out.
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
