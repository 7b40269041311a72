"""Exports a Polish office opens without fixing: the CSV as LibreOffice reads it in the Polish
locale (hours sum as numbers, dates are dates), typed XLSX cells, formulas kept as text without a
visible apostrophe, and people in Polish alphabetical order."""

import csv
import datetime
import io
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.collation import polish_key, sort_people
from enrolment.services import attendance_mark, enrolment_create
from tests.factories import PASSWORD

from .factories import WorkshopFactory, participant

pytestmark = pytest.mark.django_db

# Surnames with every Polish letter, each beside the plain letter it follows.
POLISH_ORDER = [
    "Cieślak",
    "Ćwik",
    "Lis",
    "Łukasik",
    "Nowak",
    "Nowak-Kowalska",
    "Oleś",
    "Ósmała",
    "Sowa",
    "Ślusarz",
    "Włodarczyk",
    "Woźniak",
    "Wójcik",
    "Zając",
    "Ząbek",
    "Źrebiec",
    "Żak",
]


def login(client, user):
    assert client.login(email=user.email, password=PASSWORD)


@pytest.fixture
def marked(trainer):
    """A workshop that started yesterday; its people, in a shuffled order, all present on day 1."""
    today = timezone.localdate()
    workshop = WorkshopFactory(
        day_one_date=today - datetime.timedelta(days=1),
        day_two_date=today,
        trainers=[trainer],
        capacity=30,
    )
    before = timezone.now() - datetime.timedelta(days=30)
    names = [*POLISH_ORDER[::2], *POLISH_ORDER[1::2]][::-1]
    enrolments = []
    for name in names:
        person = participant(last_name=name, first_name="Anna")
        enrolments.append(
            enrolment_create(participant=person, workshop=workshop, actor=person, now=before)
        )
    for enrolment in enrolments:
        attendance_mark(enrolment=enrolment, day=1, status="present", actor=trainer)
    return workshop, enrolments


def test_polish_collation_key_orders_the_letters_with_diacritics_after_their_base():
    shuffled = sorted(POLISH_ORDER)  # code-point order: Woźniak < Wójcik < Włodarczyk
    assert shuffled.index("Woźniak") < shuffled.index("Włodarczyk")
    assert sorted(shuffled, key=polish_key) == POLISH_ORDER
    assert sorted(["żak", "Zak", "zak", "Źle"], key=polish_key) == ["zak", "Zak", "Źle", "żak"]
    names = ["Müller", "Mueller", "Muller"]
    assert sorted(names, key=polish_key) == ["Mueller", "Muller", "Müller"]

    class Person:
        def __init__(self, last, first):
            self.last_name, self.first_name = last, first

    people = sort_people([Person("Łój", "Ewa"), Person("Łój", "Adam"), Person("Lis", "Zofia")])
    assert [(p.last_name, p.first_name) for p in people] == [
        ("Lis", "Zofia"),
        ("Łój", "Adam"),
        ("Łój", "Ewa"),
    ]


def _csv(client, workshop, kind):
    response = client.get(reverse("enrolment:export", args=[workshop.code, kind, "csv"]))
    assert response.status_code == 200
    return response.content


def _xlsx(client, workshop, kind):
    response = client.get(reverse("enrolment:export", args=[workshop.code, kind, "xlsx"]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content)).active


def test_exports_and_sign_in_order_follow_polish_collation(client, marked, trainer):
    workshop, _ = marked
    login(client, trainer)
    for kind in ("obecnosc", "uczestnicy"):
        rows = list(
            csv.reader(io.StringIO(_csv(client, workshop, kind).decode("utf-8-sig")), delimiter=";")
        )
        assert [r[0] for r in rows[1:]] == POLISH_ORDER
        sheet = _xlsx(client, workshop, kind)
        assert [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)] == (
            POLISH_ORDER
        )


# --- The CSV as a Polish-locale spreadsheet reads it -----------------------------------------
#
# LibreOffice's CSV import with the Polish locale (and Excel with Polish regional settings, whose
# decimal separator is the comma and list separator the semicolon) reads a cell as:
#   a number   when it is digits with an optional "-" and at most one "," before the decimals
#              ("6,00"; "6.00" is text there, and a sum over text is 0);
#   a date     when it is ISO 8601, YYYY-MM-DD, optionally followed by " HH:MM[:SS]";
#   text       otherwise. `polish_locale_cell` applies those rules; the test below checks them
#              against LibreOffice itself where soffice is installed.
NUMBER = re.compile(r"-?\d+(,\d+)?")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?")


def polish_locale_cell(text: str):
    if NUMBER.fullmatch(text):
        return Decimal(text.replace(",", "."))
    if DATE.fullmatch(text):
        if " " in text:
            return datetime.datetime.fromisoformat(text)
        return datetime.date.fromisoformat(text)
    return text


