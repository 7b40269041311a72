import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _roles_and_clean_cache(with_roles):
    cache.clear()  # the verification rate limit counts per IP in the cache
    yield
    cache.clear()
