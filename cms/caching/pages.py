"""Whole anonymous responses, answered from the shared cache before URL routing.

Pages opt in with `AnonymousCacheMixin`; Django views set `response.anonymous_cacheable = True`.
A response is filed under the generation and, when what it shows depends on data outside the page
tree (seats left at a workshop), under the versions its app names through a *version source*
(`register_version_source`); the app bumps them after every commit that changes its data.
A response may set `anonymous_cache_timeout` (seconds) when it changes with the clock.

Only requests that cannot be personal are served from or stored in the cache: GET, no session
cookie (so no login), no pending messages. A response is stored only when its page opted in, it is
a 200, it set no cookie, used no CSRF token, touched no session and queued no message.

With several processes (gunicorn workers) the cache must be shared, so production turns it on
only with REDIS_URL (`OSL_PAGE_CACHE_SECONDS`, 0 = off)."""

import hashlib
import logging

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.utils.translation import get_language

from .versions import GENERATION_KEY, read_versions, shared_cache

logger = logging.getLogger("akademia.cache")
DEFAULT_TIMEOUT = 60 * 60
HIT_HEADER = "X-Page-Cache"
STORED_HEADERS = ("Content-Type", "Content-Language", "Link")

_version_sources: list = []


def register_version_source(source) -> None:
    """`source(request)` returns the version keys the request's page depends on, or None."""
    if source not in _version_sources:
        _version_sources.append(source)


class AnonymousCacheMixin:
    """Mixed into a Page class: its anonymous responses may be cached. A page whose content
    changes with the clock (a certificate's validity) sets `anonymous_cache_timeout` (seconds)."""

    anonymous_cache_timeout: int | None = None

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        response.anonymous_cacheable = True
        if self.anonymous_cache_timeout is not None:
            response.anonymous_cache_timeout = self.anonymous_cache_timeout
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


def _response_timeout(response) -> int:
    own = getattr(response, "anonymous_cache_timeout", None)
    return _timeout() if own is None else min(_timeout(), int(own))


def _response_is_cacheable(request, response) -> bool:
    session = getattr(request, "session", None)
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(response, "anonymous_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
        # A message queued for the next page (len() reads the storage without consuming it).
        and not len(messages.get_messages(request))
        and "private" not in cache_control
        and "no-store" not in cache_control
        and _response_timeout(response) > 0
    )


def _key(request, host: str) -> str:
    raw = "|".join([request.scheme, host, get_language() or "", request.get_full_path()])
    extra = []
    for source in _version_sources:
        extra += source(request) or []
    versions = read_versions([GENERATION_KEY, *extra])
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
            cached = shared_cache().get(key)
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
                shared_cache().set(key, entry, _response_timeout(response))
                response[HIT_HEADER] = "miss"
            except Exception:
                logger.exception("Could not store a page in the anonymous page cache")
        return response
