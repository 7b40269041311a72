"""Files made from a workshop's data: CSV/XLSX exports and the PDF sign-in sheet.

The PDF uses ReportLab with the project's one copy of DejaVu Sans (cms.pdf, cms/fonts), embedded
as a subset, so Polish letters print everywhere."""

import csv
import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, timezone

from cms.pdf import register_fonts
from enrolment.models import EnrolmentState, Workshop


def _local(moment, fmt="Y-m-d H:i"):
    return formats.date_format(timezone.localtime(moment), fmt) if moment else ""


def participants_table(workshop: Workshop, enrolments) -> tuple[list[str], list[list]]:
    """One row per enrolment, in the given order (selectors.workshop_all_enrolments: the
    waiting list in its own order), so the positions numbered here are the admin page's."""
    header = [
        "Nazwisko",
        "Imię",
        "E-mail",
        "Stanowisko",
        "Ośrodek (w chwili zapisu)",
        "Stan zapisu",
        "Miejsce na liście rezerwowej",
        "Zapisano",
        "Ukończono",
    ]
    rows = []
    position = 0
    for e in enrolments:
        waiting = e.state == EnrolmentState.WAITLISTED
        position += waiting
        rows.append(
            [
                e.participant.last_name,
                e.participant.first_name,
                e.participant.email,
                e.participant.job_title,
                str(e.centre) if e.centre else "",
                e.get_state_display(),
                position if waiting else "",
                # To the second, as on the waiting-list page: a rush fills a list in a minute.
                _local(e.created_at, "Y-m-d H:i:s"),
                _local(e.completed_at),
            ]
        )
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
        writer.writerow([safe_cell(c) for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def safe_cell(value):
    """A cell neutralised for a spreadsheet: one starting with = + - @ would be run as a
    formula (CSV injection), so it gets a leading apostrophe. Every CSV/XLSX export uses this."""
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
        sheet.append([float(c) if isinstance(c, Decimal) else safe_cell(c) for c in row])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 45)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sign_in_sheet_pdf(workshop: Workshop, day: int, roster) -> bytes:
    """Lista obecności: one row per confirmed participant with an empty signature column, A4;
    a long list runs onto more pages with the column headings repeated."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = register_fonts()
    start, end = workshop.day_bounds(day)
    date = workshop.day_one_date if day == 1 else workshop.day_two_date
    trainers = ", ".join(t.get_full_name() for t in workshop.trainers.all()) or "—"
    title_style = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, alignment=1)
    text_style = ParagraphStyle("text", fontName=regular, fontSize=10, leading=13)
    small_style = ParagraphStyle("small", fontName=regular, fontSize=9, leading=12)
    lines = [
        f"Szkolenie: {workshop.course.title} ({workshop.code})",
        f"Dzień {day} z 2: {formats.date_format(date, 'l, j E Y')}, "
        f"godz. {timezone.localtime(start):%H:%M}–{timezone.localtime(end):%H:%M}",
        f"Miejsce: {workshop.venue.name}, {workshop.venue.address}",
        f"Trenerzy: {trainers}",
    ]
    cell_style = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11)
    rows = [["Lp.", "Imię i nazwisko", "Ośrodek", "Podpis"]]
    for number, enrolment in enumerate(roster, start=1):
        centre = enrolment.centre.name if enrolment.centre else ""
        # Two wrapped lines fit the row: the name whole, the centre's name cut after that.
        name = Paragraph(escape(enrolment.participant.get_full_name()), cell_style)
        rows.append([str(number), name, Paragraph(escape(centre[:70]), cell_style), ""])
    table = Table(
        rows,
        colWidths=[12 * mm, 62 * mm, 60 * mm, 56 * mm],
        rowHeights=[8 * mm] + [11 * mm] * (len(rows) - 1),
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), bold, 10),
                ("FONT", (0, 1), (-1, -1), regular, 9),
                ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ]
        )
    )
    story = [Paragraph("Lista obecności", title_style), Spacer(1, 3 * mm)]
    story += [Paragraph(escape(line), text_style) for line in lines]
    story += [Spacer(1, 4 * mm), table, Spacer(1, 8 * mm)]
    story.append(
        Paragraph(
            "Podpis trenera: .............................................."
            f"&nbsp;&nbsp;&nbsp;&nbsp;Wydrukowano: {_local(timezone.now())}",
            small_style,
        )
    )
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=15 * mm,
        title=f"Lista obecności {workshop.code} dzień {day}",
        author="Akademia OSL",
        initialFontName=regular,  # else the canvas names Helvetica, a font not embedded
    )
    document.build(story)
    return out.getvalue()
