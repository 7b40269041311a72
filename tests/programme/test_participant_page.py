"""The participant's own ESF data page: fill in, errors next to the field, nothing stored on bad
input, the PESEL never shown back, editable until the first workshop starts."""

import datetime

import pytest
from django.utils import timezone

from enrolment.models import Enrolment, EnrolmentState
from programme import sealing
from programme.models import ParticipantRecord
from tests.enrolment.factories import WorkshopFactory

from .test_esf import BIRTH, _data, make_pesel

pytestmark = pytest.mark.django_db

URL = "/program/dane-uczestnika/"
NUMBER = make_pesel(BIRTH, "k")


def test_participant_fills_in_the_data(client, participant_user):
    client.force_login(participant_user)
    page = client.get(URL)
    assert page.status_code == 200 and "Dane uczestnika projektu" in page.text
    response = client.post(URL, _data())
    assert response.status_code == 302
    record = ParticipantRecord.objects.get(user=participant_user)
    assert sealing.unseal(record.sealed)["pesel"] == NUMBER
    assert record.employer_id == participant_user.centre_id
    page = client.get(URL)
    assert NUMBER not in page.text  # never put back into the page
    assert "Numer PESEL jest zapisany" in page.text


def test_bad_pesel_shows_a_polish_message_and_stores_nothing(client, participant_user):
    client.force_login(participant_user)
    response = client.post(URL, _data(pesel="44051401358"))
    assert response.status_code == 200
    assert "błędną cyfrę kontrolną" in response.text
    assert not ParticipantRecord.objects.exists()


def test_an_empty_pesel_field_keeps_the_number_on_file(client, participant_user):
    client.force_login(participant_user)
    client.post(URL, _data())
    response = client.post(URL, _data(pesel="", residence_town="Karczew"))
    assert response.status_code == 302
    record = ParticipantRecord.objects.get(user=participant_user)
    assert record.residence_town == "Karczew"
    assert sealing.unseal(record.sealed)["pesel"] == NUMBER
    # and the kept number is still checked against the birth date
    response = client.post(URL, _data(pesel="", birth_date="1985-03-10"))
    assert response.status_code == 200 and "nie zgadza się z numerem PESEL" in response.text


def test_locked_once_the_first_workshop_has_started(client, participant_user):
    client.force_login(participant_user)
    client.post(URL, _data())
    started = WorkshopFactory(day_one_date=timezone.localdate() - datetime.timedelta(days=1))
    Enrolment.objects.create(
        workshop=started, participant=participant_user, state=EnrolmentState.CONFIRMED
    )
    assert "do rozpoczęcia szkolenia" in client.get(URL).text
    response = client.post(URL, _data(residence_town="Karczew"), follow=True)
    assert "do rozpoczęcia szkolenia" in response.text
    assert ParticipantRecord.objects.get().residence_town == "Otwock"


@pytest.mark.parametrize("who", ["trainer", "centre_coordinator", "programme_coordinator"])
def test_only_participants_have_the_page(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
