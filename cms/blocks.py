"""StreamField blocks shared by every page type. Each block has its own template in
templates/blocks/ and a preview value, so editors see what they are choosing."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Treść nagłówka"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Poziom"),
        choices=[("h2", _("Nagłówek 2")), ("h3", _("Nagłówek 3")), ("h4", _("Nagłówek 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Nagłówek")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Od pomocy do samopomocy", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Obraz"))
    # Alt text is required: a decorative image has no place in course content.
    alt_text = blocks.CharBlock(
        label=_("Tekst alternatywny"),
        max_length=250,
        help_text=_("Opisz, co przedstawia obraz, dla osób korzystających z czytnika ekranu."),
    )
    caption = blocks.CharBlock(label=_("Podpis"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Obraz")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Cytat"))
    attribution = blocks.CharBlock(label=_("Autor"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Cytat")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Pomóżmy ludziom, żeby pomogli sami sobie.",
            "attribution": "Model OSL",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(label=_("Tytuł linku"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Dokument do pobrania")
        template = "blocks/document_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Adres filmu (YouTube, Vimeo)"))
    title = blocks.CharBlock(label=_("Tytuł filmu"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("Transkrypcja"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "media"
        label = _("Film")
        template = "blocks/video_block.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"),
        icon="pilcrow",
        features=RICH_TEXT_FEATURES,
        template="blocks/paragraph_block.html",
        preview_value="<p>Centrum Aktywności Lokalnej to sposób pracy, nie nowa instytucja.</p>",
    )
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
