"""The profile page: a person sees and edits their own profile, and every change is audited."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.models import CentreStatus
from tests.cms.helpers import text
from tests.factories import CentreFactory, UserFactory

pytestmark = pytest.mark.django_db


def profile_data(user, **overrides):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "job_title": user.job_title,
        "phone": user.phone,
        "centre": str(user.centre_id),
    }
    data.update(overrides)
    return data


def profile_entries(user):
    return ModelLogEntry.objects.filter(action="osl.account.profile_change", object_id=str(user.pk))


def test_profile_requires_login(client):
    response = client.get(reverse("cms:profile"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_profile_shows_the_persons_data(client):
    user = UserFactory(first_name="Zofia", last_name="Nałkowska", job_title="asystentka rodziny")
    client.force_login(user)

    response = client.get(reverse("cms:profile"))

    assert response.status_code == 200
    body = text(response)
    assert 'value="Zofia"' in body
    assert 'value="Nałkowska"' in body
    assert 'value="asystentka rodziny"' in body
    assert user.email in body
    assert f'<option value="{user.centre_id}" selected>' in body


def test_profile_edit_saves_and_audits(client):
    user = UserFactory(first_name="Zofia", phone="")
    new_centre = CentreFactory(name="MOPS w Płocku")
    client.force_login(user)

    response = client.post(
        reverse("cms:profile"),
        profile_data(
            user,
            first_name="Zosia",
            last_name="Kossak",
            job_title="koordynatorka OSL",
            phone="22 123 45 67",
            centre=str(new_centre.pk),
        ),
        follow=True,
    )

    assert response.status_code == 200
    assert "Zapisano zmiany w profilu." in text(response)
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Zosia", "Kossak")
    assert user.job_title == "koordynatorka OSL"
    assert user.phone == "22 123 45 67"
    # Another centre is only asked for: a programme coordinator decides (test_centre_change.py).
    assert user.centre != new_centre
    assert user.centre_change_requests.get().to_centre == new_centre
    entry = profile_entries(user).get()
    assert entry.user_id == user.pk
    # Which fields changed, not their values (RODO: the log outlives an erasure).
    assert entry.data == {"fields": ["first_name", "last_name", "job_title", "phone"]}
    assert entry.label == f"Użytkownik #{user.pk}"
    stored = json.dumps([entry.label, entry.data], ensure_ascii=False)
    for value in ["Zofia", "Zosia", "Kossak", "22 123 45 67", user.email]:
        assert value not in stored


def test_unchanged_profile_writes_no_audit_entry(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("cms:profile"), profile_data(user), follow=True)

    assert "Nie wprowadzono żadnych zmian." in text(response)
    assert not profile_entries(user).exists()


def test_profile_edits_only_the_logged_in_person(client):
    """There is no id in the URL, and an id smuggled into the form is ignored."""
    me = UserFactory(first_name="Ja")
    other = UserFactory(first_name="Ktoś")
    client.force_login(me)

    response = client.post(
        reverse("cms:profile"),
        {
            **profile_data(me, first_name="Zmienione"),
            "id": other.pk,
            "user": other.pk,
            "email": "przejete@example.pl",
        },
    )

    assert response.status_code == 302
    me.refresh_from_db()
    other.refresh_from_db()
    assert me.first_name == "Zmienione"
    assert me.email != "przejete@example.pl"
    assert other.first_name == "Ktoś"
    assert not profile_entries(other).exists()


def test_invalid_phone_is_refused_in_polish(client):
    user = UserFactory(phone="")
    client.force_login(user)

    response = client.post(reverse("cms:profile"), profile_data(user, phone="zadzwoń do mnie"))

    assert response.status_code == 200
    assert "Podaj numer telefonu złożony z cyfr" in text(response)
    user.refresh_from_db()
    assert user.phone == ""
    assert not profile_entries(user).exists()


def test_profile_cannot_pick_a_pending_centre_of_someone_else(client):
    user = UserFactory()
    pending = CentreFactory(status=CentreStatus.PENDING)
    client.force_login(user)

    response = client.post(reverse("cms:profile"), profile_data(user, centre=str(pending.pk)))

    assert response.status_code == 200
    assert "Wybierz poprawną wartość" in text(response)
    user.refresh_from_db()
    assert user.centre_id != pending.pk


def test_person_keeps_their_own_pending_centre(client):
    pending = CentreFactory(status=CentreStatus.PENDING)
    user = UserFactory(centre=pending)
    client.force_login(user)

    response = client.post(reverse("cms:profile"), profile_data(user, job_title="Inne"))

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.centre == pending
    assert user.job_title == "Inne"


def test_forged_csrf_token_on_profile_is_refused(client):
    user = UserFactory(first_name="Zofia")
    forged = Client(enforce_csrf_checks=True)
    forged.force_login(user)
    forged.get(reverse("cms:profile"))

    response = forged.post(
        reverse("cms:profile"),
        {**profile_data(user, first_name="Włamanie"), "csrfmiddlewaretoken": "y" * 64},
    )

    assert response.status_code == 403
    assert "Nie udało się wysłać formularza" in text(response)
    user.refresh_from_db()
    assert user.first_name == "Zofia"
    assert not profile_entries(user).exists()
