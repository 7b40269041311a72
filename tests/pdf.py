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
