"""Log-in, allauth's rate limit, CSRF protection, password reset and log-out."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.cms.helpers import delivered, last_mail_to, link_in, text
from tests.factories import PASSWORD, UserFactory

User = get_user_model()
pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nowe-haslo-2026!"
CSRF_PAGE = "Formularz wygasł albo nie pochodził z naszej strony, więc niczego nie zapisaliśmy."


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_page_and_login_by_email(client):
    user = UserFactory(email="ala@example.pl")

    assert client.get(reverse("account_login")).status_code == 200
    response = login(client, "ALA@example.pl", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("cms:profile")
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_gets_a_polish_message(client):
    UserFactory(email="ala@example.pl")

    response = login(client, "ala@example.pl", "zle-haslo")

    assert response.status_code == 200
    assert "Podany adres e-mail i/lub hasło są niepoprawne." in text(response)
    assert "_auth_user_id" not in client.session


def test_many_wrong_passwords_hit_the_rate_limit(client):
    """ACCOUNT_RATE_LIMITS["login_failed"] = "10/m/ip,5/5m/key": after five failures for one
    address even the right password is refused for a while."""
    user = UserFactory(email="ala@example.pl")
    for _ in range(5):
        response = login(client, "ala@example.pl", "zle-haslo")
        assert "Zbyt wiele nieudanych prób" not in text(response)

    response = login(client, "ala@example.pl", PASSWORD)

    assert response.status_code in (200, 429)
    assert "Zbyt wiele nieudanych prób logowania. Spróbuj ponownie później." in text(response)
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.last_login is None


def test_rate_limit_counts_per_address(client):
    UserFactory(email="ala@example.pl")
    other = UserFactory(email="ola@example.pl")
    for _ in range(5):
        login(client, "ala@example.pl", "zle-haslo")

    response = login(client, "ola@example.pl", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_forged_csrf_token_on_login_is_refused_in_polish():
    user = UserFactory(email="ala@example.pl")
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("account_login"))  # sets the CSRF cookie

    response = client.post(
        reverse("account_login"),
        {"login": "ala@example.pl", "password": PASSWORD, "csrfmiddlewaretoken": "x" * 64},
    )

    assert response.status_code == 403
    body = text(response)
    assert '<html lang="pl">' in body
    assert CSRF_PAGE in body
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert user.last_login is None


def test_password_reset_by_mail_link(client):
    user = UserFactory(email="ala@example.pl")

    assert client.get(reverse("account_reset_password")).status_code == 200
    response = client.post(reverse("account_reset_password"), {"email": "ala@example.pl"})
    assert response.status_code == 302
    message = last_mail_to("ala@example.pl")
    assert message.subject.startswith("[Akademia OSL]")

    # The key link stores the key in the session and redirects to the set-password form.
    response = client.get(link_in(message), follow=True)
    assert response.status_code == 200
    set_password_path = response.redirect_chain[-1][0]
    response = client.post(
        set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 302

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.check_password(PASSWORD)
    fresh = Client()
    assert login(fresh, "ala@example.pl", PASSWORD).status_code == 200
    assert "_auth_user_id" not in fresh.session
    assert login(fresh, "ala@example.pl", NEW_PASSWORD).status_code == 302
    assert fresh.session["_auth_user_id"] == str(user.pk)


def test_password_reset_for_unknown_address_reveals_nothing(client):
    before = User.objects.count()

    response = client.post(reverse("account_reset_password"), {"email": "nikt@example.pl"})

    assert response.status_code == 302
    assert User.objects.count() == before
    # The page is the same as for a known address; only the mailbox owner learns that there
    # is no account there.
    assert response["Location"] == reverse("account_reset_password_done")
    assert [m.to for m in delivered()] == [["nikt@example.pl"]]
    assert reverse("account_signup") in mail.outbox[0].body


def test_logout_by_post(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("cms:profile")).status_code == 302


def test_signup_rate_limit_answers_429_in_polish(client):
    """ACCOUNT_RATE_LIMITS["signup"] = "20/m/ip"."""
    before = User.objects.count()
    for i in range(20):
        response = client.post(reverse("account_signup"), {"email": f"x{i}@example.pl"})
        assert response.status_code == 200  # invalid form, but not yet limited

    response = client.post(reverse("account_signup"), {"email": "x@example.pl"})

    assert response.status_code == 429
    body = text(response)
    assert '<html lang="pl">' in body
    assert "Zbyt wiele prób" in body
    assert User.objects.count() == before


def test_password_reset_rate_limit_per_address(client):
    """ACCOUNT_RATE_LIMITS["reset_password"] = "20/m/ip,5/m/key": no mail bombing."""
    UserFactory(email="ala@example.pl")
    for _ in range(5):
        client.post(reverse("account_reset_password"), {"email": "ala@example.pl"})
    sent = len(delivered())

    response = client.post(reverse("account_reset_password"), {"email": "ala@example.pl"})

    assert response.status_code == 429
    assert "Zbyt wiele prób" in text(response)
    assert len(delivered()) == sent
    assert sent == 5
