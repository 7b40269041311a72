"""Anonymous catalogue and workshop pages come from the page cache, and are never stale: every
committed change replaces the versions they are filed under (enrolment/page_cache.py).

These tests commit for real (transaction=True): the versions are replaced on commit."""

import pytest
from django.test import Client
from django.urls import reverse

from cms import roles
from enrolment import selectors
from enrolment.services import enrolment_cancel, enrolment_create
from tests.factories import PASSWORD, UserFactory

from .factories import WorkshopFactory, participant
from .test_admin_import import _edit_data

pytestmark = pytest.mark.django_db(transaction=True)

CATALOGUE = reverse("enrolment:catalogue")


def page(workshop):
    return reverse("enrolment:workshop_detail", args=[workshop.code])


def cached_html(client, url) -> str:
    """The page as the next anonymous visitor gets it, after making sure it is in the cache."""
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def warm(client, *urls):
    for url in urls:
        # The very first request of a test creates the site settings (a new site generation).
        statuses = [client.get(url)["X-Page-Cache"] for _ in range(3)]
        assert statuses[-1] == "hit"


def test_repeat_anonymous_pages_come_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    workshops = [WorkshopFactory() for _ in range(3)]
    urls = [CATALOGUE, page(workshops[0])]
    warm(client, *urls)
    for url in urls:
        with django_assert_num_queries(0):
            assert client.get(url)["X-Page-Cache"] == "hit"


def test_seats_left_change_on_the_very_next_request_after_a_sign_up(client):
    workshop = WorkshopFactory(capacity=3)
    person = participant()
    warm(client, CATALOGUE, page(workshop))
    assert "wolne: 3 z 3" in cached_html(client, page(workshop))

    enrolment_create(participant=person, workshop=workshop, actor=person)

    assert "wolne: 2 z 3" in cached_html(client, page(workshop))
    assert "2 wolne miejsca" in cached_html(client, CATALOGUE)


def test_a_cancellation_and_the_offer_to_the_waiting_list_show_at_once(client):
    workshop = WorkshopFactory(capacity=1)
    first, second = participant(), participant()
    seat = enrolment_create(participant=first, workshop=workshop, actor=first)
    offer = enrolment_create(participant=second, workshop=workshop, actor=second)
    warm(client, CATALOGUE, page(workshop))
    assert "na liście rezerwowej: 1" in cached_html(client, page(workshop))

    enrolment_cancel(enrolment=seat, actor=first)  # the seat is offered to the waiting list

    html = cached_html(client, page(workshop))
    assert "wolne: 0 z 1" in html and "na liście rezerwowej" not in html
    assert "na liście rezerwowej" not in cached_html(client, CATALOGUE)
    warm(client, page(workshop))

    enrolment_cancel(enrolment=offer, actor=second)  # nobody is left waiting: the seat is free

    assert "wolne: 1 z 1" in cached_html(client, page(workshop))
    assert "1 wolne miejsce" in cached_html(client, CATALOGUE)


def test_a_workshop_edited_in_the_admin_shows_at_once(client):
    workshop = WorkshopFactory(capacity=2)
    coordinator = UserFactory(role=roles.PROGRAMME_COORDINATORS)
    warm(client, CATALOGUE, page(workshop))
    admin = Client()
    assert admin.login(email=coordinator.email, password=PASSWORD)

    url = reverse("wagtailsnippets_enrolment_workshop:edit", args=[workshop.pk])
    admin.post(url, _edit_data(workshop, capacity=7, programme="Nowy program dnia"))

    html = cached_html(client, page(workshop))
    assert "wolne: 7 z 7" in html and "Nowy program dnia" in html
    assert "7 wolnych miejsc" in cached_html(client, CATALOGUE)


def test_a_page_rendered_from_rows_read_before_a_sign_up_is_not_served_after_it(
    client, monkeypatch
):
    # The race the versions guard against: a reader reads the rows, a sign-up commits (and
    # bumps the versions), then the reader stores its page. It was filed under the old version.
    workshop = WorkshopFactory(capacity=3)
    person = participant()
    read_rows = selectors.workshop_page

    def rows_then_a_sign_up(code):
        rows = read_rows(code)
        enrolment_create(participant=person, workshop=workshop, actor=person)
        return rows

    monkeypatch.setattr(selectors, "workshop_page", rows_then_a_sign_up)
    assert "wolne: 3 z 3" in cached_html(client, page(workshop))  # old rows, stored late
    monkeypatch.undo()

    assert "wolne: 2 z 3" in cached_html(client, page(workshop))


def test_logged_in_visitors_get_their_own_sign_up_box_with_fresh_seats(client):
    workshop = WorkshopFactory(capacity=3)
    person, other = participant(), participant()
    warm(client, page(workshop))
    assert client.login(email=person.email, password=PASSWORD)
    html = cached_html(client, page(workshop))
    assert "Zapisz się" in html and "wolne: 3 z 3" in html

    enrolment_create(participant=other, workshop=workshop, actor=other)

    html = cached_html(client, page(workshop))
    assert "wolne: 2 z 3" in html and "Zaloguj się, aby się zapisać" not in html
