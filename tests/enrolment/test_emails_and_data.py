"""E-mails sent by the background tasks, reminders, the offer journey over HTTP, RODO data."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms import personal_data
from enrolment.models import EnrolmentState
from enrolment.services import enrolment_cancel, enrolment_create, workshops_send_reminders
from tests.factories import PASSWORD

from .factories import WorkshopFactory, participant

pytestmark = pytest.mark.django_db


def test_reminder_goes_to_confirmed_people_n_days_before(
    settings, django_capture_on_commit_callbacks
):
    settings.ENROLMENT_REMINDER_DAYS_BEFORE = 3
    soon = WorkshopFactory(day_one_date=timezone.localdate() + datetime.timedelta(days=3))
    later = WorkshopFactory()
    person, other = participant(), participant()
    enrolment_create(
        participant=person,
        workshop=soon,
        actor=person,
        now=timezone.now() - datetime.timedelta(days=20),
    )
    enrolment_create(participant=other, workshop=later, actor=other)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert workshops_send_reminders() == 1
    assert [m.to for m in mail.outbox] == [[person.email]]
    message = mail.outbox[0]
    assert "Przypomnienie" in message.subject
    assert soon.venue.name in message.body
    assert soon.venue.name in message.alternatives[0][0]


def test_offer_accepted_through_my_workshops_page(client, django_capture_on_commit_callbacks):
    workshop = WorkshopFactory(capacity=1)
    holder, waiting = participant(), participant()
    seat = enrolment_create(participant=holder, workshop=workshop, actor=holder)
    offer = enrolment_create(participant=waiting, workshop=workshop, actor=waiting)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_cancel(enrolment=seat, actor=holder)
    offered_mail = [m for m in mail.outbox if waiting.email in m.to][-1]
    assert "Zwolniło się miejsce" in offered_mail.subject
    assert client.login(email=waiting.email, password=PASSWORD)
    page = client.get(reverse("enrolment:my_workshops")).content.decode()
    assert "Przyjmuję miejsce" in page
    response = client.post(reverse("enrolment:accept_offer", args=[offer.pk]), follow=True)
    assert "Twoje miejsce jest potwierdzone" in response.content.decode()
    offer.refresh_from_db()
    assert offer.state == EnrolmentState.CONFIRMED


def test_personal_data_export_lists_enrolments(person, workshop):
    enrolment_create(participant=person, workshop=workshop, actor=person)
    sections = {key: fn(person) for key, _title, fn in personal_data.collectors()}
    assert sections["enrolments"][0]["workshop"] == workshop.code
    assert sections["enrolments"][0]["state"] == "confirmed"
