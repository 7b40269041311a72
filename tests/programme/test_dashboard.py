"""The dashboard page, the admin home panel and the sorting of the voivodeship table."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from .world import build

pytestmark = pytest.mark.django_db

URL = "/admin/program/"


@pytest.fixture
def world():
    return build(timezone.localdate())


def test_url_is_the_admin_dashboard():
    assert reverse("programme_admin:dashboard") == URL


def test_programme_coordinator_sees_the_dashboard(client, programme_coordinator, world):
    client.force_login(programme_coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.text
    assert "Postęp programu" in html
    assert "<caption>" in html and 'scope="col"' in html and 'scope="row"' in html
    # 16 voivodeships in the table and on the map, each region with a title and a link
    assert len(_row_order(html)) == 16
    assert html.count('class="programme-region"') == 16
    assert html.count("</title></path>") == 16
    assert "?venue__voivodeship=mazowieckie" in html
    assert "75,0%" in html  # the programme's completion rate, in Polish notation


def test_menu_item_only_for_programme_coordinators(client, programme_coordinator, trainer):
    client.force_login(programme_coordinator)
    assert URL in client.get("/admin/").text
    client.force_login(trainer)
    assert URL not in client.get("/admin/").text


@pytest.mark.parametrize("who", ["trainer"])
def test_admin_user_who_is_not_a_programme_coordinator_gets_403(client, request, who, world):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 403
    assert "Potwierdzeni" not in response.text


@pytest.mark.parametrize("who", ["participant_user", "centre_coordinator"])
def test_people_without_admin_access_are_refused(client, request, who, world):
    """No access to Wagtail's admin at all: Wagtail sends them to its login page before the
    view runs; nothing of the dashboard is shown."""
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_home_panel_only_for_programme_coordinators(client, programme_coordinator, trainer, world):
    client.force_login(programme_coordinator)
    html = client.get("/admin/").text
    assert 'id="programme-panel-heading"' in html
    assert "Wskaźnik ukończenia" in html
    client.force_login(trainer)
    assert 'id="programme-panel-heading"' not in client.get("/admin/").text


def _row_order(html):
    return re.findall(r'<th scope="row"><a href="[^"]*\?venue__voivodeship=([a-z-]+)"', html)


def test_sorting_server_side(client, programme_coordinator, world):
    client.force_login(programme_coordinator)
    default = _row_order(client.get(URL).text)
    assert default[:3] == ["dolnoslaskie", "kujawsko-pomorskie", "lubelskie"]
    assert default.index("lodzkie") == default.index("lubuskie") + 1  # Polish order: ł after l
    by_seats = _row_order(client.get(URL, {"sort": "-seats"}).text)
    assert by_seats[:2] == ["mazowieckie", "malopolskie"]  # 15 seats, then 4
    html = client.get(URL, {"sort": "seats"}).text
    assert 'aria-sort="ascending"' in html
    assert _row_order(html)[-2:] == ["malopolskie", "mazowieckie"]


@pytest.mark.parametrize("value", ["nope", "sea ts", "-", "séats", "٣", "x" * 200, "seats;drop"])
def test_bad_sort_gives_the_default_order_and_a_polish_note(
    client, programme_coordinator, world, value
):
    client.force_login(programme_coordinator)
    response = client.get(URL, {"sort": value})
    assert response.status_code == 200
    assert "Nieznany porządek sortowania" in response.text
    assert _row_order(response.text)[0] == "dolnoslaskie"


def test_query_count_is_bounded_and_does_not_grow(
    client, programme_coordinator, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(programme_coordinator)
    client.get(URL)  # warm: session, site, roles
    with CaptureQueriesContext(connection) as small:
        assert client.get(URL).status_code == 200
    build(timezone.localdate() - timezone.timedelta(days=200))  # twice the data
    with django_assert_max_num_queries(len(small)):
        assert client.get(URL).status_code == 200
    assert len(small) <= 35  # 14 figures, 5 alerts; the rest Wagtail's own (user, menu)
