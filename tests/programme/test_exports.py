"""The funder's exports: programme-wide, per workshop and per voivodeship, CSV and XLSX."""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from enrolment.models import Workshop

from .world import build

pytestmark = pytest.mark.django_db

BASE = "/admin/program/eksport/"


@pytest.fixture
def world():
    return build(timezone.localdate())


def _csv(response):
    body = response.content
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_workshops_csv(client, programme_coordinator, world):
    client.force_login(programme_coordinator)
    response = client.get(BASE + "szkolenia.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0][:3] == ["Kod szkolenia", "Kurs", "Województwo"]
    assert len(rows) == 1 + Workshop.objects.count()
    w1 = world["workshops"][0]
    row = next(r for r in rows if r[0] == w1.code)
    header = rows[0]
    cell = dict(zip(header, row, strict=True))
    assert cell["Stan"] == "odbyte"
    assert cell["Dzień 1"] == w1.day_one_date.isoformat()
    assert cell["Godziny"] == "13,00"  # a decimal with a comma for a Polish spreadsheet
    assert (cell["Liczba miejsc"], cell["Zajęte miejsca"], cell["Potwierdzeni"]) == ("10", "4", "3")
    assert (cell["Ukończyli"], cell["Certyfikaty"]) == ("2", "1")


def test_voivodeships_xlsx_has_numbers_as_numbers(client, programme_coordinator, world):
    client.force_login(programme_coordinator)
    response = client.get(BASE + "wojewodztwa.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) == 1 + 16 + 1  # the voivodeships and the programme's total
    maz = dict(zip(header, next(r for r in rows if r[0] == "mazowieckie"), strict=True))
    assert maz["Szkolenia odbyte"] == 1 and isinstance(maz["Szkolenia odbyte"], int)
    assert maz["Liczba miejsc"] == 15
    assert maz["Zapełnienie (%)"] == pytest.approx(40.0)  # 6 of 15
    assert maz["Wskaźnik ukończenia (%)"] == pytest.approx(50.0)
    total = dict(zip(header, rows[-1], strict=True))
    assert total["Województwo"] == "Cały program"
    assert total["Osoby, które ukończyły"] == 3
    assert total["Cel: osoby"] == 3000


def test_workshops_xlsx_dates_are_dates(client, programme_coordinator, world):
    client.force_login(programme_coordinator)
    sheet = load_workbook(io.BytesIO(client.get(BASE + "szkolenia.xlsx").content)).active
    first = list(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert isinstance(first[6], datetime.datetime | datetime.date)


def test_text_cells_cannot_run_as_formulas(client, programme_coordinator, world):
    Workshop.objects.filter(pk=world["workshops"][0].pk).update(code="x")
    venue = world["workshops"][0].venue
    venue.name = "=HYPERLINK(1)"
    venue.save()
    client.force_login(programme_coordinator)
    rows = _csv(client.get(BASE + "szkolenia.csv"))
    assert any(r[4] == "'=HYPERLINK(1)" for r in rows)


@pytest.mark.parametrize("path", ["nic.csv", "szkolenia.pdf", "szkolenia.CSV", "wojewodztwa"])
def test_unknown_export_is_404(client, programme_coordinator, path):
    client.force_login(programme_coordinator)
    assert client.get(BASE + path, follow=True).status_code == 404


@pytest.mark.parametrize("who", ["trainer"])
def test_others_get_no_export(client, request, who, world):
    client.force_login(request.getfixturevalue(who))
    for path in ("szkolenia.csv", "wojewodztwa.xlsx"):
        response = client.get(BASE + path)
        assert response.status_code == 403
        assert "Kod szkolenia" not in response.content.decode()


@pytest.mark.parametrize("who", ["participant_user", "centre_coordinator"])
def test_people_without_admin_access_get_no_export(client, request, who, world):
    client.force_login(request.getfixturevalue(who))
    response = client.get(BASE + "szkolenia.csv")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