def test_csv_hours_are_numbers_and_dates_are_dates_by_the_polish_locale_rules(
    client, marked, trainer
):
    workshop, enrolments = marked
    login(client, trainer)
    text = _csv(client, workshop, "obecnosc").decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    header = rows[0]
    hours = header.index("Godziny (dzień 1)")
    total = header.index("Razem godzin")
    cells = [[polish_locale_cell(c) for c in row] for row in rows[1:]]
    day_one = workshop.day_hours(1)
    assert sum(row[hours] for row in cells) == day_one * len(enrolments)
    assert all(row[total] == day_one for row in cells)
    assert rows[1][hours] == format(day_one, "f").replace(".", ",")
    rows = list(
        csv.reader(
            io.StringIO(_csv(client, workshop, "uczestnicy").decode("utf-8-sig")), delimiter=";"
        )
    )
    signed_up = rows[0].index("Zapisano")
    assert all(isinstance(polish_locale_cell(r[signed_up]), datetime.datetime) for r in rows[1:])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_in_the_polish_locale_reads_hours_as_numbers_and_dates_as_dates(
    client, marked, trainer, tmp_path
):
    workshop, enrolments = marked
    login(client, trainer)
    (tmp_path / "obecnosc.csv").write_bytes(_csv(client, workshop, "obecnosc"))
    (tmp_path / "uczestnicy.csv").write_bytes(_csv(client, workshop, "uczestnicy"))
    # The CSV filter's options: separator ";" (59), quote '"' (34), UTF-8 (76), from line 1,
    # default column types, language pl-PL (1045), quoted fields not forced to text, detect
    # special numbers (dates) as Excel does.
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--norestore",
            "--infilter=CSV:59,34,76,1,,1045,false,true",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "obecnosc.csv"),
            str(tmp_path / "uczestnicy.csv"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    sheet = load_workbook(tmp_path / "obecnosc.xlsx").active
    header = [c.value for c in sheet[1]]
    column = header.index("Godziny (dzień 1)") + 1
    values = [sheet.cell(row=r, column=column).value for r in range(2, sheet.max_row + 1)]
    assert all(isinstance(v, (int, float)) for v in values), values
    assert sum(values) == float(workshop.day_hours(1)) * len(enrolments)
    sheet = load_workbook(tmp_path / "uczestnicy.xlsx").active
    header = [c.value for c in sheet[1]]
    column = header.index("Zapisano") + 1
    assert all(
        isinstance(sheet.cell(row=r, column=column).value, datetime.datetime)
        for r in range(2, sheet.max_row + 1)
    )


def test_xlsx_cells_are_typed_and_formulas_are_text_without_an_apostrophe(client, trainer):
    today = timezone.localdate()
    workshop = WorkshopFactory(
        day_one_date=today - datetime.timedelta(days=1), day_two_date=today, trainers=[trainer]
    )
    person = participant(last_name="=HYPERLINK(1)", first_name="+48 600")
    enrolment = enrolment_create(
        participant=person,
        workshop=workshop,
        actor=person,
        now=timezone.now() - datetime.timedelta(days=30),
    )
    attendance_mark(enrolment=enrolment, day=1, status="present", actor=trainer)
    login(client, trainer)
    sheet = _xlsx(client, workshop, "obecnosc")
    header = [c.value for c in sheet[1]]
    row = {h: sheet.cell(row=2, column=n) for n, h in enumerate(header, start=1)}
    assert row["Nazwisko"].value == "=HYPERLINK(1)"  # as typed, no apostrophe
    assert row["Nazwisko"].data_type == "s" and row["Nazwisko"].quotePrefix
    assert row["Imię"].value == "+48 600" and row["Imię"].data_type == "s"
    assert row["Godziny (dzień 1)"].data_type == "n"
    assert row["Godziny (dzień 1)"].value == float(workshop.day_hours(1))
    assert row["Razem godzin"].data_type == "n"
    sheet = _xlsx(client, workshop, "uczestnicy")
    header = [c.value for c in sheet[1]]
    signed_up = sheet.cell(row=2, column=header.index("Zapisano") + 1)
    assert isinstance(signed_up.value, datetime.datetime) and signed_up.is_date
    assert signed_up.value == timezone.localtime(enrolment.created_at).replace(
        tzinfo=None, microsecond=0
    )
    # The CSV keeps the apostrophe: a CSV has no cell types to say "text".
    assert "'=HYPERLINK(1)" in _csv(client, workshop, "uczestnicy").decode("utf-8-sig")


def test_the_attendance_page_lists_people_in_the_sign_in_sheets_polish_order(
    client, marked, trainer
):
    workshop, _ = marked
    login(client, trainer)
    page = client.get(reverse("enrolment:attendance", args=[workshop.code, 1])).content.decode()
    positions = [page.index(f"Anna {name}") for name in POLISH_ORDER]
    assert positions == sorted(positions)
