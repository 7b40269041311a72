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


# --- Archival metadata -------------------------------------------------------------------------
#
# What a long-term archive (and PDF/A) asks of a file beyond embedded fonts: the true creation
# date, XMP metadata that agrees with the document information, and an output intent naming the
# colour space the colours mean (sRGB: every colour here is DeviceRGB or DeviceGray). The files
# do NOT claim PDF/A (no pdfaid in the XMP): no PDF/A validator installs here (veraPDF is not in
# Debian or PyPI), and a claim nobody checked is worse than none (docs/certificates.md).

PRODUCER = "Akademia OSL (ReportLab)"


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile, made by LittleCMS through Pillow (no file to ship)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def pdf_date(moment) -> str:
    """D:YYYYMMDDHHmmSS+HH'mm' in the project's time zone (PDF 32000-1 §7.9.4)."""
    from django.utils import timezone

    local = timezone.localtime(moment)
    offset = int(local.utcoffset().total_seconds() // 60)
    sign = "+" if offset >= 0 else "-"
    return f"D:{local:%Y%m%d%H%M%S}{sign}{abs(offset) // 60:02d}'{abs(offset) % 60:02d}'"


def _xmp_packet(*, title: str, author: str, subject: str, moment) -> str:
    from xml.sax.saxutils import escape

    from django.utils import timezone

    stamp = timezone.localtime(moment).replace(microsecond=0).isoformat()
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        "</rdf:Alt></dc:title>\n"
        f"<dc:creator><rdf:Seq><rdf:li>{escape(author)}</rdf:li></rdf:Seq></dc:creator>\n"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li>'
        "</rdf:Alt></dc:description>\n"
        "<dc:format>application/pdf</dc:format>\n"
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate>\n"
        f"<xmp:ModifyDate>{stamp}</xmp:ModifyDate>\n"
        f"<xmp:MetadataDate>{stamp}</xmp:MetadataDate>\n"
        f"<xmp:CreatorTool>{escape(author)}</xmp:CreatorTool>\n"
        f"<pdf:Producer>{escape(PRODUCER)}</pdf:Producer>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )


@cache
def _catalog_takes_output_intents() -> None:
    """ReportLab's catalog writes only the keys it lists; OutputIntents is not among them in the
    open-source edition, so it is added once (tests/certificates/test_archival_pdf.py reads it
    back from every kind of PDF, so an upgrade that changes this is seen at once)."""
    from reportlab.pdfbase.pdfdoc import PDFCatalog

    if "OutputIntents" not in PDFCatalog.__NoDefault__:
        PDFCatalog.__NoDefault__.append("OutputIntents")  # __Refs__ is the same list


def archival(canvas, *, title: str, created, subject: str = "", author: str = "Akademia OSL"):
    """Give a ReportLab canvas the archival metadata above. `created` is the moment the document
    is made for (a certificate's issue, not the moment it is rendered), written as both the
    creation and the modification date; with `invariant=1` the bytes still depend only on the
    content, so a stored certificate re-renders the same."""
    from reportlab.pdfbase.pdfdoc import (
        XMP,
        PDFArray,
        PDFDictionary,
        PDFName,
        PDFObject,
        PDFStream,
        PDFString,
        PDFZCompress,
        format,
    )

    class Indirect(PDFObject):
        """A stream inside a dictionary must be an indirect object: referenced at write time."""

        def __init__(self, obj):
            self.obj = obj

        def format(self, document):
            return format(document.Reference(self.obj), document)

    _catalog_takes_output_intents()
    stamp = pdf_date(created)
    canvas.setDateFormatter(lambda *_: stamp)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator(author)
    canvas.setProducer(PRODUCER)
    packet = _xmp_packet(title=title, author=author, subject=subject, moment=created)
    canvas.setCatalogEntry("Metadata", XMP(creator=lambda document: packet.encode("utf-8")))
    profile = PDFStream(
        dictionary=PDFDictionary({"N": 3}), content=srgb_profile(), filters=[PDFZCompress]
    )
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "RegistryName": PDFString("http://www.color.org"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": Indirect(profile),
        }
    )
    canvas.setCatalogEntry("OutputIntents", PDFArray([intent]))
