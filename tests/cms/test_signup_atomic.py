"""Sign-up proposing a centre the model would refuse: a Polish form error, nothing written.

The form checks the proposal with the model's own validation (Centre.full_clean, constraints
included) before allauth creates the user, and the whole sign-up runs in one transaction, so
that an error later in it leaves no half-made account behind."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.models import Centre, ConsentRecord
from tests.cms.helpers import signup_data, text
from tests.factories import CentreFactory

User = get_user_model()
pytestmark = pytest.mark.django_db

ARABIC_INDIC_POSTAL_CODE = "٠٠-٩٥٠"  # "00-950" in Arabic-Indic digits: `\d` matches them
DUPLICATE_MESSAGE = "Ośrodek o tej nazwie w tej miejscowości jest już w rejestrze"


def rows():
    return (
        User.objects.count(),
        Centre.objects.count(),
        ConsentRecord.objects.count(),
        EmailAddress.objects.count(),
        ModelLogEntry.objects.count(),
    )


def proposal(n=0, **overrides):
    data = signup_data(
        None,
        email=f"nowa.osoba{n}@example.pl",
        centre="new",
        new_centre_name="Miejski Ośrodek Pomocy Społecznej",
        new_centre_kind="mops",
        new_centre_street="ul. Długa 1",
        new_centre_postal_code="26-600",
        new_centre_town="Radom",
        new_centre_county="Radom",
        new_centre_voivodeship="mazowieckie",
    )
    data.update(overrides)
    return data


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": False}


def test_fifty_signups_proposing_centres_the_model_refuses_leave_no_user(client):
    CentreFactory(name="Miejski Ośrodek Pomocy Społecznej", town="Radom")
    cases = [
        # The name and town of a centre that exists already (the model's unique constraint).
        {"new_centre_name": "Miejski Ośrodek Pomocy Społecznej", "new_centre_town": "Radom"},
        # Postal codes in other scripts' digits, which `\d` accepts and the database refuses.
        {"new_centre_postal_code": ARABIC_INDIC_POSTAL_CODE},
        {"new_centre_postal_code": "۰۵-۴۰۰"},  # Extended Arabic-Indic
        {"new_centre_postal_code": "०५-४००"},  # Devanagari
        {"new_centre_postal_code": "０５-４００"},  # fullwidth
    ]
    before = rows()

    for n in range(50):
        response = client.post(reverse("account_signup"), proposal(n, **cases[n % len(cases)]))

        assert response.status_code == 200, (n, response.status_code)
        body = text(response)
        assert DUPLICATE_MESSAGE in body or "Kod pocztowy ma postać NN-NNN" in body

    assert rows() == before
    assert not User.objects.filter(email__startswith="nowa.osoba").exists()
    assert mail.outbox == []


def test_duplicate_centre_error_is_on_the_name_field(client):
    CentreFactory(name="MOPS w Radomiu", town="Radom")

    response = client.post(
        reverse("account_signup"),
        proposal(new_centre_name="MOPS w Radomiu", new_centre_town="Radom"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert DUPLICATE_MESSAGE in " ".join(form.errors["new_centre_name"])


def test_a_valid_proposal_still_signs_up(client):
    response = client.post(reverse("account_signup"), proposal())

    assert response.status_code == 302
    user = User.objects.get(email="nowa.osoba0@example.pl")
    assert user.centre.name == "Miejski Ośrodek Pomocy Społecznej"
    assert user.centre.proposed_by == user


def test_an_error_late_in_the_signup_rolls_back_the_user(client, monkeypatch):
    """If anything in the sign-up fails after allauth made the user (here: the centre proposal
    at the last moment, as when another person proposed the same centre a moment earlier), the
    user, the centre and the consent go too, and the person sees the form again, not a 500."""
    from cms.services import centres

    def refuse(**kwargs):
        raise ValidationError({"name": ["Ośrodek został właśnie zgłoszony przez kogoś innego."]})

    monkeypatch.setattr(centres, "centre_propose", refuse)
    before = rows()

    response = client.post(reverse("account_signup"), proposal())

    assert response.status_code == 200
    assert "Ośrodek został właśnie zgłoszony przez kogoś innego." in text(response)
    assert rows() == before
    assert mail.outbox == []


def test_a_database_error_late_in_the_signup_rolls_back_the_user(client, monkeypatch):
    from django.db import IntegrityError

    from cms.services import accounts

    def clash(**kwargs):
        raise IntegrityError("centre_unique_name_town")

    monkeypatch.setattr(accounts, "consent_record", clash)
    before = rows()

    response = client.post(reverse("account_signup"), proposal())

    assert response.status_code == 200
    assert "Nie udało się założyć konta" in text(response)
    assert rows() == before
