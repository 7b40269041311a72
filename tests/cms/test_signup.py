"""Sign-up by e-mail, mandatory verification, consent, centre proposals and bad sign-up input."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms import consent, roles
from cms.models import Centre, CentreStatus, ConsentRecord
from tests.cms.helpers import PASSWORD, last_mail_to, link_in, signup_data, text
from tests.factories import CentreFactory, UserFactory

User = get_user_model()
pytestmark = pytest.mark.django_db


def counts():
    return (
        User.objects.count(),
        Centre.objects.count(),
        ConsentRecord.objects.count(),
        EmailAddress.objects.count(),
    )


def login(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_signup_creates_profile_and_records_consent(client):
    centre = CentreFactory()
    before = timezone.now()

    response = client.post(reverse("account_signup"), signup_data(centre))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="nowa.osoba@example.pl")
    assert (user.first_name, user.last_name) == ("Grażyna", "Wąsowska")
    assert user.job_title == "pracownica socjalna"
    assert user.phone == "+48 600 100 200"
    assert user.centre == centre
    record = ConsentRecord.objects.get(user=user)
    assert record.kind == ConsentRecord.Kind.PERSONAL_DATA
    assert record.text_version == consent.CURRENT_VERSION
    assert before <= record.given_at <= timezone.now()
    # Not yet a participant: only verified accounts are.
    assert not roles.has_role(user, roles.PARTICIPANTS)
    assert not EmailAddress.objects.get(user=user).verified
    entry = ModelLogEntry.objects.get(action="osl.account.signup", object_id=str(user.pk))
    assert entry.data == {"centre": centre.pk}


def test_verification_mail_confirms_address_and_unlocks_login(client):
    centre = CentreFactory()
    client.post(reverse("account_signup"), signup_data(centre, email="Jan.Nowy@Example.PL"))
    user = User.objects.get(email="jan.nowy@example.pl")  # stored in lower case
    message = last_mail_to("jan.nowy@example.pl")
    assert message.subject.startswith("[Akademia OSL]")
    confirm_path = link_in(message)

    # Mandatory verification: the password is right, but no session is opened.
    client.logout()
    response = login(client, "jan.nowy@example.pl")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("cms:profile")).status_code == 302

    # GET only shows a form (a mail scanner following the link must not confirm it).
    response = client.get(confirm_path)
    assert response.status_code == 200
    assert "<form" in text(response)
    assert not EmailAddress.objects.get(user=user).verified

    response = client.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    user.refresh_from_db()
    assert roles.has_role(user, roles.PARTICIPANTS)
    assert ModelLogEntry.objects.filter(
        action="osl.account.verified", object_id=str(user.pk)
    ).exists()

    response = login(client, "jan.nowy@example.pl")
    assert response.status_code == 302
    assert response["Location"] == reverse("cms:profile")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("cms:profile")).status_code == 200


def test_signup_with_a_new_centre_proposes_it_for_approval(client):
    data = signup_data(
        None,
        centre="new",
        new_centre_name="Gminny Ośrodek Pomocy Społecznej w Baniach",
        new_centre_kind="gops",
        new_centre_street="ul. Sikorskiego 5",
        new_centre_postal_code="74-110",
        new_centre_town="Banie",
        new_centre_county="gryfiński",
        new_centre_voivodeship="zachodniopomorskie",
    )

    response = client.post(reverse("account_signup"), data)

    assert response.status_code == 302
    user = User.objects.get(email="nowa.osoba@example.pl")
    centre = Centre.objects.get(name="Gminny Ośrodek Pomocy Społecznej w Baniach")
    assert centre.status == CentreStatus.PENDING
    assert centre.proposed_by == user
    assert centre.postal_code == "74-110"
    assert user.centre == centre
    entry = ModelLogEntry.objects.get(action="osl.centre.propose", object_id=str(centre.pk))
    assert entry.user_id == user.pk

    # Others signing up do not see it until a programme coordinator approves it.
    other = client.__class__()
    form_html = text(other.get(reverse("account_signup")))
    assert "w Baniach" not in form_html
    centre.status = CentreStatus.APPROVED
    centre.save()
    form_html = text(other.get(reverse("account_signup")))
    assert "w Baniach" in form_html
    assert f'value="{centre.pk}"' in form_html


def test_signup_list_groups_approved_centres_only(client):
    approved = CentreFactory(name="MOPS w Radomiu", voivodeship="mazowieckie")
    rejected = CentreFactory(name="Odrzucony ośrodek", status=CentreStatus.REJECTED)

    html = text(client.get(reverse("account_signup")))

    assert f'value="{approved.pk}"' in html
    assert '<optgroup label="mazowieckie">' in html
    assert f'value="{rejected.pk}"' not in html


def test_invalid_postal_code_of_proposed_centre_is_refused(client):
    data = signup_data(
        None,
        centre="new",
        new_centre_name="OPS w Testowie",
        new_centre_kind="ops",
        new_centre_postal_code="12345",
        new_centre_town="Testowo",
        new_centre_county="testowski",
        new_centre_voivodeship="lubelskie",
    )
    before = counts()

    response = client.post(reverse("account_signup"), data)

    assert response.status_code == 200
    assert "Kod pocztowy ma postać NN-NNN, np. 00-950." in text(response)
    assert counts() == before
    assert mail.outbox == []


def test_proposing_a_centre_requires_its_details(client):
    before = counts()

    response = client.post(reverse("account_signup"), signup_data(None, centre="new"))

    assert response.status_code == 200
    assert "To pole jest wymagane, gdy zgłaszasz nowy ośrodek." in text(response)
    assert counts() == before


@pytest.mark.parametrize("typed", ["zajeta@example.pl", "Zajeta@EXAMPLE.pl"])
def test_duplicate_email_creates_nothing_and_tells_the_owner(client, typed):
    """allauth prevents account enumeration: the page does not reveal that the address is
    taken (it shows the same "check your mailbox" page), and the mailbox owner gets a Polish
    e-mail saying the account exists, with a link to reset the password."""
    centre = CentreFactory()
    owner = UserFactory(email="zajeta@example.pl", first_name="Oryginalna")
    before = counts()

    response = client.post(reverse("account_signup"), signup_data(centre, email=typed))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert counts() == before
    owner.refresh_from_db()
    assert owner.first_name == "Oryginalna"
    assert owner.check_password("Haslo-testowe-123")
    message = last_mail_to("zajeta@example.pl")
    assert "Konto już istnieje" in message.subject
    assert reverse("account_reset_password") in message.body
    assert "_auth_user_id" not in client.session


def test_signup_without_consent_is_refused(client):
    centre = CentreFactory()
    data = signup_data(centre)
    del data["consent"]
    before = counts()

    response = client.post(reverse("account_signup"), data)

    assert response.status_code == 200
    assert "Bez tej zgody nie możemy założyć konta." in text(response)
    assert counts() == before
    assert mail.outbox == []


@pytest.mark.parametrize("tampered", ["pending", "999999", "abc"])
def test_centre_that_is_not_approved_cannot_be_chosen(client, tampered):
    CentreFactory()
    pending = CentreFactory(status=CentreStatus.PENDING)
    value = str(pending.pk) if tampered == "pending" else tampered
    before = counts()

    response = client.post(reverse("account_signup"), signup_data(None, centre=value))

    assert response.status_code == 200
    body = text(response)
    assert "Wybierz poprawną wartość" in body or "Wybierz ośrodek z listy." in body
    assert counts() == before


def test_signup_page_is_polish(client):
    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    body = text(response)
    assert '<html lang="pl">' in body
    assert "Ośrodek, w którym pracujesz" in body
    assert str(consent.TEXT) in body
