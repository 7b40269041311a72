"""The Wagtail admin for programme coordinators, and the schedule import (view and command)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from cms import roles
from enrolment.models import Enrolment, EnrolmentLog, EnrolmentState, Venue, Workshop
from enrolment.services import enrolment_create
from tests.factories import PASSWORD, UserFactory

from .factories import WorkshopFactory, course_page, participant

pytestmark = pytest.mark.django_db

HEADER = (
    "kod;kurs;miejsce;ulica;kod_pocztowy;miejscowosc;wojewodztwo;dzien1;dzien1_od;dzien1_do;"
    "dzien2;dzien2_od;dzien2_do;miejsca;limit_na_osrodek;trenerzy;stan"
)


def row(code="osl-2027-001", course="Animator lokalny", postal="15-001", day2="2027-03-11", **kw):
    trainer = kw.get("trainer", "")
    return (
        f"{code};{course};Dom Kultury;ul. Lipowa 3;{postal};Białystok;podlaskie;2027-03-10;"
        f"09:00;16:00;{day2};09:00;15:00;25;3;{trainer};opublikowane"
    )


@pytest.fixture
def course():
    return course_page("Animator lokalny")


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def csv_bytes(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_import_view_creates_workshops_from_a_good_csv(client, programme_coordinator, course):
    trainer = UserFactory(role=roles.TRAINERS)
    login(client, programme_coordinator)
    upload = SimpleUploadedFile(
        "harmonogram.csv",
        csv_bytes(row(trainer=trainer.email), row(code="osl-2027-002")),
    )
    response = client.post(reverse("enrolment_admin:import"), {"file": upload})
    assert response.status_code == 200
    assert "Zaimportowano harmonogram: nowe 2" in response.content.decode()
    workshop = Workshop.objects.get(code="osl-2027-001")
    assert workshop.venue.voivodeship == "podlaskie"
    assert workshop.centre_cap == 3
    assert list(workshop.trainers.all()) == [trainer]
    assert Venue.objects.count() == 1


def test_import_with_any_broken_row_changes_nothing_and_reports_each_row(
    client, programme_coordinator, course
):
    login(client, programme_coordinator)
    upload = SimpleUploadedFile(
        "harmonogram.csv",
        csv_bytes(
            row(),
            row(code="osl-2027-002", postal="15001"),
            row(code="osl-2027-003", course="Nieznany kurs"),
            row(code="osl-2027-004", day2="2027-03-09"),
            row(code="osl-2027-001"),
        ),
    )
    response = client.post(reverse("enrolment_admin:import"), {"file": upload})
    html = response.content.decode()
    assert "nic nie zostało zapisane" in html
    assert "Kod pocztowy ma postać NN-NNN" in html
    assert "Nie ma kursu „Nieznany kurs”" in html
    assert "powtarza się w pliku" in html
    assert "workshop_day_one_before_day_two" in html or "Ograniczenie" in html
    assert not Workshop.objects.exists()
    assert not Venue.objects.exists()


def test_import_xlsx_and_update_existing_code(client, programme_coordinator, course):
    login(client, programme_coordinator)
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append(row().split(";"))
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("h.xlsx", out.getvalue())
    client.post(reverse("enrolment_admin:import"), {"file": upload})
    assert Workshop.objects.get(code="osl-2027-001").capacity == 25
    upload = SimpleUploadedFile("h.csv", csv_bytes(row().replace(";25;3;", ";30;3;")))
    response = client.post(reverse("enrolment_admin:import"), {"file": upload})
    assert "zmienione 1" in response.content.decode()
    assert Workshop.objects.get(code="osl-2027-001").capacity == 30


def test_import_of_garbage_is_a_message_not_an_error(client, programme_coordinator):
    login(client, programme_coordinator)
    upload = SimpleUploadedFile("h.xlsx", b"to nie jest arkusz")
    response = client.post(reverse("enrolment_admin:import"), {"file": upload})
    assert response.status_code == 200
    assert "Nie udało się odczytać pliku" in response.content.decode()
    upload = SimpleUploadedFile("h.exe", b"MZ")
    response = client.post(reverse("enrolment_admin:import"), {"file": upload})
    assert "Prześlij plik .csv albo .xlsx" in response.content.decode()


def test_import_view_is_for_programme_coordinators_only(client, trainer):
    login(client, trainer)
    response = client.get(reverse("enrolment_admin:import"))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code in (302, 403)
    assert "Import harmonogramu" not in client.get("/admin/").content.decode()


def test_import_command_refuses_a_bad_file(tmp_path, course):
    bad = tmp_path / "h.csv"
    bad.write_bytes(csv_bytes(row(postal="1-1")))
    with pytest.raises(CommandError):
        call_command("import_schedule", str(bad))
    assert not Workshop.objects.exists()
    good = tmp_path / "ok.csv"
    good.write_bytes(csv_bytes(row()))
    call_command("import_schedule", str(good))
    assert Workshop.objects.count() == 1


def test_admin_workshop_listing_with_filters_and_search(client, programme_coordinator):
    WorkshopFactory(code="osl-szukany")
    WorkshopFactory(code="osl-inny")
    login(client, programme_coordinator)
    url = reverse("wagtailsnippets_enrolment_workshop:list")
    response = client.get(url, {"q": "szukany"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "osl-szukany" in html and "osl-inny" not in html
    assert client.get(url, {"state": "published"}).status_code == 200
    assert client.get(reverse("wagtailsnippets_enrolment_venue:list")).status_code == 200


def test_trainer_cannot_edit_workshops_in_the_admin(client, trainer):
    workshop = WorkshopFactory()
    login(client, trainer)
    url = reverse("wagtailsnippets_enrolment_workshop:edit", args=[workshop.pk])
    assert client.get(url).status_code in (302, 403)


def test_waitlist_admin_view_reorders_with_reason(client, programme_coordinator):
    workshop = WorkshopFactory(capacity=1)
    people = [participant() for _ in range(3)]
    enrolments = [enrolment_create(participant=p, workshop=workshop, actor=p) for p in people]
    login(client, programme_coordinator)
    url = reverse("enrolment_admin:waitlist", args=[workshop.pk])
    assert people[2].get_full_name() in client.get(url).content.decode()
    client.post(url, {"enrolment": enrolments[2].pk, "position": 1, "reason": ""})
    assert not EnrolmentLog.objects.filter(action="waitlist_move").exists()
    client.post(url, {"enrolment": enrolments[2].pk, "position": 1, "reason": "pilna potrzeba"})
    ranks = dict(Enrolment.objects.filter(state="waitlisted").values_list("pk", "waitlist_rank"))
    assert ranks[enrolments[2].pk] < ranks[enrolments[1].pk]


def test_waitlist_admin_view_forbidden_for_centre_coordinators(client, centre_coordinator):
    workshop = WorkshopFactory()
    login(client, centre_coordinator)
    url = reverse("enrolment_admin:waitlist", args=[workshop.pk])
    assert client.get(url).status_code in (302, 403)


def test_admin_cancel_workshop_needs_reason_and_cancels_everyone(client, programme_coordinator):
    workshop = WorkshopFactory()
    person = participant()
    enrolment = enrolment_create(participant=person, workshop=workshop, actor=person)
    login(client, programme_coordinator)
    url = reverse("enrolment_admin:waitlist", args=[workshop.pk])
    client.post(url, {"cancel_workshop": "1", "reason": ""})
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.CONFIRMED
    client.post(url, {"cancel_workshop": "1", "reason": "powódź", "confirmed": "1"})
    enrolment.refresh_from_db()
    workshop.refresh_from_db()
    assert (workshop.state, enrolment.state) == ("cancelled", EnrolmentState.CANCELLED)


def _edit_data(workshop, **changes):
    data = {
        "code": workshop.code,
        "course": workshop.course_id,
        "venue": workshop.venue_id,
        "programme": workshop.programme,
        "day_one_date": workshop.day_one_date.isoformat(),
        "day_one_start": "09:00",
        "day_one_end": "16:00",
        "day_two_date": workshop.day_two_date.isoformat(),
        "day_two_start": "09:00",
        "day_two_end": "15:00",
        "capacity": workshop.capacity,
        "centre_cap": "",
        "signup_opens_at": "",
        "signup_closes_at": "",
        "state": workshop.state,
    }
    data.update(changes)
    return data


def test_admin_capacity_edit_offers_new_seats_and_refuses_going_below_taken(
    client, programme_coordinator
):
    workshop = WorkshopFactory(capacity=1)
    first, second = participant(), participant()
    enrolment_create(participant=first, workshop=workshop, actor=first)
    waiting = enrolment_create(participant=second, workshop=workshop, actor=second)
    login(client, programme_coordinator)
    url = reverse("wagtailsnippets_enrolment_workshop:edit", args=[workshop.pk])
    client.post(url, _edit_data(workshop, capacity=2))
    workshop.refresh_from_db()
    waiting.refresh_from_db()
    assert workshop.capacity == 2
    assert waiting.state == EnrolmentState.OFFERED
    response = client.post(url, _edit_data(workshop, capacity=1))
    assert (
        "Nie można zmniejszyć liczby miejsc do 1: zajętych jest już 2." in response.content.decode()
    )
    workshop.refresh_from_db()
    assert workshop.capacity == 2
