"""RODO erasure that erases: after "delete my account" the audit log refers to an anonymous,
numbered person. Entries hold who acted by reference (the user) and the name is looked up when
the log is read; change records name the fields that changed, not their values."""

import datetime
import json
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from cms import roles
from cms.services.accounts import consent_record
from enrolment.models import EnrolmentLog
from enrolment.services import enrolment_cancel, enrolment_create
from tests.cms.helpers import text
from tests.enrolment.factories import WorkshopFactory
from tests.factories import PASSWORD, CentreFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME, SURNAME, EMAIL = "Maria", "Dąbrowska", "maria.dabrowska@example.pl"
OLD_PHONE, NEW_PHONE = "600 100 200", "601 222 333"


@pytest.fixture
def person():
    user = UserFactory(
        email=EMAIL,
        first_name=NAME,
        last_name=SURNAME,
        phone=OLD_PHONE,
        centre=CentreFactory(name="GOPS w Russowie", town="Russów"),
        role=roles.PARTICIPANTS,
    )
    consent_record(user=user)
    return user


def _profile(user, **changes):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "job_title": user.job_title,
        "phone": user.phone,
        "centre": str(user.centre_id),
    }
    data.update(changes)
    return data


def _leaks(row_texts: list[str]) -> list[str]:
    """The person's data found in the given texts (the phone in any spacing)."""
    found = []
    for value in [NAME, SURNAME, EMAIL]:
        found += [t for t in row_texts if value.lower() in t.lower()]
    for phone in [OLD_PHONE, NEW_PHONE]:
        digits = re.sub(r"\D", "", phone)
        found += [t for t in row_texts if digits in re.sub(r"\D", "", t)]
    return found


def _log_texts() -> list[str]:
    return [
        json.dumps([label, data], ensure_ascii=False)
        for label, data in ModelLogEntry.objects.values_list("label", "data")
    ]


def test_new_entries_about_a_person_carry_no_name(client, person):
    client.force_login(person)
    client.post(reverse("cms:profile"), _profile(person, phone=NEW_PHONE))
    workshop = WorkshopFactory()
    enrolment_create(participant=person, workshop=workshop, actor=person)
    # Wagtail's own path (an edit in the admin) is labelled by number too.
    log(instance=person, action="wagtail.edit", user=person)

    entries = ModelLogEntry.objects.filter(user=person)
    assert {e.label for e in entries if e.content_type.model == "user"} == {
        f"Użytkownik #{person.pk}"
    }
    assert entries.filter(action="osl.account.profile_change").get().data == {"fields": ["phone"]}
    assert _leaks(_log_texts()) == []


def test_deleting_an_account_scrubs_the_log(client, person):
    workshop = WorkshopFactory()
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    enrolment = enrolment_create(participant=person, workshop=workshop, actor=person)
    enrolment_cancel(
        enrolment=enrolment,
        actor=coordinator,
        reason=f"Pani {NAME} {SURNAME} ({EMAIL}, tel. 600-100-200) zrezygnowała telefonicznie",
    )
    # Entries written before the log referred to people by number: the name in the label,
    # the old and new phone number in the change record.
    user_type = ContentType.objects.get_for_model(person)
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=user_type,
                object_id=str(person.pk),
                label=f"{NAME} {SURNAME}",
                action="osl.account.profile_change",
                timestamp=timezone.now(),
                data={"before": {"phone": OLD_PHONE}, "after": {"phone": NEW_PHONE}},
                user=person,
            ),
            ModelLogEntry(
                content_type=ContentType.objects.get_for_model(enrolment),
                object_id=str(enrolment.pk),
                label=f"{NAME} {SURNAME} · {workshop.code} · potwierdzony",
                action="osl.enrolment.create",
                timestamp=timezone.now(),
                data={},
                user=person,
            ),
        ]
    )
    other = UserFactory(first_name="Obca", last_name="Osoba")
    log(instance=other, action="wagtail.edit", user=coordinator)
    assert _leaks(_log_texts())
    entries_before = ModelLogEntry.objects.count()
    client.force_login(person)

    response = client.post(reverse("cms:delete_account"), {"password": PASSWORD})

    assert response.status_code == 302
    # The entries stay (evidence), one more says the account was deleted; none holds the person.
    assert ModelLogEntry.objects.count() == entries_before + 1
    assert _leaks(_log_texts()) == []
    old = ModelLogEntry.objects.get(action="osl.account.profile_change", object_id=str(person.pk))
    assert old.data == {"fields": ["phone"]}
    assert old.label == f"Użytkownik #{person.pk}"
    reasons = [e.reason for e in EnrolmentLog.objects.filter(enrolment=enrolment)]
    assert _leaks(reasons) == []
    assert any("zrezygnowała telefonicznie" in r for r in reasons)
    # Another person's entries are untouched.
    assert ModelLogEntry.objects.filter(object_id=str(other.pk), user=coordinator).exists()


