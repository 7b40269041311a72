"""Liveness and readiness for the load balancer: /readyz is 503 when the database or the shared
cache fails, and the probes are never redirected to HTTPS nor cached."""

from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import override_settings

pytestmark = pytest.mark.django_db

# A Redis nobody listens on: every command fails to connect.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    },
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


def test_healthz_and_readyz_answer_200_when_all_is_well(client):
    live = client.get("/healthz")
    assert live.status_code == 200 and live.content == b"ok"

    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.content.decode() == "database: ok\ncache: ok\n"
    assert "no-store" in ready["Cache-Control"]
    assert client.head("/readyz").status_code == 200
    assert client.post("/readyz").status_code == 405


def test_readyz_is_503_when_the_database_fails(client):
    broken = mock.patch.object(
        connections["default"], "cursor", side_effect=OperationalError("connection refused")
    )
    with broken:
        response = client.get("/readyz")
        assert client.get("/healthz").status_code == 200  # alive, only not ready

    assert response.status_code == 503
    assert response.content.decode() == "database: error\ncache: ok\n"
    assert "refused" not in response.content.decode()


def test_readyz_is_503_when_the_cache_fails(client):
    with override_settings(CACHES=DEAD_REDIS):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response.content.decode() == "database: ok\ncache: error\n"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_probes_over_plain_http_are_not_redirected(client):
    assert client.get("/readyz").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/konto/login/").status_code == 301
