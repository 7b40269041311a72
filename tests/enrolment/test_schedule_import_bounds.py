"""The schedule import under load: its input is bounded (upload size, rows read lazily, what an
XLSX archive unpacks to), a whole file is checked in a fixed number of queries, and a large file
runs in the background with a status page. No timing assertions: a bound is shown by its message
and by nothing being written; laziness by what the reader never reaches."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from cms import roles
from enrolment.models import (
    Enrolment,
    EnrolmentState,
    ScheduleImport,
    ScheduleImportState,
    Venue,
    Workshop,
)
from enrolment.services import schedule_import
from enrolment.services.schedule_import import constraint_errors
from enrolment.tasks import run_schedule_import
from tests.factories import UserFactory

from .factories import WorkshopFactory, course_page, participant
from .test_admin_import import HEADER, csv_bytes, login

pytestmark = pytest.mark.django_db


def line(n, *, venue="Dom Kultury", trainers="", postal="15-001", day2="2027-03-11"):
    return (
        f"osl-2027-{n:04d};Animator lokalny;{venue};ul. Lipowa 3;{postal};Białystok;podlaskie;"
        f"2027-03-10;09:00;16:00;{day2};09:00;15:00;25;3;{trainers};opublikowane"
    )


def post(client, name, content, **data):
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("enrolment_admin:import"), {"file": upload, **data})


def nothing_written():
    return not (
        Workshop.objects.exists() or Venue.objects.exists() or ScheduleImport.objects.exists()
    )


@pytest.fixture
def course():
    return course_page("Animator lokalny")


@pytest.fixture
def coordinator(client, programme_coordinator):
    login(client, programme_coordinator)
    return programme_coordinator


# --- Bounds: size, rows, unpacked size ---------------------------------------------------------


def test_a_4_mb_file_of_bad_rows_is_refused_by_its_size(client, coordinator, course):
    content = csv_bytes(*[line(n, postal="1-1") for n in range(40_000)])
    assert len(content) > 4 * 1024 * 1024
    response = post(client, "h.csv", content)
    assert response.status_code == 200
    assert "Plik jest za duży" in response.content.decode()
    assert "najwyżej 2,0" in response.content.decode()
    assert nothing_written()


def test_a_100000_row_file_is_refused_with_a_message(client, coordinator, course):
    # Short rows keep it under the size limit: it is the row limit that answers.
    content = ("\n".join([HEADER, *[f"osl-{n}" for n in range(100_000)]]) + "\n").encode()
    assert len(content) < 2 * 1024 * 1024
    response = post(client, "h.csv", content)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Plik ma więcej niż 2000 wierszy" in html
    assert nothing_written()


def test_the_csv_is_read_row_by_row_and_never_past_the_row_limit(course, programme_coordinator):
    # Invalid UTF-8 well after the limit (past what the decoder reads ahead): a reader that
    # decoded the whole file would call the file unreadable; a lazy one never reaches it.
    content = csv_bytes(*[line(n) for n in range(300)]) + b"\xff\xfe\xfa nie UTF-8\n"
    assert len(content) > 4 * 8192
    with override_settings(ENROLMENT_IMPORT_MAX_ROWS=10):
        report = schedule_import(name="h.csv", content=content, actor=programme_coordinator)
    assert report.file_errors == [
        "Plik ma więcej niż 10 wierszy, a jeden import może mieć najwyżej 10 szkoleń. "
        "Podziel harmonogram na mniejsze pliki. Nic nie zostało zapisane."
    ]
    assert nothing_written()


def test_blank_rows_are_skipped_but_bounded(course, programme_coordinator):
    content = csv_bytes(line(1), *[";" * 16] * 5, line(2))
    report = schedule_import(
        name="h.csv", content=content, actor=programme_coordinator, dry_run=True
    )
    assert report.ok and len(report.rows) == 2
    with override_settings(ENROLMENT_IMPORT_MAX_ROWS=2):
        report = schedule_import(
            name="h.csv", content=csv_bytes(line(1), *[""] * 100), actor=programme_coordinator
        )
    assert "Plik ma więcej niż 2 wierszy" in report.file_errors[0]


def zip_bomb(unpacked_mb: int, *, extra_members=()) -> bytes:
    """An XLSX-shaped archive whose sheet is `unpacked_mb` MB of one repeated byte: tiny on
    disk, written in 1 MB chunks so the test never holds the whole member in memory."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        for name, data in extra_members:
            archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return out.getvalue()


@pytest.fixture
def openpyxl_never_opens(monkeypatch):
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl opened an archive the bounds should have refused")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_a_small_archive_that_inflates_to_29_mb_is_refused_before_it_is_opened(
    client, coordinator, course, openpyxl_never_opens
):
    bomb = zip_bomb(29)
    assert len(bomb) < 100_000
    response = post(client, "harmonogram.xlsx", bomb)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Plik XLSX po rozpakowaniu zająłby 29,0" in html
    assert nothing_written()


