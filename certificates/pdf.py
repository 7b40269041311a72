"""The certificate PDF: one A4 page, DejaVu Sans embedded (subset; the one copy in cms/fonts,
registered by cms.pdf), a QR code to the verification page. ReportLab was chosen over fpdf2 by
measurement (docs/benchmarks.md): about 4 ms against 150 ms per certificate here, both pure pip."""

import datetime
import io
from dataclasses import dataclass

import qrcode
from PIL import Image
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from cms.pdf import BOLD, REGULAR, archival, register_fonts

ACCENT = HexColor("#0b5d3b")
MUTED = HexColor("#444444")

MONTHS_GENITIVE = [
    "stycznia",
    "lutego",
    "marca",
    "kwietnia",
    "maja",
    "czerwca",
    "lipca",
    "sierpnia",
    "września",
    "października",
    "listopada",
    "grudnia",
]


def polish_date(day: datetime.date) -> str:
    return f"{day.day} {MONTHS_GENITIVE[day.month - 1]} {day.year}"


def polish_date_range(days: list[datetime.date]) -> str:
    """12–13 marca 2026; 30 marca – 1 kwietnia 2026; a single day as one date."""
    first, last = min(days), max(days)
    if first == last:
        return polish_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{polish_date(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS_GENITIVE[first.month - 1]} – {polish_date(last)}"
    return f"{polish_date(first)} – {polish_date(last)}"


def qr_matrix(url: str) -> list[list[bool]]:
    """The QR modules for a URL, quiet zone included. A fixed mask skips qrcode's search for
    the best of eight masks (five times faster; any mask is valid and scans the same)."""
    qr = qrcode.QRCode(
        border=4, box_size=1, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=0
    )
    qr.add_data(url)
    qr.make(fit=True)
    return qr.get_matrix()


def qr_png(url: str) -> bytes:
    """One pixel per module; the PDF scales it up without smoothing, so it stays sharp."""
    matrix = qr_matrix(url)
    size = len(matrix)
    image = Image.frombytes(
        "L", (size, size), bytes(0 if dark else 255 for row in matrix for dark in row)
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class CertificateDocument:
    """What a certificate page shows; both kinds of certificate fill it."""

    kind_title: str
    intro: str
    holder: str
    statement: str
    headline: str
    details: list[tuple[str, str]]
    number: str
    issued_on: datetime.date
    code: str
    url: str
    pdf_title: str
    # The moment of issue: the PDF's creation date (not the moment it is rendered, so the file
    # is the same whenever it is made again from the same snapshot).
    issued_at: datetime.datetime | None = None


def render_pdf(doc: CertificateDocument) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    # invariant=1: no clock and no random document id, so the same snapshot always renders to
    # the same bytes; the dates written are the (cms.pdf.archival, which also adds the
    # XMP metadata and the sRGB output intent). The initial font is ours: otherwise ReportLab
    # references Helvetica, which is never embedded.
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=REGULAR)
    created = doc.issued_at or datetime.datetime.combine(
        doc.issued_on, datetime.time(12), datetime.UTC
    )
    archival(canvas, title=doc.pdf_title, created=created, subject=doc.kind_title)
    width, height = A4
    margin = 22 * mm
    text_width = width - 2 * margin

    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(2)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)

    y = height - 38 * mm
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, 12)
    canvas.drawCentredString(width / 2, y, "AKADEMIA OSL")
    y -= 6 * mm
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 9)
    canvas.drawCentredString(width / 2, y, "Model organizowania społeczności lokalnej")
    y -= 22 * mm

    canvas.setFillColor(ACCENT)
    y = _centred(canvas, doc.kind_title, BOLD, 24, width, text_width, y, 1.25)
    y -= 10 * mm
    canvas.setFillColor(HexColor("#000000"))
    y = _centred(canvas, doc.intro, REGULAR, 12, width, text_width, y, 1.4)
    y -= 4 * mm
    y = _centred(canvas, doc.holder, BOLD, 26, width, text_width, y, 1.2)
    y -= 4 * mm
    y = _centred(canvas, doc.statement, REGULAR, 12, width, text_width, y, 1.4)
    y -= 2 * mm
    y = _centred(canvas, doc.headline, BOLD, 16, width, text_width, y, 1.3)
    y -= 10 * mm

    label_width = 42 * mm
    for label, value in doc.details:
        canvas.setFont(BOLD, 10.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin + 6 * mm, y, label)
        canvas.setFillColor(HexColor("#000000"))
        lines = simpleSplit(value, REGULAR, 10.5, text_width - label_width - 6 * mm)
        canvas.setFont(REGULAR, 10.5)
        for line in lines:
            canvas.drawString(margin + 6 * mm + label_width, y, line)
            y -= 5.5 * mm
        y -= 1.5 * mm

    # Footer: number, date and code on the left, the QR code on the right.
    qr_size = 34 * mm
    qr_x = width - margin - qr_size
    qr_y = 24 * mm
    canvas.drawImage(ImageReader(io.BytesIO(qr_png(doc.url))), qr_x, qr_y, qr_size, qr_size)
    footer = [
        ("Numer certyfikatu:", doc.number),
        ("Data wydania:", polish_date(doc.issued_on)),
        ("Kod weryfikacyjny:", doc.code),
    ]
    fy = qr_y + qr_size - 5 * mm
    for label, value in footer:
        canvas.setFont(REGULAR, 9.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin, fy, label)
        canvas.setFont(BOLD, 9.5)
        canvas.setFillColor(HexColor("#000000"))
        canvas.drawString(margin + 36 * mm, fy, value)
        fy -= 5.5 * mm
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(margin, fy - 1 * mm, "Ważność sprawdzisz, skanując kod QR lub pod adresem:")
    canvas.setFillColor(ACCENT)
    canvas.drawString(margin, fy - 6 * mm, doc.url)
    canvas.linkURL(doc.url, (margin, fy - 8 * mm, qr_x - 4 * mm, fy - 2 * mm), relative=0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _centred(canvas, text, font, size, width, text_width, y, leading) -> float:
    canvas.setFont(font, size)
    for line in simpleSplit(text, font, size, text_width):
        canvas.drawCentredString(width / 2, y, line)
        y -= size * leading
    return y
