"""The file cache production uses without Redis (CACHES in cms/settings/production.py)."""

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    """Django's file cache lists its whole folder on every write to decide whether to cull, a
    cost that grows with the entries: several ms per write at a few thousand sessions, paid by
    the first request of every session (cached_db sessions write the cache on a miss). This one
    looks on every `CULL_CHECK_EVERY`-th write of a process (option, default 50), so the folder
    may pass MAX_ENTRIES by that many writes per process before it is culled."""

    def __init__(self, dir, params):
        options = dict(params.get("OPTIONS", {}))
        self._cull_check_every = max(int(options.pop("CULL_CHECK_EVERY", 50)), 1)
        super().__init__(dir, {**params, "OPTIONS": options})
        self._writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % self._cull_check_every == 0:
            super()._cull()