def test_an_archive_compressed_like_a_bomb_is_refused_even_under_the_size_limit(
    client, coordinator, course, openpyxl_never_opens
):
    response = post(client, "h.xlsx", zip_bomb(5))
    assert "podejrzanie mocno skompresowany" in response.content.decode()
    assert nothing_written()


def test_a_real_workbook_is_still_read(client, coordinator, course):
    book = Workbook()
    book.active.append(HEADER.split(";"))
    book.active.append(line(1).split(";"))
    out = io.BytesIO()
    book.save(out)
    response = post(client, "h.xlsx", out.getvalue())
    assert "Zaimportowano harmonogram: nowe 1" in response.content.decode()


# --- A fixed number of queries for the whole file --------------------------------------------


def _dry_run_queries(rows, actor) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        report = schedule_import(name="h.csv", content=csv_bytes(*rows), actor=actor, dry_run=True)
    return len(queries), report


def test_checking_a_file_takes_the_same_queries_for_10_rows_as_for_300(
    course, programme_coordinator, django_assert_max_num_queries
):
    trainers = [UserFactory(role=roles.TRAINERS, centre=None) for _ in range(3)]
    held = WorkshopFactory(code="osl-2027-0000", course=course, capacity=5)
    enrolment = Enrolment.objects.create(
        participant=participant(), workshop=held, state=EnrolmentState.CONFIRMED
    )
    assert enrolment.pk

    def rows(count):
        return [
            line(n, venue=f"Sala {n % 7}", trainers=f"{trainers[n % 3].email.upper()}")
            for n in range(count)
        ]

    _dry_run_queries(rows(1), programme_coordinator)  # the actor's roles are then known
    small, small_report = _dry_run_queries(rows(10), programme_coordinator)
    large, large_report = _dry_run_queries(rows(300), programme_coordinator)
    assert small_report.ok and large_report.ok, large_report.bad_rows[:1]
    assert large == small
    with django_assert_max_num_queries(10):
        schedule_import(
            name="h.csv", content=csv_bytes(*rows(300)), actor=programme_coordinator, dry_run=True
        )


def test_a_file_of_300_bad_rows_is_checked_in_a_fixed_number_of_queries(
    course, programme_coordinator, django_assert_max_num_queries
):
    rows = [
        line(n, trainers=f"nikt{n}@example.com", day2="2027-03-09", venue=f"Sala {n}")
        for n in range(300)
    ]
    with django_assert_max_num_queries(10):
        report = schedule_import(
            name="h.csv", content=csv_bytes(*rows), actor=programme_coordinator, dry_run=True
        )
    assert len(report.bad_rows) == 300
    assert "To nie są konta trenerów: nikt7@example.com." in " ".join(report.rows[7].errors)
    assert not Workshop.objects.exists()


def test_the_capacity_rule_still_sees_the_seats_held(course, programme_coordinator):
    held = WorkshopFactory(code="osl-2027-0001", course=course, capacity=5)
    for _ in range(2):
        Enrolment.objects.create(
            participant=participant(), workshop=held, state=EnrolmentState.CONFIRMED
        )
    content = csv_bytes(line(1).replace(";25;3;", ";1;3;"))
    report = schedule_import(name="h.csv", content=content, actor=programme_coordinator)
    assert report.rows[0].errors == [
        "Nie można zmniejszyć liczby miejsc do 1: zajętych jest już 2."
    ]


def test_constraints_are_evaluated_as_the_database_would(course):
    import datetime

    workshop = WorkshopFactory.build(course=course, capacity=0, centre_cap=None)
    [error] = constraint_errors(workshop)
    assert "workshop_capacity_at_least_one" in error
    workshop.capacity = 3
    workshop.day_two_date = workshop.day_one_date - datetime.timedelta(days=1)
    workshop.day_one_end = datetime.time(8, 0)
    assert len(constraint_errors(workshop)) == 2
    # A NULL operand passes, as in a CHECK constraint; an excluded column is not judged.
    workshop.day_two_date = None
    workshop.day_one_end = None
    assert constraint_errors(workshop) == []
    workshop.capacity = 0
    assert constraint_errors(workshop, exclude={"capacity"}) == []


# --- Large files in the background -------------------------------------------------------------


