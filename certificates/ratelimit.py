"""A fixed-window counter per client IP in Django's cache (shared across workers with Redis)."""

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    # Behind a proxy the deployment sets REMOTE_ADDR from its trusted header (e.g. gunicorn's
    # forwarded-allow-ips); X-Forwarded-For itself is never trusted here.
    return request.META.get("REMOTE_ADDR", "unknown")


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
