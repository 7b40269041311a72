"""What each role may and may not reach. Permissions are enforced by the server."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, ModelLogEntry

from cms import roles
from cms.models import Centre, CentreStatus
from tests.cms.helpers import text
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


def is_refused(response):
    """Refused: 403, or a redirect to the log-in page or to the admin dashboard (where Wagtail
    says "no permission"), never the page asked for."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and (
        response["Location"] == ADMIN or response["Location"].startswith(reverse("account_login"))
    )


@pytest.fixture
def centres_list_url():
    return reverse("wagtailsnippets_cms_centre:list")


def centre_edit_url(centre):
    return reverse("wagtailsnippets_cms_centre:edit", args=[centre.pk])


def test_anonymous(client, site_pages, centres_list_url):
    home, about = site_pages
    for path in ["/", "/en/", about.url, reverse("account_login"), reverse("account_signup")]:
        assert client.get(path).status_code == 200, path

    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    for name in ["cms:profile", "cms:my_data", "cms:my_centre"]:
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("account_login"))
    assert client.get(centres_list_url).status_code == 302


def test_participant(client, site_pages, centres_list_url):
    user = UserFactory(role=roles.PARTICIPANTS)
    client.force_login(user)

    assert client.get("/").status_code == 200
    assert client.get(reverse("cms:profile")).status_code == 200
    assert is_refused(client.get(ADMIN))
    assert is_refused(client.get(centres_list_url))
    assert client.get(reverse("cms:my_centre")).status_code == 403
    home, _ = site_pages
    perms = home.permissions_for_user(user)
    assert not perms.can_edit()
    assert not perms.can_publish()
    assert "Panel redakcyjny" not in text(client.get("/"))


def test_centre_coordinator_sees_only_own_centre_staff(client, centres_list_url):
    mine = CentreFactory(name="MOPS w Kutnie")
    theirs = CentreFactory(name="GOPS w Żabiej Woli")
    coordinator = UserFactory(centre=mine, role=roles.CENTRE_COORDINATORS)
    colleague = UserFactory(centre=mine, last_name="Kolega", email="kolega@example.pl")
    left = UserFactory(centre=mine, last_name="Odeszła", email="odeszla@example.pl")
    left.is_active = False
    left.save()
    outsider = UserFactory(centre=theirs, last_name="Obcy", email="obcy@example.pl")
    client.force_login(coordinator)

    response = client.get(reverse("cms:my_centre"))

    assert response.status_code == 200
    body = text(response)
    assert "MOPS w Kutnie" in body
    assert colleague.email in body
    assert coordinator.email in body
    assert outsider.email not in body
    assert "GOPS w Żabiej Woli" not in body
    assert left.email not in body
    # Ids in the query string change nothing: the centre comes from the coordinator's profile.
    response = client.get(reverse("cms:my_centre"), {"centre": theirs.pk, "id": theirs.pk})
    assert outsider.email not in text(response)
    assert is_refused(client.get(ADMIN))
    assert is_refused(client.get(centres_list_url))


def test_centre_coordinator_without_a_centre_is_refused(client):
    coordinator = UserFactory(centre=None, role=roles.CENTRE_COORDINATORS)
    client.force_login(coordinator)

    assert client.get(reverse("cms:my_centre")).status_code == 403


def test_trainer_edits_pages_but_cannot_publish(client, site_pages, centres_list_url):
    home, about = site_pages
    trainer = UserFactory(role=roles.TRAINERS)
    client.force_login(trainer)

    assert client.get(ADMIN).status_code == 200
    perms = about.permissions_for_user(trainer)
    assert perms.can_edit()
    assert not perms.can_publish()
    assert home.permissions_for_user(trainer).can_add_subpage()
    assert client.get(reverse("wagtailadmin_pages:edit", args=[about.pk])).status_code == 200
    # Submitting an edit saves a draft, not a live change.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        {
            "title": "O programie — poprawione",
            "slug": about.slug,
            "introduction": "Nowe wprowadzenie",
            "body-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    about.refresh_from_db()
    assert about.title == "O programie"
    assert about.has_unpublished_changes
    assert about.get_latest_revision().as_object().title == "O programie — poprawione"
    # Centres are not theirs to change.
    centre = CentreFactory()
    assert is_refused(client.get(centres_list_url))
    assert is_refused(client.get(centre_edit_url(centre)))
    assert not trainer.has_perm("cms.change_centre")


