"""The Redis cache backend keeps one client per connection pool (cms/cache_backends.py)."""

from cms.cache_backends import RedisCache


def test_one_redis_client_is_reused_for_every_call():
    backend = RedisCache("redis://127.0.0.1:6379/15", {})  # builds no connection yet
    reader = backend._cache.get_client("a")
    assert backend._cache.get_client("b") is reader
    assert backend._cache.get_client("a", write=True) is reader  # one server: one pool
