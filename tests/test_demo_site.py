"""`manage.py seed_demo`: the whole demo site (all four apps), idempotent.

Seeding it takes seconds, so it is seeded once for the class (`setUpTestData`) and every test
runs inside its own savepoint on top of it. Each app's own demo tests sit beside the app's tests."""

import io

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, Revision

from certificates.models import ParticipantCertificate
from cms import roles
from cms.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from cms.models import Centre, ConsentRecord, Voivodeship
from enrolment.models import Enrolment

User = get_user_model()


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


class SeededDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("seed_demo", stdout=io.StringIO())

    def test_seed_demo_twice_changes_nothing(self):
        first = counts()
        passwords = dict(User.objects.values_list("email", "password"))

        call_command("seed_demo", stdout=io.StringIO())

        assert counts() == first
        assert dict(User.objects.values_list("email", "password")) == passwords

    def test_demo_centres_cover_all_voivodeships(self):
        assert Centre.objects.count() == 160
        assert Centre.objects.approved().count() == 160
        per_voivodeship = {
            v: Centre.objects.filter(voivodeship=v).count() for v in Voivodeship.values
        }
        assert len(per_voivodeship) == 16
        assert all(n == 10 for n in per_voivodeship.values()), per_voivodeship
        for centre in Centre.objects.all():
            centre.full_clean()  # postal codes NN-NNN, known kinds, unique name+town

    def test_demo_trainers_and_one_account_per_role(self):
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

    def test_demo_site_serves_home_and_login(self):
        for path in ["/", "/en/", reverse("account_login"), reverse("account_signup")]:
            assert self.client.get(path).status_code == 200, path

    def test_demo_accounts_can_log_in(self):
        for email in ["uczestnik@demo.akademia-osl.pl", "trener@demo.akademia-osl.pl"]:
            with self.subTest(email=email):
                self.client.logout()
                response = self.client.post(
                    reverse("account_login"), {"login": email, "password": DEMO_PASSWORD}
                )

                assert response.status_code == 302
                assert self.client.get(reverse("cms:profile")).status_code == 200

    def test_demo_issues_certificates_for_the_finished_workshops_once(self):
        from certificates import demo

        completed = set(
            Enrolment.objects.filter(completed_at__isnull=False).values_list("pk", flat=True)
        )
        assert completed
        issued_for = set(
            ParticipantCertificate.objects.filter(enrolment__isnull=False).values_list(
                "enrolment_id", flat=True
            )
        )
        assert issued_for == completed
        total = ParticipantCertificate.objects.count()
        demo.seed()
        assert ParticipantCertificate.objects.count() == total
