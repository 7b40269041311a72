"""Attendance as evidence: who marked what and when, completion, exports, sign-in sheets."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from enrolment.models import AttendanceRecord, EnrolmentLog
from enrolment.services import EnrolmentError, attendance_mark, enrolment_create
from enrolment.signals import participation_completed, participation_completion_withdrawn
from tests.factories import PASSWORD
from tests.pdf import assert_fonts_embedded

from .factories import WorkshopFactory, participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(trainer):
    """A workshop that started yesterday (7 h + 6 h), with two confirmed people."""
    today = timezone.localdate()
    workshop = WorkshopFactory(
        day_one_date=today - datetime.timedelta(days=1), day_two_date=today, trainers=[trainer]
    )
    people = [participant(), participant()]
    # Sign-up happened a month ago, when the window was open.
    before = timezone.now() - datetime.timedelta(days=30)
    enrolments = [
        enrolment_create(participant=p, workshop=workshop, actor=p, now=before) for p in people
    ]
    return workshop, enrolments


@pytest.fixture
def completions():
    received = []

    def on_complete(sender, enrolment_id, **kwargs):
        received.append(("completed", enrolment_id))

    def on_withdrawn(sender, enrolment_id, **kwargs):
        received.append(("withdrawn", enrolment_id))

    participation_completed.connect(on_complete)
    participation_completion_withdrawn.connect(on_withdrawn)
    yield received
    participation_completed.disconnect(on_complete)
    participation_completion_withdrawn.disconnect(on_withdrawn)


def test_full_attendance_completes_and_sends_the_signal_after_commit(
    running, trainer, completions, django_capture_on_commit_callbacks
):
    workshop, (enrolment, _other) = running
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(enrolment=enrolment, day=1, status="present", actor=trainer)
        assert completions == []  # not before the commit
    assert completions == []  # 7 of 13 hours is not 80%
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(enrolment=enrolment, day=2, status="partial", hours="4,5", actor=trainer)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None  # 11.5 of 13 h = 88%
    assert completions == [("completed", enrolment.pk)]


def test_below_threshold_does_not_complete(running, trainer, completions, settings):
    settings.ENROLMENT_COMPLETION_THRESHOLD = 0.9
    workshop, (enrolment, _other) = running
    attendance_mark(enrolment=enrolment, day=1, status="present", actor=trainer)
    attendance_mark(enrolment=enrolment, day=2, status="partial", hours=4.5, actor=trainer)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


def test_a_correction_keeps_the_old_mark_and_can_withdraw_completion(
    running, trainer, completions, django_capture_on_commit_callbacks
):
    workshop, (enrolment, _other) = running
    attendance_mark(enrolment=enrolment, day=1, status="present", actor=trainer)
    attendance_mark(enrolment=enrolment, day=2, status="present", actor=trainer)
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(enrolment=enrolment, day=2, status="absent", actor=trainer)
    records = AttendanceRecord.objects.filter(enrolment=enrolment, day=2).order_by("pk")
    assert [(r.status, r.superseded_at is None) for r in records] == [
        ("present", False),
        ("absent", True),
    ]
    assert all(r.marked_by == trainer for r in records)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert ("withdrawn", enrolment.pk) in completions
    assert EnrolmentLog.objects.filter(enrolment=enrolment, action="complete_withdrawn").exists()


def test_partial_needs_sensible_hours(running, trainer):
    workshop, (enrolment, _other) = running
    for bad in (None, "0", "7", "abc", "-1"):
        with pytest.raises(EnrolmentError) as err:
            attendance_mark(enrolment=enrolment, day=1, status="partial", hours=bad, actor=trainer)
        assert err.value.code == "bad_hours"
    assert not AttendanceRecord.objects.exists()


def test_only_the_workshops_trainers_and_coordinators_mark(running, programme_coordinator):
    workshop, (enrolment, _other) = running
    from cms import roles
    from tests.factories import UserFactory

    stranger_trainer = UserFactory(role=roles.TRAINERS)
    with pytest.raises(EnrolmentError):
        attendance_mark(enrolment=enrolment, day=1, status="present", actor=stranger_trainer)
    with pytest.raises(EnrolmentError):
        attendance_mark(enrolment=enrolment, day=1, status="present", actor=enrolment.participant)
    attendance_mark(enrolment=enrolment, day=1, status="present", actor=programme_coordinator)
    assert AttendanceRecord.objects.count() == 1


def test_attendance_cannot_be_marked_before_the_day(trainer):
    workshop = WorkshopFactory(trainers=[trainer])
    person = participant()
    enrolment = enrolment_create(participant=person, workshop=workshop, actor=person)
    with pytest.raises(EnrolmentError) as err:
        attendance_mark(enrolment=enrolment, day=1, status="present", actor=trainer)
    assert err.value.code == "too_early"


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


def test_attendance_page_marks_everyone_in_one_post(client, running, trainer):
    workshop, (a, b) = running
    login(client, trainer)
    url = reverse("enrolment:attendance", args=[workshop.code, 1])
    page = client.get(url)
    assert page.status_code == 200
    assert a.participant.get_full_name() in page.content.decode()
    response = client.post(
        url,
        {f"status_{a.pk}": "present", f"status_{b.pk}": "partial", f"hours_{b.pk}": "3.5"},
        follow=True,
    )
    assert "Zapisano obecność" in response.content.decode()
    current = dict(
        AttendanceRecord.objects.filter(superseded_at__isnull=True).values_list(
            "enrolment_id", "hours"
        )
    )
    assert current == {a.pk: Decimal("7.00"), b.pk: Decimal("3.50")}


def test_attendance_page_with_tampered_values_changes_nothing(client, running, trainer):
    workshop, (a, b) = running
    login(client, trainer)
    url = reverse("enrolment:attendance", args=[workshop.code, 1])
    response = client.post(url, {f"status_{a.pk}": "obecny-na-pewno"})
    assert response.status_code == 200
    assert "Popraw zaznaczone pola" in response.content.decode()
    response = client.post(url, {f"status_{b.pk}": "partial", f"hours_{b.pk}": ""}, follow=True)
    assert "podaj liczbę godzin" in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_attendance_page_forbidden_for_other_people(client, running):
    workshop, (a, _b) = running
    login(client, a.participant)
    assert client.get(reverse("enrolment:attendance", args=[workshop.code, 1])).status_code == 403
    assert (
        client.get(
            reverse("enrolment:export", args=[workshop.code, "uczestnicy", "csv"])
        ).status_code
        == 403
    )
    assert (
        client.get(reverse("enrolment:sign_in_sheet", args=[workshop.code, 1])).status_code == 403
    )


def test_exports_csv_and_xlsx(client, running, trainer):
    workshop, (a, b) = running
    attendance_mark(enrolment=a, day=1, status="present", actor=trainer)
    login(client, trainer)
    response = client.get(reverse("enrolment:export", args=[workshop.code, "obecnosc", "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Nazwisko"
    assert {r[0] for r in rows[1:]} == {a.participant.last_name, b.participant.last_name}
    response = client.get(reverse("enrolment:export", args=[workshop.code, "uczestnicy", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    assert (
        client.get(
            reverse("enrolment:export", args=[workshop.code, "cokolwiek", "csv"])
        ).status_code
        == 404
    )


def test_csv_export_neutralises_formulas(client, trainer):
    today = timezone.localdate()
    workshop = WorkshopFactory(
        day_one_date=today - datetime.timedelta(days=1), day_two_date=today, trainers=[trainer]
    )
    person = participant(last_name="=HYPERLINK(1)")
    enrolment_create(
        participant=person,
        workshop=workshop,
        actor=person,
        now=timezone.now() - datetime.timedelta(days=30),
    )
    login(client, trainer)
    response = client.get(reverse("enrolment:export", args=[workshop.code, "uczestnicy", "csv"]))
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def _pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    return PdfReader(io.BytesIO(response.content))


def test_sign_in_sheet_is_a_pdf_with_polish_letters(client, trainer):
    today = timezone.localdate()
    workshop = WorkshopFactory(
        day_one_date=today - datetime.timedelta(days=1), day_two_date=today, trainers=[trainer]
    )
    people = [
        participant(first_name="Małgorzata", last_name="Żurawska-Łęcka"),
        participant(first_name="Jędrzej", last_name="Ślązak"),
    ]
    for person in people:
        enrolment_create(
            participant=person,
            workshop=workshop,
            actor=person,
            now=timezone.now() - datetime.timedelta(days=30),
        )
    login(client, trainer)
    reader = _pdf(client.get(reverse("enrolment:sign_in_sheet", args=[workshop.code, 2])))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    text = reader.pages[0].extract_text()
    assert "Lista obecności" in text
    assert "Dzień 2 z 2" in text
    assert workshop.course.title in text and workshop.code in text
    assert trainer.get_full_name() in text
    for heading in ("Lp.", "Imię i nazwisko", "Ośrodek", "Podpis"):
        assert heading in text
    assert "Małgorzata Żurawska-Łęcka" in text and "Jędrzej Ślązak" in text
    assert people[0].centre.name in " ".join(text.split())  # a long centre name wraps
    assert_fonts_embedded(reader.pages[0])


def test_a_long_sign_in_sheet_repeats_the_headings_on_every_page(client, trainer):
    today = timezone.localdate()
    workshop = WorkshopFactory(
        day_one_date=today - datetime.timedelta(days=1),
        day_two_date=today,
        trainers=[trainer],
        capacity=40,
    )
    for _ in range(30):
        person = participant()
        enrolment_create(
            participant=person,
            workshop=workshop,
            actor=person,
            now=timezone.now() - datetime.timedelta(days=30),
        )
    login(client, trainer)
    reader = _pdf(client.get(reverse("enrolment:sign_in_sheet", args=[workshop.code, 1])))
    assert len(reader.pages) == 2
    texts = [page.extract_text() for page in reader.pages]
    assert all("Imię i nazwisko" in text and "Podpis" in text for text in texts)
    assert "Dzień 1 z 2" in texts[0]
    assert "30" in texts[1] and "Podpis trenera" in texts[1]


def test_completion_summary_gives_certificates_what_they_need(running, trainer):
    from enrolment.selectors import completion_summary

    workshop, (enrolment, other) = running
    attendance_mark(enrolment=enrolment, day=1, status="present", actor=trainer)
    assert completion_summary(enrolment.pk) is None
    attendance_mark(enrolment=enrolment, day=2, status="present", actor=trainer)
    summary = completion_summary(enrolment.pk)
    assert summary["attended_hours"] == summary["total_hours"] == Decimal("13.00")
    assert summary["town"] == workshop.venue.town
    assert summary["course_title"] == workshop.course.title
    assert summary["trainers"] == [trainer.get_full_name()]
    assert summary["day_one"] == workshop.day_one_date
    assert completion_summary(other.pk) is None
