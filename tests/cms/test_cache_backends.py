"""The production cache backends (cms/cache_backends.py): the Redis cache keeps one client per
connection pool; the file cache stays bounded without listing its folder on every write."""

from unittest import mock

from cms.cache_backends import FileCache, RedisCache


def test_one_redis_client_is_reused_for_every_call():
    backend = RedisCache("redis://127.0.0.1:6379/15", {})  # builds no connection yet
    reader = backend._cache.get_client("a")
    assert backend._cache.get_client("b") is reader
    assert backend._cache.get_client("a", write=True) is reader  # one server: one pool


def _cache(tmp_path, **options):
    return FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20, **options}})


def test_file_cache_lists_its_folder_only_on_every_nth_write(tmp_path):
    cache = _cache(tmp_path, CULL_CHECK_EVERY=10)
    with mock.patch.object(cache, "_list_cache_files", wraps=cache._list_cache_files) as listing:
        for i in range(30):
            cache.set(f"k{i}", i)
    assert listing.call_count == 3
    assert cache.get("k29") == 29


def test_file_cache_still_culls_past_max_entries(tmp_path):
    cache = _cache(tmp_path, CULL_CHECK_EVERY=5, CULL_FREQUENCY=2)
    for i in range(200):
        cache.set(f"k{i}", i)
        assert len(cache._list_cache_files()) <= 20 + 5
