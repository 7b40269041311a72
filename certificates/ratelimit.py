"""The public look-up's rate limit: django-ratelimit's fixed window per client address, counted in
Django's cache (shared across workers with Redis). A window starts on a fixed boundary and
trying again inside it does not move it, so a client over the limit is let in again when the
window ends, however often it tried meanwhile."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django_ratelimit.core import get_usage


def client_ip(request) -> str:
    """The client's address as the log-in rate limits see it: allauth reads X-Forwarded-For only
    through the number of proxies the deployment trusts (ALLAUTH_TRUSTED_PROXY_COUNT, from
    OSL_TRUSTED_PROXY_COUNT) or the header it names, and REMOTE_ADDR otherwise, so one rule
    serves every limit and a forged header buys no fresh bucket."""
    return get_adapter(request).get_client_ip(request)


def _key(group, request) -> str:
    return client_ip(request)


def _rate(group, request) -> tuple[int, int]:
    return tuple(settings.CERTIFICATES_VERIFY_RATE)  # (tries, window in seconds)


def allow(request, scope: str) -> tuple[bool, int]:
    """Count one look-up for this client: (allowed, seconds until its window ends)."""
    usage = get_usage(request, group=f"certificates.{scope}", key=_key, rate=_rate, increment=True)
    if usage is None:  # RATELIMIT_ENABLE = False
        return True, 0
    return not usage["should_limit"], usage["time_left"]
