"""Cached header and footer fragments, the same for every anonymous visitor of a path.

Every rendered fragment key carries a *generation*; any change to pages, sites or site settings
starts a new generation, so no fragment outlives the content it shows. The generation is a
timestamp rather than a counter, so that after a cache flush an old key is never reused."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "osl:fragments:generation"


def timeout() -> int:
    """Seconds a fragment may be served from the cache; 0 switches the cache off."""
    return getattr(settings, "OSL_FRAGMENT_CACHE_SECONDS", 600)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def new_generation() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def _is_navigation_content(instance) -> bool:
    from cms.models import SiteSettings

    return isinstance(instance, Page | Site | SiteSettings)


@receiver(post_save)
@receiver(post_delete)
def _content_saved(sender, instance, **kwargs):
    if _is_navigation_content(instance):
        new_generation()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    new_generation()
