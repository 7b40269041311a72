"""Files made from a workshop's data: the participants' and attendance tables (written out by
enrolment.spreadsheets) and the PDF sign-in sheet.

The PDF uses ReportLab with the project's one copy of DejaVu Sans (cms.pdf, cms/fonts), embedded
as a subset, so Polish letters print everywhere."""

import io
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, timezone

from cms.collation import person_key
from cms.pdf import archival, register_fonts
from enrolment.models import EnrolmentState, Workshop


def _local(moment, fmt="Y-m-d H:i"):
    return formats.date_format(timezone.localtime(moment), fmt) if moment else ""


def _moment(moment, *, seconds=False):
    """A cell for a date and time: the local wall-clock time, naive (a spreadsheet has no time
    zones), to the minute unless `seconds`; "" when there is none."""
    if not moment:
        return ""
    local = timezone.localtime(moment).replace(tzinfo=None, microsecond=0)
    return local if seconds else local.replace(second=0)


def _name_order(enrolments) -> list:
    return sorted(
        enrolments, key=lambda e: person_key(e.participant.last_name, e.participant.first_name)
    )


def participants_table(workshop: Workshop, enrolments) -> tuple[list[str], list[list]]:
    """One row per enrolment, by state, the waiting list in its own order (its positions are
    the admin page's), the rest by name in Polish order (cms.collation)."""
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
    enrolments = sorted(
        _name_order(enrolments),
        key=lambda e: (e.state, e.waitlist_rank is None, e.waitlist_rank or 0),
    )
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
                _moment(e.created_at, seconds=True),
                _moment(e.completed_at),
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
    for e in _name_order(roster):
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
                _moment(e.completed_at),
                "; ".join(markers),
            ]
        )
    return header, rows


@dataclass(frozen=True)
class SheetMarking:
    """The ESF evidence a sign-in sheet carries (enrolment.models.SignInSheetSettings): the
    project, the funding-marking strip as PNG images, the empty rows for people added on the
    day."""

    project_title: str = ""
    project_number: str = ""
    funding_note: str = ""
    logos: tuple[bytes, ...] = ()
    extra_rows: int = 5


def sheet_marking(settings) -> SheetMarking:
    """The settings as the PDF needs them; a logo whose file cannot be read is left out (the
    sheet is still printed) rather than failing the download."""
    logos = []
    for image in settings.logos:
        try:
            rendition = image.get_rendition("height-240|format-png")
            with rendition.file.open("rb") as handle:
                logos.append(handle.read())
        except OSError:
            continue
    return SheetMarking(
        project_title=settings.project_title,
        project_number=settings.project_number,
        funding_note=settings.funding_note,
        logos=tuple(logos),
        extra_rows=settings.extra_rows,
    )


def _hours(hours: Decimal) -> str:
    return format(hours.normalize(), "f").replace(".", ",")


