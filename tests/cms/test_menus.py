"""Apps add their links to the menus through cms.menus; each role sees its own."""

import pytest
from django.urls import reverse

from cms import roles
from tests.factories import UserFactory


@pytest.fixture
def home(db):
    from cms.demo import _page_tree

    return _page_tree()[0]


def links(client):
    return client.get(reverse("cms:profile")).content.decode()


def test_anonymous_main_menu_leads_to_the_workshop_catalogue(client, home):
    body = client.get("/").content.decode()
    assert f'href="{reverse("enrolment:catalogue")}"' in body
    assert reverse("courses:my_learning") not in body


def test_participant_sees_own_learning_workshops_and_certificates_only(client, home):
    client.force_login(UserFactory(role=roles.PARTICIPANTS))
    body = links(client)
    for name in ["courses:my_learning", "enrolment:my_workshops", "certificates:mine"]:
        assert f'href="{reverse(name)}"' in body
    for name in ["enrolment:my_trainings", "enrolment:centre_overview", "certificates:centre"]:
        assert f'href="{reverse(name)}"' not in body


def test_trainer_sees_the_workshops_they_run(client, home):
    client.force_login(UserFactory(role=roles.TRAINERS))
    assert f'href="{reverse("enrolment:my_trainings")}"' in links(client)


def test_centre_coordinator_sees_the_centre_pages(client, home):
    client.force_login(UserFactory(role=roles.CENTRE_COORDINATORS))
    body = links(client)
    assert f'href="{reverse("enrolment:centre_overview")}"' in body
    assert f'href="{reverse("certificates:centre")}"' in body
