"""The account menu's links and the admin flag are cached per person until a role or permission
changes (cms.caching.fragments.cached_for_access); the page cache's generation and the access
version are started again after the commit as well, so that no other process files stale rows under
them."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cms import roles
from cms.caching import versions as cache
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _whole_page_cache_off(settings):
    settings.OSL_PAGE_CACHE_SECONDS = 0


def html(client, path="/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def person(site_pages):
    roles.ensure_roles()
    user = UserFactory()
    client = Client()
    client.force_login(user)
    return user, client


def test_warm_page_reads_no_groups_or_permissions(person):
    _, client = person
    html(client)
    with CaptureQueriesContext(connection) as captured:
        html(client)
    sql = " ".join(q["sql"] for q in captured.captured_queries)
    assert "auth_group" not in sql
    assert "auth_permission" not in sql


def test_new_role_shows_its_links_at_once(person):
    user, client = person
    assert "Mój ośrodek" not in html(client)
    roles.add_role(user, roles.CENTRE_COORDINATORS)
    assert "Mój ośrodek" in html(client)
    user.groups.clear()
    assert "Mój ośrodek" not in html(client)


def test_permission_given_to_a_role_opens_the_admin_link_at_once(person):
    user, client = person
    roles.add_role(user, roles.PARTICIPANTS)
    assert "Panel redakcyjny" not in html(client)
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    participants = Group.objects.get(name=roles.PARTICIPANTS)
    participants.permissions.add(access_admin)
    assert "Panel redakcyjny" in html(client)
    participants.permissions.remove(access_admin)
    assert "Panel redakcyjny" not in html(client)


def test_superuser_flag_and_deactivation_change_the_menu(person):
    user, client = person
    html(client)
    user.is_superuser = True
    user.save()
    assert "Panel redakcyjny" in html(client)
    user.is_superuser = False
    user.save()
    assert "Panel redakcyjny" not in html(client)


def test_two_people_never_share_a_menu(site_pages):
    roles.ensure_roles()
    coordinator, learner = Client(), Client()
    coordinator.force_login(UserFactory(role=roles.PROGRAMME_COORDINATORS))
    learner.force_login(UserFactory())
    for _ in range(2):
        assert "Panel redakcyjny" in html(coordinator)
        assert "Panel redakcyjny" not in html(learner)


def test_generation_starts_again_after_the_commit(site_pages, django_capture_on_commit_callbacks):
    _, about = site_pages
    with django_capture_on_commit_callbacks(execute=True):
        about.save_revision().publish()
        inside = cache.generation()
    # A process that read `inside` before the commit may have filed the old rows under it.
    assert cache.generation() != inside


def test_access_version_starts_again_after_the_commit(person, django_capture_on_commit_callbacks):
    user, _ = person
    with django_capture_on_commit_callbacks(execute=True):
        roles.add_role(user, roles.TRAINERS)
        inside = cache.access_version()
    assert cache.access_version() != inside
