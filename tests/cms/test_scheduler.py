"""`manage.py run_scheduler`: one round enqueues every periodic job (the test queue runs them at
once), so e-mail retries are sent and expired offers pass on without cron."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cms.models import OutgoingEmail, OutgoingEmailState
from cms.services import outbox
from enrolment.models import EnrolmentState
from enrolment.services import enrolment_cancel, enrolment_create
from tests.enrolment.factories import WorkshopFactory, participant

pytestmark = pytest.mark.django_db


def test_one_round_sends_due_retries_and_expires_offers(settings, with_roles):
    settings.OSL_PERIODIC_TASKS = [
        ("cms.tasks.outbox_tick", 60),
        ("enrolment.tasks.enrolment_tick", 60),
    ]
    retry = outbox.email_queue(
        key="test:retry",
        kind="test",
        message=mail.EmailMessage("Ponowna próba", "Treść", to=["a@example.pl"]),
    )
    workshop = WorkshopFactory(capacity=1)
    holder, waiting = participant(), participant()
    past = timezone.now() - datetime.timedelta(days=3)
    seat = enrolment_create(participant=holder, workshop=workshop, actor=holder, now=past)
    offer = enrolment_create(participant=waiting, workshop=workshop, actor=waiting, now=past)
    enrolment_cancel(enrolment=seat, actor=holder, now=past)
    offer.refresh_from_db()
    assert offer.state == EnrolmentState.OFFERED

    call_command("run_scheduler", "--once")

    retry.refresh_from_db()
    assert retry.state == OutgoingEmailState.SENT
    offer.refresh_from_db()
    assert offer.state == EnrolmentState.EXPIRED
    # The expiry's own e-mail went through the outbox too, in the same round or the next.
    call_command("run_scheduler", "--once")
    assert OutgoingEmail.objects.filter(kind="enrolment.expired", state="sent").exists()
    assert any("wygasła" in m.subject for m in mail.outbox)


def test_every_periodic_job_names_a_task():
    from django.conf import settings
    from django.utils.module_loading import import_string
    from django_tasks.base import Task

    for path, every in settings.OSL_PERIODIC_TASKS:
        assert isinstance(import_string(path), Task), path
        assert every >= 60
