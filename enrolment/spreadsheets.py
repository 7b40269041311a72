"""CSV and XLSX files a Polish office opens without fixing: a semicolon-separated CSV with
decimal commas, typed XLSX cells, and every cell guarded against spreadsheet formulas. Used by
every export (enrolment, certificates, programme)."""

import csv
import datetime
import io
from decimal import Decimal


def csv_value(value) -> str:
    """A cell as a Polish-locale spreadsheet (LibreOffice, Excel with Polish regional settings)
    reads it when it opens the CSV: a decimal with a comma ("6,5": with a point it stays text
    and sums to 0), whole numbers as digits, dates and times in ISO 8601 ("2026-03-12",
    "2026-03-12 09:30"; both programs recognise that form as a date in every locale), text
    through `safe_cell`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "tak" if value else "nie"
    if isinstance(value, (Decimal, float)):
        return format(value, "f").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return safe_cell(str(value))


def to_csv(header: list[str], rows: list[list]) -> bytes:
    """Semicolon-separated UTF-8 with a BOM, values as `csv_value` writes them: the form Excel
    and LibreOffice in the Polish locale open as columns with numbers and dates."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([safe_cell(c) for c in header])
    for row in rows:
        writer.writerow([csv_value(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def safe_cell(value):
    """A CSV cell neutralised for a spreadsheet: one starting with = + - @ would be run as a
    formula (CSV injection), so it gets a leading apostrophe. Every CSV export uses this; the
    XLSX writer stores such text as a text cell instead (`to_xlsx`)."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


FORMULA_STARTS = ("=", "+", "-", "@")


def to_xlsx(header: list[str], rows: list[list], *, title: str) -> bytes:
    """Typed cells: numbers as numbers (hours with two decimals), dates and times as dates,
    text as text. Text that starts with = + - @ is a text cell (type "s", with the quote-prefix
    style Excel itself sets for text typed after an apostrophe), so it is never run as a formula
    and shows as typed, without a visible apostrophe."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    widths: dict[int, int] = {}
    for r, row in enumerate([header, *rows], start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            shown = _xlsx_cell(cell, value)
            widths[c] = max(widths.get(c, 0), len(shown))
            if r == 1:
                cell.font = Font(bold=True)
    for c, width in widths.items():
        sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = min(
            max(width + 2, 10), 45
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(cell, value) -> str:
    """Write one value with its type; returns the text it shows (for the column's width)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        cell.value = "tak" if value else "nie"
    elif isinstance(value, Decimal):
        cell.value = float(value)
        if value != value.to_integral():
            cell.number_format = "0.00"
    elif isinstance(value, (int, float)):
        cell.value = value
    elif isinstance(value, datetime.datetime):
        cell.value = value
        cell.number_format = "yyyy-mm-dd hh:mm:ss" if value.second else "yyyy-mm-dd hh:mm"
        return "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, datetime.date):
        cell.value = value
        cell.number_format = "yyyy-mm-dd"
        return "yyyy-mm-dd"
    else:
        text = str(value)
        cell.value = text
        if text[:1] in FORMULA_STARTS:
            cell.data_type = "s"
            cell.quotePrefix = True
        return text
    return str(value)


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(header: list[str], rows: list[list], *, fmt: str, title: str, filename: str):
    """The table as a CSV or XLSX attachment (`fmt` "csv" or "xlsx"), kept out of every cache:
    exports hold people's data or the programme's working figures."""
    from django.http import HttpResponse

    if fmt == "csv":
        response = HttpResponse(to_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(to_xlsx(header, rows, title=title), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
