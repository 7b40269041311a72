"""Compare ReportLab and fpdf2 on the same certificate: time to render 100 A4 pages, each a
separate PDF with the embedded (subset) DejaVu Sans font, Polish text and a QR image.

    .venv/bin/python bench/pdf_libraries.py

fpdf2 is no longer a dependency of the project (ReportLab makes every PDF); to repeat the
comparison install it beside the project (`.venv/bin/pip install "fpdf2>=2.8,<3"`), otherwise
its row is skipped and docs/benchmarks.md keeps the recorded figures.
"""

import importlib.util
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from certificates.pdf import qr_png  # noqa: E402  (the certificates' own QR, fixed mask)

FONTS = Path(__file__).resolve().parent.parent / "cms" / "fonts"
LINES = [
    ("Zaświadczenie o ukończeniu szkolenia", 20),
    ("Zażółć Gęślą Jaźń", 26),
    ("Animator lokalny — dwudniowe szkolenie Modelu OSL", 14),
    ("12–13 marca 2026 · Łódź · 16 godzin", 12),
    ("Trenerzy: Agnieszka Lewandowska, Marek Wójcik", 11),
    ("Stowarzyszenie Centrum Wspierania Aktywności Lokalnej CAL", 11),
    ("Nr OSL/2026/000123 · kod ABCD2345EFGH", 11),
]
URL = "https://akademia-osl.pl/certyfikaty/v/ABCD2345EFGH/"


def render_reportlab(n: int) -> list[bytes]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONTS / "DejaVuSans.ttf")))
    out = []
    for _ in range(n):
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=A4, invariant=1)
        width, height = A4
        y = height - 120
        for text, size in LINES:
            c.setFont("DejaVuSans", size)
            c.drawCentredString(width / 2, y, text)
            y -= size * 2.2
        c.drawImage(ImageReader(io.BytesIO(qr_png(URL))), width - 150, 60, 100, 100)
        c.showPage()
        c.save()
        out.append(buf.getvalue())
    return out


def render_fpdf2(n: int) -> list[bytes]:
    from fpdf import FPDF

    out = []
    for _ in range(n):
        pdf = FPDF(format="A4", unit="pt")
        pdf.add_font("DejaVuSans", fname=str(FONTS / "DejaVuSans.ttf"))
        pdf.add_page()
        y = 120
        for text, size in LINES:
            pdf.set_font("DejaVuSans", size=size)
            pdf.set_xy(0, y)
            pdf.cell(w=pdf.w, h=size, text=text, align="C")
            y += size * 2.2
        pdf.image(io.BytesIO(qr_png(URL)), x=pdf.w - 150, y=pdf.h - 160, w=100, h=100)
        out.append(bytes(pdf.output()))
    return out


def main() -> None:
    for name, fn in [("reportlab", render_reportlab), ("fpdf2", render_fpdf2)]:
        if name == "fpdf2" and importlib.util.find_spec("fpdf") is None:
            print("fpdf2      not installed: skipped (recorded figures: docs/benchmarks.md)")
            continue
        fn(2)  # warm-up: imports, font parsing
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            pdfs = fn(100)
            runs.append(time.perf_counter() - start)
        size = statistics.mean(len(p) for p in pdfs)
        print(
            f"{name:10s} 100 PDFs: median {statistics.median(runs):.2f} s "
            f"(runs {', '.join(f'{r:.2f}' for r in runs)}), mean size {size / 1024:.1f} KiB"
        )


if __name__ == "__main__":
    main()
