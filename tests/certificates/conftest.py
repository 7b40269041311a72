import pytest
from django.core.cache import cache

from cms import roles


@pytest.fixture(autouse=True)
def _roles_and_clean_cache(db):
    roles.ensure_roles()
    cache.clear()  # the verification rate limit counts per IP in the cache
    yield
    cache.clear()
