"""Headers every response carries: personal pages are never stored by a shared cache, browser
features nobody uses are switched off, and every cookie says SameSite."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERSONAL = ["cms:profile", "cms:my_data", "enrolment:my_workshops", "certificates:mine"]


@pytest.mark.parametrize("name", PERSONAL)
def test_personal_pages_are_private_and_not_stored(client, name):
    client.force_login(UserFactory())

    response = client.get(reverse(name))

    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_anonymous_pages_stay_cacheable(client, site_pages):
    response = client.get("/")

    assert "private" not in response.get("Cache-Control", "")


def test_permissions_policy_switches_off_unused_features(client, site_pages):
    policy = client.get("/")["Permissions-Policy"]

    for feature in ("camera=()", "microphone=()", "geolocation=()", "browsing-topics=()"):
        assert feature in policy


def test_language_cookie_is_samesite(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    cookie = response.cookies["django_language"]
    assert cookie["samesite"] == "Lax"