@override_settings(ENROLMENT_IMPORT_INLINE_MAX_ROWS=5)
def test_a_large_valid_file_is_imported_in_the_background_with_a_status_page(
    client, coordinator, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "duzy.csv", csv_bytes(*[line(n) for n in range(12)]))
    job = ScheduleImport.objects.get()
    status_url = reverse("enrolment_admin:import_status", args=[job.pk])
    assert response.status_code == 302 and response.url == status_url
    assert (job.state, job.rows_total, job.rows_done) == (ScheduleImportState.DONE, 12, 12)
    assert job.uploaded_by == coordinator and job.content == b""
    assert Workshop.objects.count() == 12
    assert ModelLogEntry.objects.filter(action="osl.schedule_import.queue").count() == 1
    html = client.get(status_url).content.decode()
    assert "Zaimportowano harmonogram: nowe 12, zmienione 0." in html
    assert "osl-2027-0011" in html
    assert client.get(status_url, {"format": "json"}).json() == {
        "state": "done",
        "state_label": "zakończony",
        "rows_done": 12,
        "rows_total": 12,
        "finished": True,
    }
    assert "duzy.csv" in client.get(reverse("enrolment_admin:import")).content.decode()


@override_settings(ENROLMENT_IMPORT_INLINE_MAX_ROWS=5)
def test_a_job_the_worker_has_not_run_yet_says_it_waits(
    client, coordinator, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post(client, "duzy.csv", csv_bytes(*[line(n) for n in range(8)]))
    assert len(callbacks) == 1  # the task is enqueued only once the job row has committed
    job = ScheduleImport.objects.get()
    html = client.get(response.url).content.decode()
    assert "Import czeka w kolejce" in html
    assert "Plik ma 8 wierszy; nic jeszcze nie sprawdzono ani nie zapisano" in html
    assert 'src="/static/enrolment/js/import-status.js"' in html
    assert client.get(response.url, {"format": "json"}).json()["state"] == "queued"
    assert not Workshop.objects.exists()
    ScheduleImport.objects.filter(pk=job.pk).update(state="running", rows_done=3)
    html = client.get(response.url).content.decode()
    assert "Sprawdzono 3 z 8 wierszy." in html and 'value="3"' in html
    # The worker runs it: the job is claimed once, a second delivery does nothing.
    ScheduleImport.objects.filter(pk=job.pk).update(state="queued", rows_done=0)
    run_schedule_import.enqueue(job.pk)
    run_schedule_import.enqueue(job.pk)
    job.refresh_from_db()
    assert job.state == ScheduleImportState.DONE
    assert Workshop.objects.count() == 8


@override_settings(ENROLMENT_IMPORT_INLINE_MAX_ROWS=5)
def test_a_large_dry_run_or_bad_file_in_the_background_writes_nothing(
    client, coordinator, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        dry = post(client, "a.csv", csv_bytes(*[line(n) for n in range(6)]), dry_run="on")
        bad = post(client, "b.csv", csv_bytes(*[line(n, postal="1-1") for n in range(6)]))
    assert "Plik jest poprawny. Nic jeszcze nie zapisano." in client.get(dry.url).content.decode()
    html = client.get(bad.url).content.decode()
    assert "W pliku są błędy — nic nie zostało zapisane." in html
    assert "Kod pocztowy ma postać NN-NNN" in html
    assert not Workshop.objects.exists() and not Venue.objects.exists()


@override_settings(ENROLMENT_IMPORT_INLINE_MAX_ROWS=5)
def test_a_job_whose_uploader_lost_the_role_fails_and_writes_nothing(
    client, coordinator, course, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = post(client, "duzy.csv", csv_bytes(*[line(n) for n in range(6)]))
    job = ScheduleImport.objects.get()
    coordinator.groups.clear()
    run_schedule_import.enqueue(job.pk)
    job.refresh_from_db()
    assert job.state == ScheduleImportState.FAILED
    assert job.error == "Harmonogram importują tylko koordynatorzy programu."
    assert not Workshop.objects.exists()
    roles.add_role(coordinator, roles.PROGRAMME_COORDINATORS)
    assert "Import nie został wykonany." in client.get(response.url).content.decode()


def test_the_status_page_is_for_programme_coordinators_only(client, centre_coordinator):
    job = ScheduleImport.objects.create(file_name="h.csv", rows_total=3)
    login(client, centre_coordinator)
    url = reverse("enrolment_admin:import_status", args=[job.pk])
    for response in (client.get(url), client.get(url, {"format": "json"})):
        assert response.status_code in (302, 403)
        assert "h.csv" not in response.content.decode()
    missing = reverse("enrolment_admin:import_status", args=[job.pk + 1])
    assert client.get(missing).status_code in (302, 403)  # not a 404: no oracle of ids


def test_an_unknown_job_is_a_404_for_a_coordinator(client, coordinator):
    assert client.get(reverse("enrolment_admin:import_status", args=[999_999])).status_code == 404
    job = ScheduleImport.objects.create(file_name="h.csv", rows_total=3)
    url = reverse("enrolment_admin:import_status", args=[job.pk])
    assert client.post(url).status_code == 405


@override_settings(
    ENROLMENT_IMPORT_INLINE_MAX_ROWS=5,
    TASKS={  # as in cms/settings/production.py
        "default": {
            "BACKEND": "cms.task_backends.DatabaseBackend",
            "OPTIONS": {"RUN_AT_ONCE": ["modelsearch.tasks.insert_or_update_object_task"]},
        }
    },
)
def test_with_the_production_queue_the_job_waits_for_db_worker(
    client, coordinator, course, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "duzy.csv", csv_bytes(*[line(n) for n in range(7)]))
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert "Import czeka w kolejce" in client.get(response.url).content.decode()
    assert not Workshop.objects.exists()
    # What db_worker does with the row (the command itself closes the test's connection).
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "enrolment.tasks.run_schedule_import"
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert ScheduleImport.objects.get().state == ScheduleImportState.DONE
    assert Workshop.objects.count() == 7
    assert "Zaimportowano harmonogram: nowe 7" in client.get(response.url).content.decode()


def test_a_larger_capacity_in_the_file_still_offers_the_freed_seat(course, programme_coordinator):
    from enrolment.services import enrolment_create

    workshop = WorkshopFactory(code="osl-2027-0001", course=course, capacity=1)
    first, second = participant(), participant()
    enrolment_create(participant=first, workshop=workshop, actor=first)
    waiting = enrolment_create(participant=second, workshop=workshop, actor=second)
    content = csv_bytes(line(1).replace(";25;3;", ";2;3;"), line(2))
    report = schedule_import(name="h.csv", content=content, actor=programme_coordinator)
    assert (report.updated, report.created) == (1, 1)
    waiting.refresh_from_db()
    assert waiting.state == EnrolmentState.OFFERED


def test_a_header_of_quotes_and_separators_is_refused_without_sniffing_it(
    course, programme_coordinator
):
    # csv.Sniffer took quadratic time on such a line: 20 kB of it took seconds, 2 MB hours.
    content = (';"' * 900_000 + "\n").encode()
    report = schedule_import(name="h.csv", content=content, actor=programme_coordinator)
    assert report.file_errors == [
        "Nie udało się odczytać pliku. Prześlij plik CSV (UTF-8) albo XLSX."
    ]


def test_the_header_may_use_any_of_the_separators_and_follow_blank_lines(
    course, programme_coordinator
):
    for separator in (",", "\t"):
        rows = [HEADER.replace(";", separator), line(1).replace(";", separator)]
        content = ("\n\n" + "\n".join(rows) + "\n").encode()
        report = schedule_import(
            name="h.csv", content=content, actor=programme_coordinator, dry_run=True
        )
        assert report.ok and len(report.rows) == 1, report.file_errors


def test_a_sheet_claiming_16384_columns_is_read_only_as_wide_as_the_schedule(
    course, programme_coordinator
):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append(line(1).split(";"))
    for row in range(3, 2003):
        sheet.cell(row=row, column=16_384, value="x")  # far right: never part of a row read
    out = io.BytesIO()
    book.save(out)
    report = schedule_import(
        name="h.xlsx", content=out.getvalue(), actor=programme_coordinator, dry_run=True
    )
    assert report.ok and len(report.rows) == 1


def test_a_row_naming_too_many_trainers_is_a_row_error(course, programme_coordinator):
    trainer = UserFactory(role=roles.TRAINERS, centre=None)
    # Quoted: the cell's own separators are semicolons too.
    crowd = '"' + ";".join([trainer.email] + [f"t{n}@example.com" for n in range(5_000)]) + '"'
    report = schedule_import(
        name="h.csv",
        content=csv_bytes(line(1, trainers=crowd), line(2)),
        actor=programme_coordinator,
    )
    assert report.rows[0].errors == ["trenerzy: Szkolenie może mieć najwyżej 10 trenerów."]
    assert not report.rows[1].errors
    assert not Workshop.objects.exists()


def test_a_job_waiting_for_long_says_the_worker_seems_down(client, coordinator):
    import datetime

    from django.utils import timezone

    fresh = ScheduleImport.objects.create(file_name="a.csv", rows_total=300)
    late = ScheduleImport.objects.create(
        file_name="b.csv",
        rows_total=300,
        created_at=timezone.now() - datetime.timedelta(minutes=6),
    )
    hint = "proces w tle (db_worker) chyba nie działa"
    fresh_page = client.get(reverse("enrolment_admin:import_status", args=[fresh.pk]))
    assert hint not in fresh_page.content.decode()
    late_page = client.get(reverse("enrolment_admin:import_status", args=[late.pk]))
    assert hint in late_page.content.decode()
