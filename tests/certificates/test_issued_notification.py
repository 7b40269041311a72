"""Issue 12: the holder is told that a certificate is ready, once, with the link to download it
and the public verification link, sent through the outbox after the issuing commit."""

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client

from cms.models import OutgoingEmail
from tests.factories import UserFactory

from .factories import CompletedEnrolmentFactory, ParticipantCertificateFactory

pytestmark = pytest.mark.django_db


def issued_mails(to):
    return [m for m in mail.outbox if to in m.to and "certyfikat" in m.subject]


def path_of(link):
    return link.removeprefix("http://testserver")


def test_issuing_sends_one_polish_email_with_download_and_verification_links(
    client, django_capture_on_commit_callbacks
):
    holder = UserFactory(email="ewa@example.pl")
    enrolment = CompletedEnrolmentFactory(participant=holder)
    with django_capture_on_commit_callbacks(execute=True):
        cert = ParticipantCertificateFactory(holder=holder, enrolment=enrolment)
    with django_capture_on_commit_callbacks(execute=True):
        again = ParticipantCertificateFactory(holder=holder, enrolment=enrolment)
    assert again.pk == cert.pk
    [message] = issued_mails("ewa@example.pl")
    assert message.subject == "[Akademia OSL] Twój certyfikat jest gotowy"
    assert cert.number in message.body
    links = [w for w in message.body.split() if w.startswith("http://testserver/")]
    assert len(links) >= 2
    assert all(cert.verification_code in link for link in links[:2])
    assert Client().get(path_of(links[1])).status_code == 200  # verification: anyone
    client.force_login(holder)
    download = client.get(path_of(links[0]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"


def test_nothing_is_queued_when_the_issue_rolls_back(django_capture_on_commit_callbacks):
    holder = UserFactory(email="jan@example.pl")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        ParticipantCertificateFactory(holder=holder)
        raise RuntimeError
    assert not OutgoingEmail.objects.filter(kind="certificate.issued").exists()
    assert issued_mails("jan@example.pl") == []
