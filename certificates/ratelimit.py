"""A fixed-window counter per client IP in Django's cache (shared across workers with Redis)."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address as the log-in rate limits see it: allauth reads X-Forwarded-For only
    through the number of proxies the deployment trusts (ALLAUTH_TRUSTED_PROXY_COUNT, from
    OSL_TRUSTED_PROXY_COUNT) or the header it names, and REMOTE_ADDR otherwise, so one rule
    serves every limit and a forged header buys no fresh bucket."""
    return get_adapter(request).get_client_ip(request)


def allow(request, scope: str) -> bool:
    """Count one lookup for this client; False once it is over the limit for the window."""
    limit, window = settings.CERTIFICATES_VERIFY_RATE
    key = f"ratelimit:{scope}:{client_ip(request)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
