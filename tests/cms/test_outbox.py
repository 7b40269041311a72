"""The outbox (cms.services.outbox): every e-mail is a row written with the change, sent after
the commit, retried with growing delays while the mail server is down, sent at most once even
when a worker dies mid-send, and shown to programme coordinators when it fails."""

import datetime
import email

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms import roles
from cms.models import OutgoingEmail, OutgoingEmailState
from cms.services import outbox
from enrolment.services.base import emails_held, queue_email
from tests.cms.helpers import last_mail_to, link_in, signup_data
from tests.enrolment.factories import WorkshopFactory, participant
from tests.factories import PASSWORD, CentreFactory, UserFactory
from tests.mail_backends import FlakyBackend, WorkerDied

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def flaky_mail(settings, with_roles):
    settings.EMAIL_BACKEND = "tests.mail_backends.FlakyBackend"
    FlakyBackend.down = False
    FlakyBackend.crash_after_send = False
    yield FlakyBackend
    FlakyBackend.down = False
    FlakyBackend.crash_after_send = False


def later(minutes):
    return timezone.now() + datetime.timedelta(minutes=minutes)


def test_account_signup_answers_normally_while_mail_is_down_and_mail_follows(
    client, flaky_mail, django_capture_on_commit_callbacks
):
    flaky_mail.down = True
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), signup_data(CentreFactory()))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert mail.outbox == []
    email = OutgoingEmail.objects.get(to=["nowa.osoba@example.pl"])
    assert (email.state, email.attempts) == (OutgoingEmailState.QUEUED, 1)
    assert "SMTPConnectError" in email.last_error
    assert email.kind == "account.email_confirmation_signup"

    flaky_mail.down = False
    assert outbox.emails_send_due(now=later(2)) == 1

    message = last_mail_to("nowa.osoba@example.pl")
    assert client.get(link_in(message)).status_code == 200  # the confirmation page
    email.refresh_from_db()
    assert email.state == OutgoingEmailState.SENT


def test_password_reset_answers_normally_while_mail_is_down(
    client, flaky_mail, django_capture_on_commit_callbacks
):
    UserFactory(email="ala@example.pl")
    flaky_mail.down = True
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "ala@example.pl"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert mail.outbox == []

    flaky_mail.down = False
    outbox.emails_send_due(now=later(2))
    message = last_mail_to("ala@example.pl")
    # The link leads to the form for a new password.
    response = client.get(link_in(message), follow=True)
    assert response.status_code == 200
    assert 'name="password1"' in response.content.decode()


def test_workshop_signup_answers_normally_while_mail_is_down(
    client, flaky_mail, django_capture_on_commit_callbacks
):
    person, workshop = participant(), WorkshopFactory()
    assert client.login(email=person.email, password=PASSWORD)
    flaky_mail.down = True
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("enrolment:signup", args=[workshop.code]), follow=True)

    assert response.status_code == 200
    assert person.enrolments.get().state == "confirmed"
    assert mail.outbox == []
    email = OutgoingEmail.objects.get(kind="enrolment.confirmed")
    assert email.related_model == "enrolment.enrolment"

    flaky_mail.down = False
    outbox.emails_send_due(now=later(2))
    message = last_mail_to(person.email)
    assert "Potwierdzenie udziału" in message.subject
    assert message.attachments[0][0].endswith(".ics")


def test_a_rolled_back_change_queues_and_sends_nothing(django_capture_on_commit_callbacks):
    person, workshop = participant(), WorkshopFactory()
    from enrolment.services import enrolment_create

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        enrolment_create(participant=person, workshop=workshop, actor=person)
        raise RuntimeError
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []


