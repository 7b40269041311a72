"""Wagtail's front-end URLs, with its serve view replaced by one that takes the page from the
route cache (cms/caching/routes.py) when it is there. Same URL names, so page URLs reverse
exactly as before."""

from django.http import HttpResponse
from django.urls import re_path
from wagtail import hooks
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views

from .routes import cached_page


def serve(request, path):
    """Wagtail's `serve` view (the same hooks, in the same order) on a cached route."""
    page = cached_page(request, path)
    if page is None:
        return wagtail_views.serve(request, path)
    on_serve_chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, [], {})
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, [], {})


urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
