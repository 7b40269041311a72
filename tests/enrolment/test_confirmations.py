"""A confirmation step for every action that gives something up (issue 14, item 2): GET shows
"Czy na pewno…?" and what will happen, with a form (no JavaScript needed); only the POST from that
form does it."""

from django.urls import reverse
from django.utils.html import escape

from enrolment.models import CalendarFeed, Enrolment, EnrolmentState, WorkshopState
from enrolment.services import calendar_feed_for, enrolment_create
from tests.factories import PASSWORD

from .factories import WorkshopFactory, participant


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def test_cancelling_a_full_workshop_place_asks_first_and_says_the_seat_passes_on(client):
    workshop = WorkshopFactory(capacity=1)
    person, waiting = participant(), participant()
    mine = enrolment_create(participant=person, workshop=workshop, actor=person)
    theirs = enrolment_create(participant=waiting, workshop=workshop, actor=waiting)
    assert theirs.state == EnrolmentState.WAITLISTED
    login(client, person)

    detail = client.get(reverse("enrolment:workshop_detail", args=[workshop.code]))
    cancel_url = reverse("enrolment:cancel", args=[mine.pk])
    assert f'href="{cancel_url}?next=' in detail.content.decode()

    page = client.get(cancel_url, {"next": detail.request["PATH_INFO"]})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Czy na pewno chcesz wypisać się ze szkolenia?" in html
    assert "przejdzie na pierwszą osobę z listy rezerwowej" in html
    assert f'<form method="post" action="{cancel_url}">' in html
    mine.refresh_from_db()
    assert mine.state == EnrolmentState.CONFIRMED  # the GET changed nothing

    response = client.post(cancel_url, {"next": detail.request["PATH_INFO"]})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.state == EnrolmentState.CANCELLED


def test_leaving_the_waiting_list_says_the_place_on_it_is_lost(client):
    workshop = WorkshopFactory(capacity=1)
    first, person = participant(), participant()
    enrolment_create(participant=first, workshop=workshop, actor=first)
    mine = enrolment_create(participant=person, workshop=workshop, actor=person)
    login(client, person)
    my_page = client.get(reverse("enrolment:my_workshops")).content.decode()
    assert f'href="{reverse("enrolment:cancel", args=[mine.pk])}"' in my_page
    html = client.get(reverse("enrolment:cancel", args=[mine.pk])).content.decode()
    assert "Stracisz miejsce nr 1 na liście rezerwowej." in html
    assert Enrolment.objects.get(pk=mine.pk).state == EnrolmentState.WAITLISTED


def test_someone_elses_place_has_no_confirmation_page(client):
    workshop = WorkshopFactory()
    owner = participant()
    theirs = enrolment_create(participant=owner, workshop=workshop, actor=owner)
    login(client, participant())
    assert client.get(reverse("enrolment:cancel", args=[theirs.pk])).status_code == 404


def test_calendar_address_reset_asks_first(client):
    person = participant()
    token = calendar_feed_for(user=person).token
    login(client, person)
    url = reverse("enrolment:calendar_feed_reset")
    assert f'href="{url}"' in client.get(reverse("enrolment:my_workshops")).content.decode()
    html = client.get(url).content.decode()
    assert "Czy na pewno chcesz utworzyć nowy adres kalendarza?" in html
    assert "przestanie działać od razu" in html
    assert CalendarFeed.objects.get(user=person).token == token
    client.post(url)
    assert CalendarFeed.objects.get(user=person).token != token


def test_cancelling_a_workshop_in_the_admin_asks_first_with_the_number_told(
    client, programme_coordinator
):
    workshop = WorkshopFactory()
    people = [participant(), participant()]
    for person in people:
        enrolment_create(participant=person, workshop=workshop, actor=person)
    login(client, programme_coordinator)
    url = reverse("enrolment_admin:waitlist", args=[workshop.pk])

    page = client.post(url, {"cancel_workshop": "1", "reason": "powódź"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Czy na pewno chcesz odwołać to szkolenie?" in html
    assert "Zapisy 2 osób zostaną anulowane" in html
    assert 'name="confirmed" value="1"' in html and 'value="powódź"' in html
    workshop.refresh_from_db()
    assert workshop.state == WorkshopState.PUBLISHED

    client.post(url, {"cancel_workshop": "1", "reason": "powódź", "confirmed": "1"})
    workshop.refresh_from_db()
    assert workshop.state == WorkshopState.CANCELLED
    assert not Enrolment.objects.filter(workshop=workshop, state=EnrolmentState.CONFIRMED)


def test_cancelling_never_sends_the_person_to_another_site(client):
    workshop = WorkshopFactory()
    person = participant()
    mine = enrolment_create(participant=person, workshop=workshop, actor=person)
    login(client, person)
    cancel_url = reverse("enrolment:cancel", args=[mine.pk])
    # Browsers read "/\host" as "//host"; a check for one leading slash lets it through.
    for elsewhere in ("/\\evil.example/", "//evil.example/", "https://evil.example/"):
        page = client.get(cancel_url, {"next": elsewhere}).content.decode()
        assert f'href="{escape(elsewhere)}"' not in page  # the "back" link stays on the site
        assert f'href="{reverse("enrolment:my_workshops")}"' in page
    response = client.post(cancel_url, {"next": "/\\evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment:my_workshops")
