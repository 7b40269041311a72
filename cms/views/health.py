"""Health for the load balancer and the orchestrator.

/healthz: the process answers (liveness; touches nothing else).
/readyz: this app server can serve: the database answers a query and the shared cache stores
and returns a value. 503 when either fails, naming which (never why: details go to the log)."""

import logging
import uuid

from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("akademia.health")


def _plain(body: str, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    return _plain("ok")


def database_ok() -> bool:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Readiness: the database does not answer")
        return False


def cache_ok() -> bool:
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache = caches["default"]
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
        return ok
    except Exception:
        logger.exception("Readiness: the cache does not answer")
        return False


@never_cache
@require_safe
def readyz(request):
    checks = {"database": database_ok(), "cache": cache_ok()}
    body = "".join(f"{name}: {'ok' if ok else 'error'}\n" for name, ok in checks.items())
    return _plain(body, 200 if all(checks.values()) else 503)
