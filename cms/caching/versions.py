"""The version store. Every cached value is filed under the current value of one or more version
keys kept in the shared cache (Redis in production); replacing a version's value retires every
entry filed under the old one.

The versions a request needs are read once, in one round trip, inside the request's scope
(`VersionScopeMiddleware`): a page and its fragments then come from one consistent state."""

import logging
import uuid
from contextvars import ContextVar

from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger("akademia.cache")
CACHE_ALIAS = "default"
GENERATION_KEY = "anon-pages:generation"
ACCESS_VERSION_KEY = "osl-access:version"

_request_memo: ContextVar[dict | None] = ContextVar("osl_version_memo", default=None)


def shared_cache():
    return caches[CACHE_ALIAS]


class VersionScopeMiddleware:
    """Opens the per-request memo of versions read from the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)


def memo() -> dict | None:
    """This request's memo of versions already read, or None outside a request."""
    return _request_memo.get()


def _new() -> str:
    return uuid.uuid4().hex


def read_versions(names, timeout=None) -> list[str]:
    """The current value of each version key, in one round trip; a missing one is created.
    Values already read in this request are not read again."""
    remembered = memo()
    known = {} if remembered is None else remembered
    missing = [name for name in names if name not in known]
    if missing:
        cache = shared_cache()
        values = cache.get_many(missing)
        for name in missing:
            if values.get(name) is None:
                cache.add(name, _new(), timeout)
                values[name] = cache.get(name)
        known.update(values)
    return [known[name] for name in names]


def bump_versions(*names: str, timeout=None) -> None:
    """Replace version keys: every value filed under their old values is never served again.
    Call it after the commit (transaction.on_commit), or a reader could file data that is about
    to change under the new version."""
    remembered = memo()
    if remembered is not None:
        for name in names:
            remembered.pop(name, None)  # the rest of this request sees the change
    try:
        shared_cache().set_many({name: _new() for name in names}, timeout)
    except Exception:  # a cache outage must not fail a committed change
        logger.exception("Could not bump cache versions %s", names)


def bump_now_and_after_commit(*names: str, timeout=None) -> None:
    """For changes whose signals fire inside the transaction (a publish): bump now, so the rest
    of this request sees the change, and again after the commit, because another process may
    have read the first new version and the old rows in between and filed stale values under
    it."""
    bump_versions(*names, timeout=timeout)
    transaction.on_commit(lambda: bump_versions(*names, timeout=timeout))


def generation() -> str:
    """The current generation of public content: a new one after every publish."""
    return read_versions([GENERATION_KEY, ACCESS_VERSION_KEY])[0]


def access_version() -> str:
    """The current version of roles and permissions: a new one whenever a group, a permission or
    somebody's membership of them changes."""
    return read_versions([GENERATION_KEY, ACCESS_VERSION_KEY])[1]


def invalidate(**kwargs) -> None:
    """Start a new generation: every page and fragment cached so far is never served again.
    A signal receiver (hence `**kwargs`)."""
    bump_now_and_after_commit(GENERATION_KEY)


def invalidate_access(**kwargs) -> None:
    """Start a new access version: per-person role and permission flags are computed again."""
    bump_now_and_after_commit(ACCESS_VERSION_KEY)