def test_programme_coordinator_publishes_and_approves_centres(client, site_pages, centres_list_url):
    _, about = site_pages
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    proposer = UserFactory()
    pending = CentreFactory(name="OPS w Nowym Mieście", status=CentreStatus.PENDING)
    pending.proposed_by = proposer
    pending.save()
    client.force_login(coordinator)

    assert client.get(ADMIN).status_code == 200
    perms = about.permissions_for_user(coordinator)
    assert perms.can_edit()
    assert perms.can_publish()
    response = client.get(centres_list_url, {"status": "pending"})
    assert response.status_code == 200
    assert "OPS w Nowym Mieście" in text(response)
    assert client.get(centre_edit_url(pending)).status_code == 200

    response = client.post(
        centre_edit_url(pending),
        {
            "name": pending.name,
            "kind": pending.kind,
            "street": pending.street,
            "postal_code": pending.postal_code,
            "town": pending.town,
            "county": pending.county,
            "voivodeship": pending.voivodeship,
            "email": "",
            "phone": "",
            "status": CentreStatus.APPROVED,
            "proposed_by": str(proposer.pk),
        },
    )

    assert response.status_code == 302, text(response)[:2000]
    pending.refresh_from_db()
    assert pending.status == CentreStatus.APPROVED
    assert Centre.objects.approved().filter(pk=pending.pk).exists()
    assert ModelLogEntry.objects.filter(
        action="wagtail.edit", object_id=str(pending.pk), user_id=coordinator.pk
    ).exists()


def test_programme_coordinator_snippet_edit_validates_postal_code(client):
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    centre = CentreFactory(postal_code="05-400")
    client.force_login(coordinator)

    response = client.post(
        centre_edit_url(centre),
        {
            "name": centre.name,
            "kind": centre.kind,
            "street": centre.street,
            "postal_code": "12345",
            "town": centre.town,
            "county": centre.county,
            "voivodeship": centre.voivodeship,
            "status": centre.status,
        },
    )

    assert response.status_code == 200
    assert "Kod pocztowy ma postać NN-NNN" in text(response)
    centre.refresh_from_db()
    assert centre.postal_code == "05-400"


def snapshot():
    return {
        group.name: (
            sorted(group.permissions.values_list("content_type__app_label", "codename")),
            sorted(
                GroupPagePermission.objects.filter(group=group).values_list(
                    "page_id", "permission__codename"
                )
            ),
            sorted(
                GroupCollectionPermission.objects.filter(group=group).values_list(
                    "collection_id", "permission__codename"
                )
            ),
        )
        for group in Group.objects.order_by("name")
    }


@pytest.mark.parametrize(
    "role",
    [roles.PARTICIPANTS, roles.CENTRE_COORDINATORS, roles.TRAINERS, roles.PROGRAMME_COORDINATORS],
)
def test_no_role_reaches_the_django_admin(client, role):
    client.force_login(UserFactory(role=role))

    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_ensure_roles_is_idempotent():
    roles.ensure_roles()
    first = snapshot()
    roles.ensure_roles()

    assert snapshot() == first
    assert set(first) >= set(roles.ALL_ROLES)
    assert ("wagtailadmin", "access_admin") in first[roles.TRAINERS][0]
    assert first[roles.PARTICIPANTS][0] == []
    assert not first[roles.CENTRE_COORDINATORS][0]


def test_ensure_roles_removes_a_permission_granted_by_hand():
    groups = roles.ensure_roles()
    from django.contrib.auth.models import Permission

    stray = Permission.objects.get(content_type__app_label="cms", codename="delete_centre")
    groups[roles.TRAINERS].permissions.add(stray)

    roles.ensure_roles()

    assert not groups[roles.TRAINERS].permissions.filter(pk=stray.pk).exists()
