"""Account e-mails in Polish, in the site's voice: they name the site (not the host), say what
the link is for and how long it is valid, as plain text and HTML."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from cms.account_adapter import duration_pl
from tests.cms.helpers import last_mail_to, link_in, signup_data
from tests.factories import PASSWORD, CentreFactory, UserFactory

pytestmark = pytest.mark.django_db

STOCK_PHRASES = [
    "Witamy z",
    "Hello from",
    "testserver!",
    "Proszę potwierdź",
    "Dziękujemy za używanie",
]


def html_of(message) -> str:
    html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    assert html, "no HTML part"
    return html[0]


def assert_own_voice(message):
    for text in (message.body, html_of(message)):
        assert "Akademia OSL" in text
        assert "Pozdrawiamy" in text
        for phrase in STOCK_PHRASES:
            assert phrase not in text, phrase
    assert '<html lang="pl">' in html_of(message)


def test_the_default_site_is_named_by_migration():
    assert Site.objects.get(is_default_site=True).site_name == "Akademia OSL"


def test_verification_email(client):
    client.post(reverse("account_signup"), signup_data(CentreFactory()))
    message = last_mail_to("nowa.osoba@example.pl")
    assert message.subject == "[Akademia OSL] Potwierdź adres e-mail"
    assert_own_voice(message)
    assert "Dziękujemy za założenie konta w serwisie Akademia OSL" in message.body
    assert "Link jest ważny przez 3 dni." in message.body
    link = link_in(message)
    assert link.startswith("/konto/confirm-email/")
    assert f'href="http://testserver{link}"' in html_of(message)


def test_password_reset_email(client):
    UserFactory(email="ala@example.pl")
    client.post(reverse("account_reset_password"), {"email": "ala@example.pl"})
    message = last_mail_to("ala@example.pl")
    assert message.subject == "[Akademia OSL] Ustaw nowe hasło"
    assert_own_voice(message)
    assert "nowego hasła do Twojego konta w serwisie Akademia OSL (ala@example.pl)" in message.body
    assert "Link jest ważny przez 3 dni i działa tylko raz." in message.body
    assert link_in(message) in html_of(message)


def test_unknown_account_email(client):
    client.post(reverse("account_reset_password"), {"email": "nikt@example.pl"})
    message = last_mail_to("nikt@example.pl")
    assert message.subject == "[Akademia OSL] Nie mamy konta z tym adresem"
    assert_own_voice(message)
    assert reverse("account_signup") in message.body


def test_account_already_exists_email(client):
    UserFactory(email="zajeta@example.pl")
    client.post(reverse("account_signup"), signup_data(CentreFactory(), email="zajeta@example.pl"))
    message = last_mail_to("zajeta@example.pl")
    assert message.subject == "[Akademia OSL] Konto już istnieje"
    assert_own_voice(message)
    assert reverse("account_reset_password") in message.body


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (3 * 86400, "3 dni"),
        (86400, "1 dzień"),
        (3600, "1 godzinę"),
        (2 * 3600, "2 godziny"),
        (5 * 3600, "5 godzin"),
        (22 * 3600, "22 godziny"),
        (12 * 3600, "12 godzin"),
    ],
)
def test_how_long_a_link_is_valid_in_polish(seconds, said):
    assert duration_pl(seconds) == said


def test_a_changed_password_is_told_by_email(client):
    user = UserFactory(email="ala@example.pl")  # with its verified primary address
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "Nowe-haslo-2468", "password2": "Nowe-haslo-2468"},
    )
    assert response.status_code == 302
    message = last_mail_to("ala@example.pl")
    assert message.subject == "[Akademia OSL] Zmieniono hasło"
    assert_own_voice(message)
    assert "Zmieniono hasło do konta." in message.body
    assert reverse("account_reset_password") in message.body
