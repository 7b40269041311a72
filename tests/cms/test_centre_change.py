"""A person's centre changes only through a programme coordinator's decision, and who speaks for
a centre is an explicit assignment: posting another centre to one's own profile opens nothing."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms import roles
from cms.models import CentreChangeRequest
from cms.selectors import coordinated_centre
from tests.cms.helpers import text
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db

CENTRE_URLS = [
    "cms:my_centre",
    "enrolment:centre_overview",
    "certificates:centre",
    "certificates:centre_bundle",
]


def profile_post(client, user, centre):
    return client.post(
        reverse("cms:profile"),
        {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "job_title": user.job_title,
            "phone": user.phone,
            "centre": str(centre.pk),
        },
        follow=True,
    )


def asked_to_move(client):
    """A participant of one centre asks, through their profile, to move to another."""
    own, other = CentreFactory(), CentreFactory()
    participant = UserFactory(centre=own)
    client.force_login(participant)
    profile_post(client, participant, other)
    return participant, own, other, participant.centre_change_requests.get()


def request_entries(user):
    return ModelLogEntry.objects.filter(action="osl.centre_change.request", user=user)


def test_centre_coordinator_posting_another_centre_gains_no_access_to_it(client):
    own, other = CentreFactory(name="GOPS w Długosiodle"), CentreFactory(name="MOPS w Płocku")
    coordinator = UserFactory(centre=own, role=roles.CENTRE_COORDINATORS)
    stranger = UserFactory(centre=other, email="pracownica.plock@example.pl")
    client.force_login(coordinator)

    response = profile_post(client, coordinator, other)

    assert "czeka na decyzję koordynatora programu" in text(response)
    coordinator.refresh_from_db()
    assert coordinator.centre == own
    assert coordinated_centre(coordinator) == own
    for name in CENTRE_URLS:
        page = client.get(reverse(name))
        assert stranger.email.encode() not in page.content, name
    entry = request_entries(coordinator).get()
    assert entry.data == {"from_centre": own.pk, "to_centre": other.pk}


def test_coordinator_assignment_does_not_follow_an_approved_profile_move(client):
    own, other = CentreFactory(), CentreFactory()
    coordinator = UserFactory(centre=own, role=roles.CENTRE_COORDINATORS)
    stranger = UserFactory(centre=other)
    office = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    client.force_login(coordinator)
    profile_post(client, coordinator, other)
    change = coordinator.centre_change_requests.get()

    client.force_login(office)
    client.post(reverse("cms_admin:centre_changes"), {"request": change.pk, "decision": "approve"})

    coordinator.refresh_from_db()
    assert coordinator.centre == other
    assert coordinated_centre(coordinator) == own
    client.force_login(coordinator)
    assert stranger.email.encode() not in client.get(reverse("cms:my_centre")).content


def test_participant_move_waits_for_a_programme_coordinator(client):
    own, other = CentreFactory(), CentreFactory()
    participant = UserFactory(centre=own, role=roles.PARTICIPANTS)
    client.force_login(participant)

    profile_post(client, participant, other)

    participant.refresh_from_db()
    assert participant.centre == own
    change = CentreChangeRequest.objects.get(user=participant)
    assert (change.status, change.from_centre, change.to_centre) == ("pending", own, other)
    assert "czeka na decyzję koordynatora programu" in text(client.get(reverse("cms:profile")))


def test_programme_coordinator_approves_and_the_log_shows_old_and_new_centre(client):
    participant, own, other, change = asked_to_move(client)
    office = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    client.force_login(office)

    listing = client.get(reverse("cms_admin:centre_changes"))
    response = client.post(
        reverse("cms_admin:centre_changes"),
        {"request": change.pk, "decision": "approve"},
        follow=True,
    )

    assert participant.email in text(listing)
    assert "Zatwierdzono zmianę ośrodka" in text(response)
    participant.refresh_from_db()
    assert participant.centre == other
    moved = ModelLogEntry.objects.get(action="osl.account.centre_change")
    assert moved.user_id == office.pk
    assert moved.data == {"from_centre": own.pk, "to_centre": other.pk}


def test_rejected_request_changes_nothing_and_cannot_be_decided_twice(client):
    participant, own, other, change = asked_to_move(client)
    office = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    client.force_login(office)
    url = reverse("cms_admin:centre_changes")

    client.post(url, {"request": change.pk, "decision": "reject"})
    again = client.post(url, {"request": change.pk, "decision": "approve"}, follow=True)

    assert "Ta prośba została już rozpatrzona." in text(again)
    participant.refresh_from_db()
    change.refresh_from_db()
    assert participant.centre == own
    assert change.status == "rejected"


def test_a_newer_request_replaces_the_waiting_one(client):
    own, first, second = CentreFactory(), CentreFactory(), CentreFactory()
    participant = UserFactory(centre=own)
    client.force_login(participant)

    profile_post(client, participant, first)
    profile_post(client, participant, second)

    statuses = dict(participant.centre_change_requests.values_list("to_centre", "status"))
    assert statuses == {first.pk: "withdrawn", second.pk: "pending"}


@pytest.mark.parametrize("role", [roles.PARTICIPANTS, roles.CENTRE_COORDINATORS, roles.TRAINERS])
def test_only_programme_coordinators_decide(client, role):
    participant, own, other, change = asked_to_move(client)
    client.force_login(UserFactory(centre=other, role=role))
    url = reverse("cms_admin:centre_changes")

    assert client.get(url).status_code in (302, 403)
    client.post(url, {"request": change.pk, "decision": "approve"})

    participant.refresh_from_db()
    assert participant.centre == own


@pytest.mark.parametrize("bad", ["", "abc", "٣٤", "-1", "99999999"])
def test_malformed_decision_changes_nothing(client, bad):
    office = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    client.force_login(office)

    response = client.post(reverse("cms_admin:centre_changes"), {"request": bad, "decision": "x"})

    assert response.status_code == 302
    assert not ModelLogEntry.objects.filter(action__startswith="osl.centre_change").exists()