def test_the_log_shows_the_current_name_and_none_after_erasure(client, person):
    admin = UserFactory(is_superuser=True, is_staff=True)
    person_client = client
    person_client.force_login(person)
    person_client.post(reverse("cms:profile"), _profile(person, phone=NEW_PHONE))
    reader = Client()
    reader.force_login(admin)
    url = reverse("wagtailadmin_reports:site_history_results")

    body = text(reader.get(url))
    assert f"{NAME} {SURNAME}" in body  # resolved from the account when read
    assert "telefon" in body  # which field changed, by its Polish name
    assert OLD_PHONE not in body and NEW_PHONE not in body

    person_client.post(reverse("cms:delete_account"), {"password": PASSWORD})
    body = text(reader.get(url))
    assert SURNAME not in body and EMAIL not in body
    assert f"konto usunięte, nr {person.pk}" in body


def test_the_deletion_page_says_what_is_kept_why_and_how_long(client, person):
    client.force_login(person)

    body = text(client.get(reverse("cms:my_data")))

    section = body[body.index('id="data-delete"') :]
    assert "bez Twoich danych" not in section  # the promise the certificate page broke
    for said in [
        "art. 6 ust. 1 lit. c RODO",  # the legal basis
        "5 lat od",  # how long: the ESF retention period
        "rozporządzenia (UE)",
        "Wydane certyfikaty ukończenia szkolenia",
        "publicznej stronie weryfikacji Twoje imię i nazwisko",
        "Zapisy na szkolenia, listy obecności i ich historia",
        "bez imienia, nazwiska i kontaktu",
    ]:
        assert said in section
    assert '<th scope="row">' in section and '<th scope="col">' in section


def test_what_the_deletion_page_promises_is_what_happens(client, person, with_roles):
    from certificates.services import participant_certificate_issue

    enrolment = enrolment_create(participant=person, workshop=WorkshopFactory(), actor=person)
    certificate = participant_certificate_issue(
        holder=person,
        enrolment_id=None,  # a training outside the platform: no attendance to make
        course_title="Animator lokalny",
        workshop_dates=[datetime.date(2026, 3, 12), datetime.date(2026, 3, 13)],
        town="Łódź",
        hours=16,
        trainers=[],
    )
    client.force_login(person)
    client.post(reverse("cms:profile"), _profile(person, phone=NEW_PHONE))

    client.post(reverse("cms:delete_account"), {"password": PASSWORD})

    # Kept as evidence, with the name, as the page says ...
    verification = text(client.get(f"/certyfikaty/v/{certificate.verification_code}/"))
    assert f"{NAME} {SURNAME}" in verification
    # ... the enrolment stays, by number, without the person's data ...
    enrolment.refresh_from_db()
    assert enrolment.participant_id == person.pk
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.phone, person.centre_id) == (
        "",
        "",
        "",
        None,
    )
    # ... and the log and change records hold no name, e-mail or phone.
    assert _leaks(_log_texts()) == []
    assert ModelLogEntry.objects.filter(
        action="osl.account.profile_change", object_id=str(person.pk)
    ).get().data == {"fields": ["phone"]}


def test_the_migration_takes_names_and_values_out_of_existing_entries(person):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cms.migrations.0005_audit_log_by_reference")
    user_type = ContentType.objects.get_for_model(person)
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=user_type,
                object_id=str(person.pk),
                label=f"{NAME} {SURNAME}",
                action="osl.account.profile_change",
                timestamp=timezone.now(),
                data={"before": {"phone": OLD_PHONE}, "after": {"phone": NEW_PHONE}},
            )
        ]
    )

    migration.forward(apps, None)

    entry = ModelLogEntry.objects.get(object_id=str(person.pk), action="osl.account.profile_change")
    assert (entry.label, entry.data) == (f"Użytkownik #{person.pk}", {"fields": ["phone"]})
    assert _leaks(_log_texts()) == []


def test_deletion_takes_the_account_off_its_centre_and_withdraws_a_waiting_move(client, person):
    from cms.models import CentreChangeRequest
    from cms.services.centres import centre_change_request

    centre = person.centre
    change = centre_change_request(user=person, centre=CentreFactory(), actor=person)
    client.force_login(person)

    client.post(reverse("cms:delete_account"), {"password": PASSWORD})

    change.refresh_from_db()
    assert change.status == CentreChangeRequest.Status.WITHDRAWN
    assert ModelLogEntry.objects.filter(
        action="osl.centre_change.withdraw", object_id=str(change.pk)
    ).exists()
    assert not centre.staff.filter(pk=person.pk).exists()
