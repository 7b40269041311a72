"""RODO: "my data" page, the JSON export and account deletion."""

import datetime
import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms import consent, roles
from cms.models import ConsentRecord
from cms.services.accounts import consent_record
from enrolment.services import enrolment_create
from tests.cms.helpers import signup_data, text
from tests.enrolment.factories import WorkshopFactory
from tests.factories import PASSWORD, CentreFactory, UserFactory

User = get_user_model()
pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    user = UserFactory(
        email="maria@example.pl",
        first_name="Maria",
        last_name="Dąbrowska",
        job_title="pracownica socjalna",
        phone="600 100 200",
        centre=CentreFactory(name="GOPS w Russowie", town="Russów"),
    )
    consent_record(user=user)
    return user


@pytest.fixture
def stranger():
    user = UserFactory(
        email="obca@example.pl", first_name="Obca", last_name="Osoba", job_title="dyrektorka"
    )
    consent_record(user=user, version="2020-01-01")
    return user


def test_my_data_requires_login(client):
    for name in ["cms:my_data", "cms:my_data_export"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_my_data_page_lists_the_persons_data(client, person, stranger):
    client.force_login(person)

    response = client.get(reverse("cms:my_data"))

    assert response.status_code == 200
    body = text(response)
    for value in [
        "maria@example.pl",
        "<dd>Maria</dd>",
        "<dd>Dąbrowska</dd>",
        "pracownica socjalna",
        "600 100 200",
        "GOPS w Russowie",
        consent.CURRENT_VERSION,
    ]:
        assert value in body
    for value in ["obca@example.pl", "Obca", "dyrektorka", "2020-01-01"]:
        assert value not in body


def test_consent_date_is_shown_in_polish_format(client, person):
    given = datetime.datetime(2026, 11, 22, 9, 30, tzinfo=datetime.UTC)
    ConsentRecord.objects.filter(user=person).update(given_at=given)
    client.force_login(person)

    body = text(client.get(reverse("cms:my_data")))

    # Europe/Warsaw time, Polish month name; the machine-readable date in the attribute.
    assert '<time datetime="2026-11-22T10:30:00+01:00">22 listopada 2026 10:30</time>' in body


def test_json_export(client, person, stranger, django_assert_max_num_queries):
    client.force_login(person)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("cms:my_data_export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "maria@example.pl"
    assert data["account"]["first_name"] == "Maria"
    assert data["account"]["last_name"] == "Dąbrowska"
    assert data["account"]["phone"] == "600 100 200"
    assert data["centre"]["name"] == "GOPS w Russowie"
    assert [c["text_version"] for c in data["consents"]] == [consent.CURRENT_VERSION]
    assert data["email_addresses"] == [
        {"email": "maria@example.pl", "verified": True, "primary": True}
    ]
    raw = response.content.decode()
    assert "obca@example.pl" not in raw
    assert "dyrektorka" not in raw


def test_delete_with_wrong_password_changes_nothing(client, person):
    client.force_login(person)

    response = client.post(reverse("cms:delete_account"), {"password": "nie-to-haslo"})

    assert response.status_code == 400
    assert "Hasło jest nieprawidłowe." in text(response)
    person.refresh_from_db()
    assert person.is_active
    assert person.email == "maria@example.pl"
    assert person.first_name == "Maria"
    assert person.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(person.pk)
    assert not ModelLogEntry.objects.filter(action="osl.account.delete").exists()


def test_delete_needs_post(client, person):
    client.force_login(person)

    assert client.get(reverse("cms:delete_account")).status_code == 405
    person.refresh_from_db()
    assert person.is_active


def test_delete_account_erases_personal_data_but_keeps_the_row(
    client, person, stranger, site_pages
):
    client.force_login(person)
    users_before = User.objects.count()

    response = client.post(reverse("cms:delete_account"), {"password": PASSWORD}, follow=True)

    assert response.status_code == 200
    assert "Twoje konto zostało usunięte" in text(response)
    assert "_auth_user_id" not in client.session
    assert User.objects.count() == users_before
    person.refresh_from_db()
    assert not person.is_active
    assert person.anonymised_at is not None
    assert (person.first_name, person.last_name, person.job_title, person.phone) == ("",) * 4
    assert "maria" not in person.email
    assert not person.has_usable_password()
    assert not person.groups.exists()
    assert not EmailAddress.objects.filter(email="maria@example.pl").exists()
    assert ModelLogEntry.objects.filter(
        action="osl.account.delete", object_id=str(person.pk)
    ).exists()
    # The other person is untouched.
    stranger.refresh_from_db()
    assert stranger.first_name == "Obca" and stranger.is_active

    fresh = Client()
    response = fresh.post(
        reverse("account_login"), {"login": "maria@example.pl", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in fresh.session


def test_address_of_a_deleted_account_can_sign_up_again(client, person):
    client.force_login(person)
    client.post(reverse("cms:delete_account"), {"password": PASSWORD})
    centre = CentreFactory()

    response = Client().post(
        reverse("account_signup"), signup_data(centre, email="maria@example.pl")
    )

    assert response.status_code == 302
    fresh = User.objects.get(email="maria@example.pl")
    assert fresh.pk != person.pk
    assert fresh.anonymised_at is None


def test_my_data_page_is_readable_not_a_dump(client, person):
    roles.add_role(person, roles.PARTICIPANTS)
    workshop = WorkshopFactory(day_one_date=datetime.date(2027, 3, 12))
    enrolment_create(participant=person, workshop=workshop, actor=person)
    client.force_login(person)

    body = text(client.get(reverse("cms:my_data")))

    assert '<html lang="pl">' in body
    assert "<pre" not in body and "{&#x27;" not in body and "[{" not in body
    # Sections under headings in order (h1, then h2s, h3s only inside them).
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", body[body.index("<main") :])]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    for title in ["Konto", "Ośrodek", "Zgody", "Zapisy na szkolenia", "Kursy e-learningowe"]:
        assert re.search(rf"<h2 id=\"data-[a-z_]+\">{title}</h2>", body), title
    # Fields in Polish, codes under their Polish names, dates as dates.
    assert '<th scope="col">Szkolenie</th>' in body and '<th scope="col">Stan zapisu</th>' in body
    assert f'<th scope="row">{workshop.code}</th>' in body
    assert "<td>potwierdzony</td>" in body and "confirmed" not in body
    assert '<time datetime="2027-03-12">12 marca 2027</time>' in body
    assert "<dd>GOPS — gminny ośrodek pomocy społecznej</dd>" in body


def test_json_export_holds_the_sections_the_page_shows(client, person):
    client.force_login(person)

    page = text(client.get(reverse("cms:my_data")))
    data = json.loads(client.get(reverse("cms:my_data_export")).content)

    shown = set(re.findall(r'<h2 id="data-([a-z_]+)">', page))
    assert set(data) - {"exported_at"} == shown - {"contents", "delete"}
    assert data["centre"]["kind"] == "gops"  # the code in the export, its name on the page
    assert data["account"]["date_joined"][:10] in re.findall(r'datetime="([^"]+)"', page)[0]
