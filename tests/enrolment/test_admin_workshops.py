"""The admin workshop list: trainers see the workshops they run, drafts included, and nobody
else's; programme coordinators see all of them."""

import pytest
from django.urls import reverse

from cms import roles
from enrolment.models import WorkshopState
from tests.factories import UserFactory

from .factories import WorkshopFactory

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_enrolment_workshop:list"
EDIT = "wagtailsnippets_enrolment_workshop:edit"


def test_trainer_sees_own_workshops_and_drafts_but_not_others(client, trainer):
    own_draft = WorkshopFactory(trainers=[trainer], state=WorkshopState.DRAFT)
    own = WorkshopFactory(trainers=[trainer])
    others_draft = WorkshopFactory(state=WorkshopState.DRAFT)
    others = WorkshopFactory()
    client.force_login(trainer)

    body = client.get(reverse(LIST)).content.decode()
    searched = client.get(reverse(LIST), {"q": others_draft.code}).content.decode()

    assert own_draft.code in body and own.code in body
    assert others_draft.code not in body and others.code not in body
    assert reverse(EDIT, args=[others_draft.pk]) not in searched  # the box echoes the code


def test_trainer_cannot_open_a_workshop_they_do_not_run(client, trainer):
    others_draft = WorkshopFactory(state=WorkshopState.DRAFT)
    client.force_login(trainer)

    response = client.get(reverse(EDIT, args=[others_draft.pk]))

    assert response.status_code in (302, 403, 404)
    assert others_draft.code.encode() not in response.content


def test_programme_coordinator_sees_every_workshop(client):
    draft = WorkshopFactory(state=WorkshopState.DRAFT)
    published = WorkshopFactory()
    client.force_login(UserFactory(role=roles.PROGRAMME_COORDINATORS))

    body = client.get(reverse(LIST)).content.decode()

    assert draft.code in body and published.code in body
