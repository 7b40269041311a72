"""`manage.py seed_demo`: the demo site, idempotent."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision

from cms import roles
from cms.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from cms.models import Centre, ConsentRecord, Voivodeship

User = get_user_model()
pytestmark = pytest.mark.django_db


def counts():
    return {
        "users": User.objects.count(),
        "centres": Centre.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "groups": Group.objects.count(),
        "memberships": User.groups.through.objects.count(),
        "consents": ConsentRecord.objects.count(),
        "email_addresses": EmailAddress.objects.count(),
    }


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_demo_twice_changes_nothing(seeded):
    first = counts()
    passwords = dict(User.objects.values_list("email", "password"))

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert counts() == first
    assert dict(User.objects.values_list("email", "password")) == passwords


def test_demo_centres_cover_all_voivodeships(seeded):
    assert Centre.objects.count() == 160
    assert Centre.objects.approved().count() == 160
    per_voivodeship = {v: Centre.objects.filter(voivodeship=v).count() for v in Voivodeship.values}
    assert len(per_voivodeship) == 16
    assert all(n == 10 for n in per_voivodeship.values()), per_voivodeship
    for centre in Centre.objects.all():
        centre.full_clean()  # postal codes NN-NNN, known kinds, unique name+town


def test_demo_trainers_and_one_account_per_role(seeded):
    numbered = User.objects.filter(email__regex=r"^trener[0-9]{2}@demo\.akademia-osl\.pl$")
    assert numbered.count() == 20
    assert all(roles.has_role(u, roles.TRAINERS) for u in numbered)
    for role in roles.ALL_ROLES:
        holders = [email for email, *_, r, _su in DEMO_ACCOUNTS if r == role]
        assert len(holders) == 1, role
        user = User.objects.get(email=holders[0])
        assert roles.has_role(user, role)
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.get(user=user).verified
        assert user.consents.exists()
    assert User.objects.filter(is_superuser=True).count() == 1
    coordinator = User.objects.get(email="osrodek@demo.akademia-osl.pl")
    assert coordinator.centre is not None


def test_demo_site_serves_home_and_login(seeded, client):
    for path in ["/", "/en/", reverse("account_login"), reverse("account_signup")]:
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize(
    "email",
    ["uczestnik@demo.akademia-osl.pl", "trener@demo.akademia-osl.pl"],
)
def test_demo_accounts_can_log_in(seeded, client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.get(reverse("cms:profile")).status_code == 200