def test_retries_wait_1_5_30_120_720_minutes_then_the_message_is_failed(flaky_mail):
    email = outbox.email_queue(
        key="test:retries", kind="test", message=mail.EmailMessage("Temat", "Treść", to=["a@x.pl"])
    )
    flaky_mail.down = True
    now = timezone.now()
    waits = []
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.emails_send_due(now=now)
        email.refresh_from_db()
        if email.state == OutgoingEmailState.FAILED:
            break
        waits.append((email.next_attempt_at - now) // MINUTE)
        # Not due a moment before its time.
        assert outbox.email_send(email.pk, now=email.next_attempt_at - MINUTE) is None
        now = email.next_attempt_at
    assert waits == [1, 5, 30, 120, 720]
    assert (email.state, email.attempts) == (OutgoingEmailState.FAILED, 6)
    assert email.next_attempt_at is None
    assert outbox.emails_send_due(now=now + datetime.timedelta(days=7)) == 0
    assert mail.outbox == []


def test_a_worker_dying_after_the_send_does_not_send_it_twice(flaky_mail):
    email = outbox.email_queue(
        key="test:crash", kind="test", message=mail.EmailMessage("Temat", "Treść", to=["a@x.pl"])
    )
    flaky_mail.crash_after_send = True
    with pytest.raises(WorkerDied):
        outbox.email_send(email.pk)
    flaky_mail.crash_after_send = False
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.state == OutgoingEmailState.SENDING

    # The task runs again (a retry of the task, the periodic job): the claim holds.
    assert outbox.email_send(email.pk) is None
    assert outbox.emails_send_due() == 0
    # Long after: marked uncertain for a person to decide, still not resent.
    assert outbox.emails_send_due(now=timezone.now() + outbox.STALE_AFTER + MINUTE) == 0
    email.refresh_from_db()
    assert email.state == OutgoingEmailState.UNCERTAIN
    assert len(mail.outbox) == 1


def test_the_same_key_is_queued_once():
    message = mail.EmailMessage("Temat", "Treść", to=["a@x.pl"])
    first = outbox.email_queue(key="test:once", kind="test", message=message)
    second = outbox.email_queue(key="test:once", kind="test", message=message)
    assert first.pk == second.pk
    assert outbox.emails_send_due() == 1
    assert outbox.emails_send_due() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == outbox.message_id("test:once")


def test_emails_held_queues_nothing():
    person, workshop = participant(), WorkshopFactory()
    from enrolment.services import enrolment_create

    with emails_held():
        enrolment = enrolment_create(participant=person, workshop=workshop, actor=person)
        queue_email(enrolment.pk, "reminder")
    assert not OutgoingEmail.objects.exists()


def test_an_email_about_a_removed_enrolment_is_skipped():
    queue_email(999_999, "confirmed")
    assert outbox.emails_send_due() == 0
    assert OutgoingEmail.objects.get().state == OutgoingEmailState.SKIPPED
    assert mail.outbox == []


def test_the_ics_attachment_header_has_one_charset():
    person, workshop = participant(), WorkshopFactory()
    from enrolment.services import enrolment_create

    enrolment_create(participant=person, workshop=workshop, actor=person)
    outbox.emails_send_due()
    raw = mail.outbox[-1].message().as_string()
    header = next(
        line for line in raw.splitlines() if line.startswith("Content-Type: text/calendar")
    )
    assert header.lower().count("charset") == 1, header
    part = next(
        p for p in email.message_from_string(raw).walk() if p.get_content_type() == "text/calendar"
    )
    assert (part.get_param("method"), part.get_content_charset()) == ("PUBLISH", "utf-8")
    assert "BEGIN:VCALENDAR" in part.get_payload(decode=True).decode()


def _failed_message():
    email = outbox.email_queue(
        key="test:failed",
        kind="test",
        message=mail.EmailMessage("Nieudana wiadomość", "Treść", to=["ktos@example.pl"]),
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(
        state=OutgoingEmailState.FAILED, attempts=6, next_attempt_at=None, last_error="SMTP: 421"
    )
    return email


def test_programme_coordinator_sees_failed_messages_and_resends_one(
    client, django_capture_on_commit_callbacks
):
    email = _failed_message()
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    client.force_login(coordinator)
    url = reverse("cms_outbox:list")

    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Nieudana wiadomość" in body and "ktos@example.pl" in body and "SMTP: 421" in body

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": str(email.pk)})
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.state == OutgoingEmailState.SENT
    assert [m.subject for m in mail.outbox] == ["Nieudana wiadomość"]
    entry = ModelLogEntry.objects.get(action="osl.outbox.resend", object_id=str(email.pk))
    assert entry.user == coordinator
    assert "ktos@example.pl" not in entry.label

    # A second resend of a message already sent changes nothing.
    response = client.post(url, {"message": str(email.pk)}, follow=True)
    assert "nie można wysłać ponownie" in response.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("message", ["", "abc", "٣", "999999"])
def test_resend_with_bad_input_changes_nothing(client, message):
    email = _failed_message()
    client.force_login(UserFactory(role=roles.PROGRAMME_COORDINATORS))
    response = client.post(reverse("cms_outbox:list"), {"message": message})
    assert response.status_code in (302, 404)
    email.refresh_from_db()
    assert email.state == OutgoingEmailState.FAILED


@pytest.mark.parametrize("role", [roles.TRAINERS, roles.CENTRE_COORDINATORS, roles.PARTICIPANTS])
def test_only_programme_coordinators_reach_the_outbox(client, role):
    email = _failed_message()
    client.force_login(UserFactory(role=role))
    url = reverse("cms_outbox:list")
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {"message": str(email.pk)}).status_code in (302, 403)
    email.refresh_from_db()
    assert email.state == OutgoingEmailState.FAILED
    assert not ModelLogEntry.objects.filter(action="osl.outbox.resend").exists()


def test_a_deleted_account_leaves_no_message_in_the_outbox(client):
    from cms.services.accounts import user_delete_account
    from enrolment.services import enrolment_create

    person, workshop = participant(), WorkshopFactory()
    client.post(reverse("account_reset_password"), {"email": person.email})
    assert outbox.emails_send_due() == 1  # sent: a copy of it stays in the outbox
    enrolment_create(participant=person, workshop=workshop, actor=person)  # queued, unrendered
    other = outbox.email_queue(
        key="test:other", kind="test", message=mail.EmailMessage("Inny", "x", to=["inny@x.pl"])
    )

    user_delete_account(user=person)

    remaining = list(OutgoingEmail.objects.order_by("pk"))
    assert [e.kind for e in remaining] == ["enrolment.confirmed", "test"]
    assert outbox.emails_send_due() == 1  # the other one
    assert OutgoingEmail.objects.get(kind="enrolment.confirmed").state == "skipped"
    other.refresh_from_db()
    assert other.state == OutgoingEmailState.SENT


def test_sent_messages_leave_the_outbox_after_30_days():
    old, failed = (
        outbox.email_queue(
            key=f"test:{name}", kind="test", message=mail.EmailMessage("T", "x", to=["a@x.pl"])
        )
        for name in ("old", "failed")
    )
    outbox.emails_send_due()
    OutgoingEmail.objects.filter(pk=failed.pk).update(state=OutgoingEmailState.FAILED)
    month = datetime.timedelta(days=31)
    assert outbox.emails_prune(now=timezone.now() + month - datetime.timedelta(days=2)) == 0
    assert outbox.emails_prune(now=timezone.now() + month) == 1
    assert list(OutgoingEmail.objects.values_list("pk", flat=True)) == [failed.pk]


def test_the_admin_menu_shows_the_outbox_to_programme_coordinators_only(client):
    url = reverse("cms_outbox:list")
    client.force_login(UserFactory(role=roles.PROGRAMME_COORDINATORS))
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(UserFactory(role=roles.TRAINERS))
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()
