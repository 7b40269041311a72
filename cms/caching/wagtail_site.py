"""The one place that uses private Wagtail attributes, on purpose and under test.

Wagtail finds the request's Site with a query and the site root paths with a round trip to the
shared cache, and memoises each on the request under an attribute of its own
(`Site.find_for_request` reads `request._wagtail_site`; `Page.get_url_parts` reads
`request._wagtail_cached_site_root_paths`). Wagtail has no public way to hand it a value it
already knows, so this module sets those two attributes from the per-process fragment cache,
where both are kept under the generation (a site or page saved starts a new one).

`tests/cms/test_wagtail_site.py` fails loudly if Wagtail stops reading either attribute: then
delete this module and let Wagtail look both up itself (one query and one round trip more per
logged-in page)."""

from django.http.request import split_domain_port
from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

from .fragments import cached_for_generation, fragment_timeout

SITE_ATTRIBUTE = "_wagtail_site"
ROOT_PATHS_ATTRIBUTE = "_wagtail_cached_site_root_paths"


def _site_for(host: str, port: str):
    try:
        return get_site_for_hostname(split_domain_port(host)[0], port)
    except Site.DoesNotExist:
        return None


def remember_site(request) -> None:
    """Give Wagtail the request's Site and the site root paths that `pageurl` needs without a
    query. Called for every page served through `routes.serve`; a Django view that links to many
    pages may call it too."""
    if fragment_timeout() <= 0:
        return
    if not hasattr(request, SITE_ATTRIBUTE):
        # CommonMiddleware has already refused hosts outside ALLOWED_HOSTS: the keys are few.
        host, port = request.get_host(), request.get_port()
        site = cached_for_generation("site", [host, port], lambda: _site_for(host, port))
        setattr(request, SITE_ATTRIBUTE, site)
    if not hasattr(request, ROOT_PATHS_ATTRIBUTE):
        paths = cached_for_generation("site-root-paths", [], Site.get_site_root_paths)
        setattr(request, ROOT_PATHS_ATTRIBUTE, paths)
