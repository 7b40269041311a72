"""Files made from a workshop's data: CSV/XLSX exports and the PDF sign-in sheet.

The PDF uses fpdf2 (pure Python, no system libraries) with DejaVu Sans shipped in
enrolment/static/enrolment/fonts (Bitstream Vera licence), so Polish letters print everywhere."""

import csv
import io
from decimal import Decimal
from pathlib import Path

from django.utils import formats, timezone

from enrolment.models import Workshop

FONT_DIR = Path(__file__).resolve().parent / "static" / "enrolment" / "fonts"


def _local(moment):
    return formats.date_format(timezone.localtime(moment), "Y-m-d H:i") if moment else ""


def participants_table(workshop: Workshop, enrolments) -> tuple[list[str], list[list]]:
    header = [
        "Nazwisko",
        "Imię",
        "E-mail",
        "Stanowisko",
        "Ośrodek (w chwili zapisu)",
        "Stan zapisu",
        "Zapisano",
        "Ukończono",
    ]
    rows = [
        [
            e.participant.last_name,
            e.participant.first_name,
            e.participant.email,
            e.participant.job_title,
            str(e.centre) if e.centre else "",
            e.get_state_display(),
            _local(e.created_at),
            _local(e.completed_at),
        ]
        for e in enrolments
    ]
    return header, rows


def attendance_table(workshop: Workshop, roster) -> tuple[list[str], list[list]]:
    header = [
        "Nazwisko",
        "Imię",
        "Ośrodek",
        "Dzień 1",
        "Godziny (dzień 1)",
        "Dzień 2",
        "Godziny (dzień 2)",
        "Razem godzin",
        f"Z {workshop.total_hours}",
        "Ukończono",
        "Zaznaczył(a)",
    ]
    rows = []
    for e in roster:
        by_day = {r.day: r for r in e.current_attendance}
        cells = []
        total = Decimal("0")
        markers = []
        for day in (1, 2):
            record = by_day.get(day)
            cells += [record.get_status_display() if record else "", record.hours if record else ""]
            if record:
                total += record.hours
                markers.append(f"{record.marked_by or '—'} {_local(record.marked_at)}")
        rows.append(
            [
                e.participant.last_name,
                e.participant.first_name,
                str(e.centre) if e.centre else "",
                *cells,
                total,
                workshop.total_hours,
                _local(e.completed_at),
                "; ".join(markers),
            ]
        )
    return header, rows


def to_csv(header: list[str], rows: list[list]) -> bytes:
    """Semicolon-separated UTF-8 with a BOM: opens correctly in a Polish spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _safe_cell(value):
    # A cell starting with = + - @ would be run as a formula by a spreadsheet (CSV injection).
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def to_xlsx(header: list[str], rows: list[list], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([float(c) if isinstance(c, Decimal) else _safe_cell(c) for c in row])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 45)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sign_in_sheet_pdf(workshop: Workshop, day: int, roster) -> bytes:
    """Lista obecności: one row per confirmed participant with an empty signature column."""
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(f"Lista obecności {workshop.code} dzień {day}")
    pdf.set_author("Akademia OSL")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    start, end = workshop.day_bounds(day)
    date = workshop.day_one_date if day == 1 else workshop.day_two_date
    pdf.set_font("DejaVu", "B", 16)
    pdf.cell(0, 10, "Lista obecności", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.set_font("DejaVu", "", 10)
    trainers = ", ".join(t.get_full_name() for t in workshop.trainers.all()) or "—"
    lines = [
        f"Szkolenie: {workshop.course.title} ({workshop.code})",
        f"Dzień {day} z 2: {formats.date_format(date, 'l, j E Y')}, "
        f"godz. {timezone.localtime(start):%H:%M}–{timezone.localtime(end):%H:%M}",
        f"Miejsce: {workshop.venue.name}, {workshop.venue.address}",
        f"Trenerzy: {trainers}",
    ]
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    widths = (12, 62, 60, 56)
    headings = ("Lp.", "Imię i nazwisko", "Ośrodek", "Podpis")
    pdf.set_font("DejaVu", "B", 10)
    for width, heading in zip(widths, headings, strict=True):
        pdf.cell(width, 8, heading, border=1, align="C")
    pdf.ln()
    pdf.set_font("DejaVu", "", 9)
    for number, enrolment in enumerate(roster, start=1):
        centre = enrolment.centre.name if enrolment.centre else ""
        values = (str(number), enrolment.participant.get_full_name(), centre[:38], "")
        for width, value in zip(widths, values, strict=True):
            pdf.cell(width, 11, value, border=1)
        pdf.ln()
    pdf.ln(6)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(
        0,
        5,
        "Podpis trenera: ..............................................    "
        f"Wydrukowano: {_local(timezone.now())}",
    )
    return bytes(pdf.output())
