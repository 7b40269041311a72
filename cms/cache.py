"""A shared cache of anonymous page responses.

Pages opt in with `AnonymousCacheMixin`; `AnonymousPageCacheMiddleware` (last in MIDDLEWARE)
answers later anonymous requests for the same URL from the cache, before URL routing.

Never stale: every cached response is filed under one site-wide *generation*, and any change that
can alter a public page — a page published, unpublished, moved, saved or deleted; a snippet,
setting, site, locale, image, document or view restriction saved or deleted — starts a new
generation. Scheduled publishing (`publish_scheduled`) sends the same signals.

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

import hashlib
import logging
import uuid
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete, post_save
from django.http import Http404, HttpResponse
from django.utils.translation import get_language

logger = logging.getLogger("akademia.cache")
CACHE_ALIAS = "default"
FRAGMENT_CACHE_ALIAS = "fragments"
GENERATION_KEY = "anon-pages:generation"
DEFAULT_TIMEOUT = 60 * 60
HIT_HEADER = "X-Page-Cache"
STORED_HEADERS = ("Content-Type", "Content-Language", "Link")


def _cache():
    return caches[CACHE_ALIAS]


# The generation read once per request (PageRouteCacheMiddleware opens the scope): a page's
# fragments then come from one consistent generation, for one round trip to the shared cache.
_request_memo: ContextVar[dict | None] = ContextVar("osl_generation_memo", default=None)


def generation() -> str:
    memo = _request_memo.get()
    if memo is not None and "generation" in memo:
        return memo["generation"]
    cache = _cache()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY)
    if memo is not None:
        memo["generation"] = value
    return value


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
    """Start a new generation: every page cached so far is never served again."""
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()  # a publish in this very request is seen by the rest of it
    try:
        _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # a cache outage must not stop an editor from publishing
        logger.exception("Could not invalidate the anonymous page cache")


def fragment_timeout() -> int:
    return getattr(settings, "OSL_FRAGMENT_CACHE_SECONDS", 600)


def cached_for_generation(name: str, parts, compute):
    """`compute()`, cached under the current generation: for values that are the same for every
    visitor (a module's rendered body, a course's live modules, a path's page), so logged-in
    pages reuse them too. A publish starts a new generation, so a value is never stale.
    `parts` must name everything else the value depends on (page id, language, host)."""
    timeout = fragment_timeout()
    if timeout <= 0:
        return compute()
    fragments = caches[FRAGMENT_CACHE_ALIAS]  # per process: see CACHES in settings
    try:
        key = f"osl-fragments:{generation()}:{name}:" + ":".join(str(p) for p in parts)
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
    Wagtail's walk down the tree (about two queries per path segment, plus the localized root):
    what logged-in visitors, who miss the page cache, pay on every request. Only the routing is
    skipped; the live check, view restrictions and `before_serve_page` hooks still run."""

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
        # Wagtail's URL pattern passes the path positionally.
        path = view_args[0] if view_args else view_kwargs.get("path")
        if path is None:
            return None
        if not hasattr(request, "_wagtail_site"):
            # Wagtail looks the site up with a query on every request; CommonMiddleware has
            # already refused hosts outside ALLOWED_HOSTS, so the keys are few.
            request._wagtail_site = cached_for_generation(
                "site", [request._get_raw_host(), request.get_port()], lambda: _site(request)
            )
        parts = [request.get_host(), get_language() or "", path]
        route = cached_for_generation("page-route", parts, lambda: _route(request, path))
        if route is not None and not hasattr(request, "_wagtail_route_for_request"):
            page = apps.get_model(route[0]).objects.filter(pk=route[1]).first()
            try:
                # A page gone or no longer live is left to Wagtail's own routing (a 404).
                if page is not None:
                    request._wagtail_route_for_request = page.route(request, [])
            except Http404:
                pass
        return None


def _site(request):
    from wagtail.models import Site

    return Site._find_for_request(request)


def _route(request, path):
    from wagtail.models import Page

    result = Page.route_for_request(request, path)  # kept on the request for the view
    if result is None or result.args or result.kwargs:
        return None  # only plain pages: a routable page's sub-routes are left to Wagtail
    page = result.page
    return (page._meta.label, page.pk)


def _invalidate_on_model_change(sender, instance, **kwargs):
    if _affects_public_pages(sender):
        invalidate()


def _affects_public_pages(model) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    return (
        issubclass(
            model,
            (
                Page,
                Site,
                Locale,
                PageViewRestriction,
                AbstractImage,
                AbstractDocument,
                BaseSiteSetting,
                BaseGenericSetting,
            ),
        )
        or model in get_snippet_models()
    )


def connect() -> None:
    """Connect the invalidation signals; called once from an AppConfig.ready()."""
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"anon-pages-{id(signal)}")
    post_save.connect(_invalidate_on_model_change, dispatch_uid="anon-pages-save")
    post_delete.connect(_invalidate_on_model_change, dispatch_uid="anon-pages-delete")
