"""Fragments: values computed once and kept in this process's own cache (the "fragments" alias)
under the versions they depend on. A key never changes its value, so every process may keep a
copy; a logged-in page then costs one round trip to the shared cache (its versions) instead of
one per fragment."""

import logging

from django.conf import settings
from django.core.cache import caches

from .versions import access_version, generation

logger = logging.getLogger("akademia.cache")
FRAGMENT_CACHE_ALIAS = "fragments"


def fragment_timeout() -> int:
    """Seconds a fragment is kept (OSL_FRAGMENT_CACHE_SECONDS); 0 turns fragment caching off."""
    return getattr(settings, "OSL_FRAGMENT_CACHE_SECONDS", 600)


def cached(prefix, parts, compute):
    """`compute()` kept under `prefix()` (the versions, read only when the cache is on) and
    `parts` (everything else the value depends on). A cache that is down costs speed only."""
    timeout = fragment_timeout()
    if timeout <= 0:
        return compute()
    fragments = caches[FRAGMENT_CACHE_ALIAS]
    try:
        key = prefix() + ":".join(str(p) for p in parts)
        value = fragments.get(key)
    except Exception:
        logger.exception("Fragment cache unavailable")
        return compute()
    if value is None:
        value = compute()
        try:
            fragments.set(key, value, timeout)
        except Exception:
            logger.exception("Could not store a fragment")
    return value


def cached_for_generation(name: str, parts, compute):
    """`compute()`, cached under the current generation: for values that are the same for every
    visitor (a module's rendered body, a course's live modules), so logged-in pages reuse them
    too. `parts` must name everything else the value depends on (page id, language, host)."""
    return cached(lambda: f"osl-fragments:{generation()}:{name}:", parts, compute)


def cached_for_access(user, name: str, parts, compute):
    """`compute()` for one person, cached until a role or permission changes (any group,
    permission or membership: `invalidate_access`) or the person's own superuser/active/staff
    flags do. Only for values that depend on nothing else (menu links a role unlocks, "may use
    the admin"); the checks that guard data stay in the views."""
    flags = f"{user.pk}:{int(user.is_active)}:{int(user.is_superuser)}:{int(user.is_staff)}"
    return cached(lambda: f"osl-access:{access_version()}:{name}:{flags}:", parts, compute)
