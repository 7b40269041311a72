"""The anonymous page cache (cms/caching/pages.py) as the course pages use it: fast for anonymous
visitors, never personal, never stale after a publish."""

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from . import factories

HIT = "X-Page-Cache"


def warm_up(client, url):
    # The first request of a fresh site creates its SiteSettings row, which (rightly) starts a
    # new cache generation; tests that count hits start after it.
    client.get(url)


def test_second_anonymous_request_is_served_from_cache_without_queries(client, course_tree):
    _, modules = course_tree
    warm_up(client, modules[0].url)
    first = client.get(modules[0].url)
    assert first[HIT] == "miss"
    with CaptureQueriesContext(connection) as captured:
        second = client.get(modules[0].url)
    assert second[HIT] == "hit"
    assert len(captured) == 0
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Content-Security-Policy" in second  # headers of the outer middleware still apply


def test_publishing_a_new_revision_is_visible_at_once(client, course_tree):
    _, modules = course_tree
    module = modules[0]
    warm_up(client, module.url)
    client.get(module.url)
    assert client.get(module.url)[HIT] == "hit"
    module.title = "Tytuł po publikacji"
    module.save_revision().publish()
    response = client.get(module.url)
    assert "Tytuł po publikacji" in response.content.decode()
    # The course outline and the catalogue show it too.
    assert "Tytuł po publikacji" in client.get(module.get_parent().url).content.decode()


def test_unpublishing_removes_the_page_at_once(client, course_tree):
    course, modules = course_tree
    client.get(modules[2].url)
    client.get(course.url)
    modules[2].unpublish()
    assert client.get(modules[2].url).status_code == 404
    assert modules[2].title not in client.get(course.url).content.decode()


def test_scheduled_publishing_invalidates(client, course_tree):
    from datetime import timedelta

    from django.utils import timezone
    from wagtail.models import Revision

    course, _ = course_tree
    client.get(course.url)
    module = factories.ModulePageFactory(parent=course, title="Moduł zaplanowany", live=False)
    module.go_live_at = timezone.now() + timedelta(hours=1)
    revision = module.save_revision()
    revision.publish()
    client.get(course.url)  # cached without the scheduled module
    past = timezone.now() - timedelta(minutes=1)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled")
    assert "Moduł zaplanowany" in client.get(course.url).content.decode()


def test_snippet_change_is_visible_at_once(client, course_tree):
    course, _ = course_tree
    catalogue_url = course.get_parent().url
    client.get(catalogue_url)
    role = course.role
    role.name = "Animatorka lokalna"
    role.save()
    assert "Animatorka lokalna" in client.get(catalogue_url).content.decode()


def test_logged_in_learners_never_get_or_fill_the_cache(client, learner_client, course_tree):
    _, modules = course_tree
    learner_page = learner_client.get(modules[0].url)
    assert HIT not in learner_page
    assert 'name="quiz"' in learner_page.content.decode()
    anonymous = client.get(modules[0].url)
    assert 'name="quiz"' not in anonymous.content.decode()
    assert HIT not in learner_client.get(modules[0].url)
    assert "csrfmiddlewaretoken" not in client.get(modules[0].url).content.decode()


def test_pages_with_messages_are_not_cached(client, course_tree):
    _, modules = course_tree
    client.cookies["messages"] = "x"
    assert HIT not in client.get(modules[0].url)


def test_query_strings_are_cached_separately(client, db):
    animator = factories.ProfessionalRoleFactory()
    factories.CoursePageFactory(title="Kurs A", role=animator)
    factories.CoursePageFactory(title="Kurs B")
    url = factories.catalogue().url
    assert "Kurs B" in client.get(url).content.decode()
    assert "Kurs B" not in client.get(url, {"rola": animator.slug}).content.decode()


def test_views_outside_pages_are_not_cached(client, db):
    assert HIT not in Client().get(reverse("courses:search"), {"q": "x"})


def test_page_cache_can_be_turned_off(client, course_tree, settings):
    settings.OSL_PAGE_CACHE_SECONDS = 0  # production without a shared cache (no REDIS_URL)
    _, modules = course_tree
    client.get(modules[0].url)
    assert HIT not in client.get(modules[0].url)
