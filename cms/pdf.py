"""What every PDF the platform makes shares: the one copy of DejaVu Sans (cms/fonts, reduced to
the alphabets names come in: Latin with every Polish letter, Greek, Cyrillic; hinting removed;
see cms/fonts/LICENSE.txt) registered with ReportLab. ReportLab is the one PDF library: measured
several times faster than fpdf2 on our documents (docs/benchmarks.md, "Which PDF library"), pure
pip, fonts embedded as subsets."""

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "OSL-DejaVuSans"
BOLD = "OSL-DejaVuSans-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    """Register the fonts once per process; returns the (regular, bold) names to draw with."""
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    return REGULAR, BOLD
