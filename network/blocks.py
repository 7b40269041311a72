"""The full presentation of a good practice ("Pełna prezentacja"): the site's shared blocks
(text, headings, images with alt text, documents) and residents' voices as quotes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.blocks import (
    RICH_TEXT_FEATURES,
    DocumentBlock,
    HeadingBlock,
    ImageBlock,
    QuoteBlock,
)


class ResidentQuoteBlock(QuoteBlock):
    class Meta:
        icon = "openquote"
        label = _("Głos mieszkańca")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Pierwszy raz ktoś zapytał nas, czego potrzebujemy.",
            "attribution": "mieszkanka gminy",
        }


class PracticeStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph_block.html",
        preview_value="<p>Zaczęliśmy od spaceru po sołectwie i rozmów z mieszkańcami.</p>",
    )
    image = ImageBlock()
    document = DocumentBlock()
    quote = ResidentQuoteBlock()
