"""Checks shared by the tests of every PDF the platform makes (certificates, sign-in sheets)."""


def assert_fonts_embedded(page) -> None:
    """Every font on the pypdf page is the bundled DejaVu Sans with its TrueType program inside
    the PDF, so the document shows the same letters on any machine."""
    fonts = page["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        font = ref.get_object()
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
        assert "DejaVuSans" in font["/BaseFont"]


def assert_archival_metadata(content: bytes, *, title: str) -> None:
    """The parts of PDF/A that can be checked without a PDF/A validator: XMP metadata that agrees
    with the document information, an sRGB output intent with its ICC profile, and no claim of
    PDF/A conformance (none was shown: no validator installs here)."""
    import datetime
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": title} == {"x-default": reader.metadata.title}
    assert xmp.pdf_producer == reader.metadata.producer
    # pypdf gives the XMP date as naive UTC, the information dictionary's with its offset.
    created = reader.metadata.creation_date
    assert xmp.xmp_create_date == created.astimezone(datetime.UTC).replace(tzinfo=None)
    (intent,) = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    assert "sRGB" in intent["/OutputConditionIdentifier"]
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    assert profile.get_data()[36:40] == b"acsp"  # an ICC profile's signature
    assert b"pdfaid" not in content
