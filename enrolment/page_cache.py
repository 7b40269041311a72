"""Cached catalogue and workshop pages that are never stale.

Each page is filed under versions kept in the shared cache (cms.caching.versions): the catalogue
under one version for the whole catalogue, a workshop's page under its own version and one shared by
all workshop pages. After every committed change that can alter what they show, the versions are
replaced (in `transaction.on_commit`), so the very next request renders afresh. A reader that
read the old rows just before the commit filed its page under the old version, which nobody
reads after the bump.

What bumps what:
- an enrolment changes state (services.base.transition): its workshop's page and the catalogue;
- a workshop, venue or a workshop's trainers change, or a trainer's name: all workshop pages and
  the catalogue;
- a course page is published: cms starts a new site-wide generation, which is part of every key."""

import datetime

from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from cms.caching import fragments, pages
from cms.caching import versions as cache_versions

CATALOGUE = "enrolment:v:catalogue"
ALL_WORKSHOPS = "enrolment:v:workshops"


def workshop_version(code: str) -> str:
    return f"enrolment:v:workshop:{code}"


def catalogue_versions() -> list[str]:
    return [CATALOGUE]


def workshop_versions(code: str) -> list[str]:
    return [ALL_WORKSHOPS, workshop_version(code)]


def versions_for_request(request) -> list[str] | None:
    """The version source registered with cms.caching.pages: the versions a public page needs."""
    if "/szkolenia/" not in request.path_info:
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name == "enrolment:catalogue":
        return catalogue_versions()
    if match.view_name == "enrolment:workshop_detail":
        return workshop_versions(match.kwargs["code"])
    return None


def workshop_changed(code: str) -> None:
    """Seats or the sign-up state of one workshop changed in the current transaction."""
    transaction.on_commit(lambda: cache_versions.bump_versions(CATALOGUE, workshop_version(code)))


def all_changed(**kwargs) -> None:
    """Something every workshop page may show changed in the current transaction."""
    transaction.on_commit(lambda: cache_versions.bump_versions(CATALOGUE, ALL_WORKSHOPS))


def cached(versions: list[str], parts, compute):
    """`compute()` kept in this process's fragment cache under the current values of `versions`
    and the site-wide generation: for the parts of a page that are the same for everyone."""
    key = ":".join(cache_versions.read_versions(versions))
    return fragments.cached_for_generation("enrolment", [key, *parts], compute)


def seconds_until(*moments) -> int | None:
    """Seconds to the earliest of `moments` still ahead (None when none is): how long a page
    that changes at those moments (sign-up opens, closes) may be cached."""
    now = timezone.now()
    ahead = [m for m in moments if m and m > now]
    if not ahead:
        return None
    return max(int((min(ahead) - now).total_seconds()), 0)


def seconds_until_midnight() -> int:
    now = timezone.localtime()
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    return max(int((midnight - now).total_seconds()), 0)


def _trainer_saved(sender, instance, update_fields=None, **kwargs):
    from enrolment.models import Workshop

    if update_fields is not None and not {"first_name", "last_name"} & set(update_fields):
        return  # a log-in (last_login) and the like: nothing a workshop page shows
    if Workshop.trainers.through.objects.filter(user_id=instance.pk).exists():
        all_changed()


def connect() -> None:
    """Register the version source and connect the signals; called from EnrolmentConfig.ready."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from enrolment.models import Venue, Workshop

    pages.register_version_source(versions_for_request)
    for model in (Workshop, Venue):
        post_save.connect(all_changed, sender=model, dispatch_uid=f"enrolment-pages-{model}")
        post_delete.connect(all_changed, sender=model, dispatch_uid=f"enrolment-pages-d-{model}")
    m2m_changed.connect(
        all_changed, sender=Workshop.trainers.through, dispatch_uid="enrolment-pages-trainers"
    )
    post_save.connect(
        _trainer_saved, sender=get_user_model(), dispatch_uid="enrolment-pages-trainer-name"
    )
