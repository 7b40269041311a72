"""ESF participant data on account deletion: kept while the funder's retention period runs,
deleted once it is over (with the account, or by the daily purge)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from cms import roles
from cms.services.accounts import user_delete_account
from programme import services
from programme.forms import ParticipantRecordForm
from programme.models import ParticipantRecord, ProgrammeSettings
from tests.factories import UserFactory

from .test_esf import _data

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _record(user):
    form = ParticipantRecordForm(_data())
    assert form.is_valid(), form.errors
    return services.participant_record_save(user=user, form=form, actor=user)


def _retention(until):
    settings = ProgrammeSettings.for_site(Site.objects.get(is_default_site=True))
    settings.esf_retention_until = until
    settings.save()


def test_kept_when_no_retention_period_is_set(participant_user):
    record = _record(participant_user)
    user_delete_account(user=participant_user)
    assert ParticipantRecord.objects.filter(pk=record.pk).exists()
    assert ModelLogEntry.objects.filter(action="osl.esf.kept", object_id=str(record.pk)).exists()


def test_kept_until_the_period_ends_then_purged(participant_user):
    other = UserFactory(role=roles.PARTICIPANTS)
    record, kept = _record(participant_user), _record(other)
    until = TODAY + datetime.timedelta(days=30)
    _retention(until)
    user_delete_account(user=participant_user)
    assert ParticipantRecord.objects.filter(pk=record.pk).exists()
    assert services.esf_records_purge(today=until) == 0  # the last day still counts
    assert services.esf_records_purge(today=until + datetime.timedelta(days=1)) == 1
    assert not ParticipantRecord.objects.filter(pk=record.pk).exists()
    assert ParticipantRecord.objects.filter(pk=kept.pk).exists()  # an account still in use


def test_deleted_with_the_account_once_the_period_is_over(participant_user):
    record = _record(participant_user)
    _retention(TODAY - datetime.timedelta(days=1))
    user_delete_account(user=participant_user)
    assert not ParticipantRecord.objects.filter(pk=record.pk).exists()


def test_the_scheduler_purges_daily(participant_user, settings):
    from programme.tasks import esf_purge

    assert ("programme.tasks.esf_purge", 86400) in settings.OSL_PERIODIC_TASKS
    _record(participant_user)
    user_delete_account(user=participant_user)
    _retention(TODAY - datetime.timedelta(days=1))
    esf_purge.enqueue()  # the immediate backend in tests: runs now
    assert not ParticipantRecord.objects.exists()


def test_purge_command(participant_user, capsys):
    _record(participant_user)
    user_delete_account(user=participant_user)
    _retention(TODAY - datetime.timedelta(days=1))
    call_command("esf_purge")
    assert "Usunięto dane uczestników EFS: 1." in capsys.readouterr().out
    assert not ParticipantRecord.objects.exists()