def sign_in_sheet_pdf(
    workshop: Workshop, day: int, roster, marking: SheetMarking | None = None
) -> bytes:
    """Lista obecności as ESF evidence, A4: the funding-marking strip at the top of every page,
    the project's title and number, the day's planned hours, one row per confirmed participant
    (Polish alphabetical order) with an empty signature column, then empty numbered rows for
    people added on the day; a long list runs onto more pages with the headings repeated. The
    creation date is the moment it is printed (cms.pdf.archival: XMP, sRGB output intent)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    marking = marking or SheetMarking()
    regular, bold = register_fonts()
    printed = timezone.now()
    start, end = workshop.day_bounds(day)
    date = workshop.day_one_date if day == 1 else workshop.day_two_date
    trainers = ", ".join(t.get_full_name() for t in workshop.trainers.all()) or "—"
    title_style = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, alignment=1)
    project_style = ParagraphStyle("project", fontName=bold, fontSize=10, leading=13, alignment=1)
    text_style = ParagraphStyle("text", fontName=regular, fontSize=10, leading=13)
    small_style = ParagraphStyle("small", fontName=regular, fontSize=9, leading=12)
    note_style = ParagraphStyle("note", fontName=regular, fontSize=8, leading=10, alignment=1)
    lines = [
        f"Szkolenie: {workshop.course.title} ({workshop.code})",
        f"Dzień {day} z 2: {formats.date_format(date, 'l, j E Y')}, "
        f"godz. {timezone.localtime(start):%H:%M}–{timezone.localtime(end):%H:%M}",
        f"Planowana liczba godzin zajęć w tym dniu: {_hours(workshop.day_hours(day))} "
        f"(dzień 1: {_hours(workshop.day_hours(1))}, dzień 2: {_hours(workshop.day_hours(2))}, "
        f"razem: {_hours(workshop.total_hours)})",
        f"Miejsce: {workshop.venue.name}, {workshop.venue.address}",
        f"Trenerzy: {trainers}",
    ]
    cell_style = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11)
    rows = [["Lp.", "Imię i nazwisko", "Ośrodek", "Podpis"]]
    number = 0
    for number, enrolment in enumerate(_name_order(roster), start=1):
        centre = enrolment.centre.name if enrolment.centre else ""
        # Two wrapped lines fit the row: the name whole, the centre's name cut after that.
        name = Paragraph(escape(enrolment.participant.get_full_name()), cell_style)
        rows.append([str(number), name, Paragraph(escape(centre[:70]), cell_style), ""])
    for extra in range(number + 1, number + 1 + marking.extra_rows):
        rows.append([str(extra), "", "", ""])
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
    story = [Paragraph("Lista obecności", title_style), Spacer(1, 2 * mm)]
    if marking.project_title or marking.project_number:
        project = " — ".join(p for p in (marking.project_title, marking.project_number) if p)
        story += [Paragraph(escape(f"Projekt: {project}"), project_style), Spacer(1, 2 * mm)]
    story += [Paragraph(escape(line), text_style) for line in lines]
    story += [Spacer(1, 4 * mm), table, Spacer(1, 8 * mm)]
    if marking.extra_rows:
        story.append(
            Paragraph(
                "Wiersze bez nazwiska: osoby dopisane w dniu szkolenia (imię i nazwisko, "
                "ośrodek, podpis).",
                small_style,
            )
        )
    story.append(
        Paragraph(
            "Podpis trenera: .............................................."
            f"&nbsp;&nbsp;&nbsp;&nbsp;Wydrukowano: {_local(printed)}",
            small_style,
        )
    )
    if marking.funding_note:
        story += [Spacer(1, 4 * mm), Paragraph(escape(marking.funding_note), note_style)]

    width, height = A4
    strip_height = 16 * mm if marking.logos else 0
    readers = [ImageReader(io.BytesIO(logo)) for logo in marking.logos]
    title = f"Lista obecności {workshop.code} dzień {day}"

    def draw_strip(canvas, document):
        """The funding-marking strip: the logos at one height, spread over the page's width."""
        if not readers:
            return
        sizes = [r.getSize() for r in readers]
        usable = width - 20 * mm
        gap = 6 * mm
        scale = strip_height
        natural = sum(w / h * scale for w, h in sizes) + gap * (len(sizes) - 1)
        if natural > usable:
            scale *= (usable - gap * (len(sizes) - 1)) / (natural - gap * (len(sizes) - 1))
        widths = [w / h * scale for w, h in sizes]
        spare = usable - sum(widths)
        step = spare / (len(widths) - 1) if len(widths) > 1 else 0
        x = 10 * mm if len(widths) > 1 else (width - widths[0]) / 2
        y = height - 8 * mm - strip_height + (strip_height - scale) / 2
        for reader, w in zip(readers, widths, strict=True):
            canvas.drawImage(reader, x, y, w, scale, mask="auto")
            x += w + step

    def first_page(canvas, document):
        archival(canvas, title=title, created=printed, subject="Lista obecności")
        draw_strip(canvas, document)

    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm + (strip_height + 4 * mm if strip_height else 0),
        bottomMargin=15 * mm,
        title=title,
        author="Akademia OSL",
        initialFontName=regular,  # else the canvas names Helvetica, a font not embedded
    )
    document.build(story, onFirstPage=first_page, onLaterPages=draw_strip)
    return out.getvalue()
