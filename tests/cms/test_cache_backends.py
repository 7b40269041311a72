"""The production cache settings: Redis through django-redis, whose client is built once and
reused (Django's own Redis backend builds one per command); without Redis, Django's file cache,
and sessions in the database alone."""

import json

from django_redis.cache import RedisCache

from tests.cms.test_settings import production_env, run


def test_one_redis_client_is_reused_for_every_call():
    backend = RedisCache("redis://127.0.0.1:6379/15", {})  # builds no connection yet
    reader = backend.client.get_client(write=False)
    assert backend.client.get_client(write=True) is reader  # one server: one client


def _production_caches(**env):
    probe = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.CACHES['default']['BACKEND'], s.SESSION_ENGINE]))"
    )
    result = run(["-c", probe], **production_env(), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_without_redis_keeps_sessions_out_of_the_file_cache():
    backend, sessions = _production_caches()
    assert backend == "django.core.cache.backends.filebased.FileBasedCache"
    assert sessions == "django.contrib.sessions.backends.db"


def test_production_with_redis_uses_django_redis_and_cached_sessions():
    backend, sessions = _production_caches(REDIS_URL="redis://127.0.0.1:6379/15")
    assert backend == "django_redis.cache.RedisCache"
    assert sessions == "django.contrib.sessions.backends.cached_db"
