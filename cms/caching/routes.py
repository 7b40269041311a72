"""Wagtail's path → page lookup, kept under the generation, for the visitors the page cache does
not answer (everyone logged in).

Wagtail routes a request by walking the tree from the site's root (about two queries per path
segment, plus the site, the localized root and the page's specific row) and reads the page's
view restrictions on every request. `cms.caching.urls.serve` (mounted in place of Wagtail's
own view, under the same URL name) keeps the live page object with its restrictions in the
per-process fragment cache under the generation; any save, publish, unpublish or move, and
any change of a restriction or its groups, starts a new one. The live check, the view
restrictions themselves and Wagtail's `before_serve_page` / `on_serve_page` hooks still run on
every request. The gain is measured in docs/benchmarks.md ("The route cache")."""

from django.http import Http404
from wagtail.models import Page

from .fragments import cached_for_generation, fragment_timeout
from .wagtail_site import remember_site


class CachedRouteMixin:
    """Mixed into a Page class: it may be served from the route cache, and then answers
    `get_view_restrictions()` with the restrictions cached beside it."""

    cached_view_restrictions = None

    def get_view_restrictions(self):
        if self.cached_view_restrictions is not None:
            return self.cached_view_restrictions
        return super().get_view_restrictions()


def _route(request, path):
    result = Page.route_for_request(request, path)
    if result is None or result.args or result.kwargs:
        return None  # only plain pages: a routable page's sub-routes are left to Wagtail
    page = result.page
    if not isinstance(page, CachedRouteMixin):
        return None
    page.cached_view_restrictions = list(page.get_view_restrictions().prefetch_related("groups"))
    return page


def cached_page(request, path):
    """The live page at `path` from the route cache, or None when Wagtail must route it."""
    if fragment_timeout() <= 0:
        return None
    remember_site(request)
    parts = [request.get_host(), request.LANGUAGE_CODE, path]
    page = cached_for_generation("page-route-v3", parts, lambda: _route(request, path))
    if page is None:
        return None
    try:
        page.route(request, [])  # Wagtail's own check that the page is live
    except Http404:
        return None
    return page
