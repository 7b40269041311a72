"""The public and personal pages over real HTTP (Django's test client)."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cms import roles
from enrolment.models import CalendarFeed, Enrolment, EnrolmentState
from enrolment.services import enrolment_create
from tests.factories import PASSWORD, CentreFactory, UserFactory

from .factories import VenueFactory, WorkshopFactory, participant

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def test_catalogue_lists_upcoming_published_workshops_with_seats_left(client, person):
    shown = WorkshopFactory(capacity=3)
    enrolment_create(participant=person, workshop=shown, actor=person)
    hidden_draft = WorkshopFactory(state="draft")
    past = WorkshopFactory(day_one_date=timezone.localdate() - datetime.timedelta(days=10))
    response = client.get(reverse("enrolment:catalogue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert shown.code in html
    assert "2 wolne miejsca" in html
    assert hidden_draft.code not in html
    assert past.code not in html


def test_catalogue_filters_by_voivodeship_month_course_and_availability(client):
    near = WorkshopFactory(venue=VenueFactory(voivodeship="podlaskie"))
    far = WorkshopFactory(venue=VenueFactory(voivodeship="opolskie"))
    full = WorkshopFactory(venue=VenueFactory(voivodeship="podlaskie"), capacity=1)
    taker = participant()
    enrolment_create(participant=taker, workshop=full, actor=taker)
    url = reverse("enrolment:catalogue")
    html = client.get(url, {"wojewodztwo": "podlaskie"}).content.decode()
    assert near.code in html and full.code in html and far.code not in html
    html = client.get(url, {"wojewodztwo": "podlaskie", "wolne": "on"}).content.decode()
    assert near.code in html and full.code not in html
    html = client.get(url, {"kurs": far.course_id}).content.decode()
    assert far.code in html and near.code not in html
    later = WorkshopFactory(day_one_date=near.day_one_date + datetime.timedelta(days=62))
    month = later.day_one_date.strftime("%Y-%m")
    html = client.get(url, {"miesiac": month}).content.decode()
    assert later.code in html and near.code not in html


def test_catalogue_with_tampered_filters_shows_a_message_not_an_error(client, workshop):
    response = client.get(reverse("enrolment:catalogue"), {"wojewodztwo": "atlantyda", "kurs": "x"})
    assert response.status_code == 200
    assert "Wybierz poprawną wartość" in response.content.decode()


def test_workshop_page_shows_programme_venue_trainers_dates_and_seats(client, trainer):
    workshop = WorkshopFactory(trainers=[trainer])
    response = client.get(reverse("enrolment:workshop_detail", args=[workshop.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert trainer.get_full_name() in html
    assert workshop.venue.name in html
    assert "Praca z grupą" in html
    assert "wolne: 25 z 25" in html
    assert "Zaloguj się, aby się zapisać" in html


def test_draft_workshop_page_is_404_for_the_public(client):
    workshop = WorkshopFactory(state="draft")
    assert client.get(reverse("enrolment:workshop_detail", args=[workshop.code])).status_code == 404


def test_sign_up_and_cancel_through_the_pages(client, person, workshop):
    login(client, person)
    response = client.post(reverse("enrolment:signup", args=[workshop.code]), follow=True)
    assert "Twoje miejsce jest potwierdzone" in response.content.decode()
    enrolment = Enrolment.objects.get(participant=person)
    assert enrolment.state == EnrolmentState.CONFIRMED
    response = client.get(reverse("enrolment:my_workshops"))
    assert workshop.code in response.content.decode()
    response = client.post(reverse("enrolment:cancel", args=[enrolment.pk]), follow=True)
    assert "Anulowano zapis" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.CANCELLED


def test_sign_up_refusals_are_polish_messages_and_change_nothing(client, person):
    closed = WorkshopFactory(signup_closes_at=timezone.now() - datetime.timedelta(hours=1))
    login(client, person)
    response = client.post(reverse("enrolment:signup", args=[closed.code]), follow=True)
    assert response.status_code == 200
    assert "Zapisy na to szkolenie zostały zamknięte" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_sign_up_needs_post_and_login(client, workshop):
    url = reverse("enrolment:signup", args=[workshop.code])
    assert client.get(url).status_code in (302, 405)
    response = client.post(url)
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Enrolment.objects.exists()


def test_unknown_workshop_code_is_404(client, person):
    login(client, person)
    assert client.post(reverse("enrolment:signup", args=["nie-ma-takiego"])).status_code == 404


def test_someone_elses_enrolment_id_is_404_and_unchanged(client, person, workshop):
    theirs = enrolment_create(participant=person, workshop=workshop, actor=person)
    login(client, participant())
    for name in ("cancel", "accept_offer", "decline_offer"):
        assert client.post(reverse(f"enrolment:{name}", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == EnrolmentState.CONFIRMED


def test_workshop_ics_has_both_days(client, workshop):
    response = client.get(reverse("enrolment:workshop_calendar", args=[workshop.code]))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 2
    assert "dzien-1" in body and "dzien-2" in body


def test_personal_calendar_feed_is_reached_only_by_its_secret_token(client, person, workshop):
    enrolment_create(participant=person, workshop=workshop, actor=person)
    login(client, person)
    client.get(reverse("enrolment:my_workshops"))
    token = CalendarFeed.objects.get(user=person).token
    client.logout()
    response = client.get(reverse("enrolment:calendar_feed", args=[token]))
    assert response.status_code == 200 and workshop.code in response.content.decode()
    assert client.get(reverse("enrolment:calendar_feed", args=["zgadywanie"])).status_code == 404
    login(client, person)
    client.post(reverse("enrolment:calendar_feed_reset"))
    client.logout()
    assert client.get(reverse("enrolment:calendar_feed", args=[token])).status_code == 404


# --- centre coordinators -----------------------------------------------------------------


def test_centre_overview_is_only_for_centre_coordinators(client, person):
    login(client, person)
    assert client.get(reverse("enrolment:centre_overview")).status_code == 403


def test_centre_coordinator_sees_own_staff_only(client, centre, centre_coordinator, workshop):
    staff = participant(centre=centre)
    outsider = participant(centre=CentreFactory())
    enrolment_create(participant=staff, workshop=workshop, actor=staff)
    enrolment_create(participant=outsider, workshop=workshop, actor=outsider)
    login(client, centre_coordinator)
    html = client.get(reverse("enrolment:centre_overview")).content.decode()
    assert staff.get_full_name() in html
    assert outsider.get_full_name() not in html


def test_centre_coordinator_signs_up_staff_but_not_outsiders(
    client, centre, centre_coordinator, workshop
):
    staff = participant(centre=centre)
    outsider = participant(centre=CentreFactory())
    login(client, centre_coordinator)
    url = reverse("enrolment:centre_signup")
    client.post(url, {"participant": staff.pk, "workshop": workshop.pk})
    assert Enrolment.objects.get(participant=staff).created_by == centre_coordinator
    response = client.post(url, {"participant": outsider.pk, "workshop": workshop.pk}, follow=True)
    assert "wybierz pracownika swojego ośrodka" in response.content.decode()
    assert not Enrolment.objects.filter(participant=outsider).exists()


def test_centre_coordinator_cannot_touch_another_centres_enrolment(
    client, centre_coordinator, workshop
):
    outsider = participant(centre=CentreFactory())
    theirs = enrolment_create(participant=outsider, workshop=workshop, actor=outsider)
    login(client, centre_coordinator)
    url = reverse("enrolment:centre_decide", args=[theirs.pk, "wypisz"])
    assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.state == EnrolmentState.CONFIRMED


def test_centre_coordinator_turns_on_approval(client, centre, centre_coordinator, workshop):
    login(client, centre_coordinator)
    client.post(reverse("enrolment:centre_policy"), {"requires_approval": "on"})
    staff = participant(centre=centre)
    assert enrolment_create(participant=staff, workshop=workshop, actor=staff).state == (
        EnrolmentState.PENDING_APPROVAL
    )
    pending = Enrolment.objects.get(participant=staff)
    client.post(reverse("enrolment:centre_decide", args=[pending.pk, "zatwierdz"]))
    pending.refresh_from_db()
    assert pending.state == EnrolmentState.CONFIRMED


# --- query counts ----------------------------------------------------------------------------


def _populate(n_workshops, n_enrolments_each):
    trainer = UserFactory(role=roles.TRAINERS)
    workshops = [WorkshopFactory(trainers=[trainer]) for _ in range(n_workshops)]
    for workshop in workshops[:2]:
        for _ in range(n_enrolments_each):
            person = participant()
            enrolment_create(participant=person, workshop=workshop, actor=person)
    return workshops


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches (site root, content types)
    cache.clear()  # measure the full rendering, not the catalogue's cached body
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_catalogue_queries_do_not_grow_with_workshops_or_enrolments(
    client, django_assert_max_num_queries
):
    url = reverse("enrolment:catalogue")
    _populate(2, 1)
    small = _count_queries(client, url)
    _populate(15, 6)
    large = _count_queries(client, url)
    assert small == large
    with django_assert_max_num_queries(12):
        client.get(url, {"wojewodztwo": "mazowieckie", "wolne": "on"})
    with django_assert_max_num_queries(7):  # the same page again: served from the cache
        client.get(url, {"wojewodztwo": "mazowieckie", "wolne": "on"})


def test_workshop_page_queries_do_not_grow_with_enrolments(client, django_assert_max_num_queries):
    workshops = _populate(2, 2)
    url = reverse("enrolment:workshop_detail", args=[workshops[0].code])
    small = _count_queries(client, url)
    for _ in range(10):
        person = participant()
        enrolment_create(participant=person, workshop=workshops[0], actor=person)
    workshops[0].trainers.add(UserFactory(role=roles.TRAINERS))
    large = _count_queries(client, url)
    assert small == large
    with django_assert_max_num_queries(8):
        client.get(url)


def _cached_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    client.get(url)  # now in the caches (the first request may start a new site generation)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_cached_pages_queries_do_not_grow_with_workshops_or_enrolments(client):
    workshops = _populate(2, 1)
    person = participant()
    pages = [reverse("enrolment:catalogue"), workshop_url(workshops[0])]
    small = [_cached_queries(client, url) for url in pages]
    login(client, person)
    small_logged_in = [_cached_queries(client, url) for url in pages]
    client.logout()
    _populate(15, 6)
    for _ in range(10):
        someone = participant()
        enrolment_create(participant=someone, workshop=workshops[0], actor=someone)
    large = [_cached_queries(client, url) for url in pages]
    login(client, person)
    large_logged_in = [_cached_queries(client, url) for url in pages]
    assert small == large == [0, 0]  # anonymous: the whole page from the page cache
    assert small_logged_in == large_logged_in
    # Logged in: session, user and the person's enrolment; the workshop and the catalogue
    # body come from the caches.
    assert max(large_logged_in) <= 5


def workshop_url(workshop):
    return reverse("enrolment:workshop_detail", args=[workshop.code])


def test_catalogue_pages_through_many_workshops_keeping_filters(client):
    workshops = [WorkshopFactory(venue=VenueFactory(voivodeship="lubuskie")) for _ in range(26)]
    url = reverse("enrolment:catalogue")
    first = client.get(url, {"wojewodztwo": "lubuskie"}).content.decode()
    assert "Znaleziono 26 szkoleń" in first
    assert workshops[0].code in first and workshops[25].code not in first
    assert "wojewodztwo=lubuskie&amp;strona=2" in first
    second = client.get(url, {"wojewodztwo": "lubuskie", "strona": "2"}).content.decode()
    assert workshops[25].code in second and workshops[0].code not in second
    assert client.get(url, {"strona": "nie-liczba"}).status_code == 200


def test_cached_catalogue_shows_seats_left_right_after_a_sign_up(
    client, django_capture_on_commit_callbacks
):
    workshop = WorkshopFactory(capacity=2)
    url = reverse("enrolment:catalogue")
    assert "2 wolne miejsca" in client.get(url).content.decode()
    assert "2 wolne miejsca" in client.get(url).content.decode()  # from the cache
    person = participant()
    # The catalogue's version is replaced when the sign-up commits, as in a real request (a
    # sign-up no longer starts a site-wide generation, which also happened before the commit).
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_create(participant=person, workshop=workshop, actor=person)
    assert "1 wolne miejsce" in client.get(url).content.decode()
