"""Course-only StreamField blocks: case stories, reflection exercises and the self-check quiz.

The quiz block's template renders questions and options only; which option is correct is read
on the server by `courses.services.quiz_grade` and never reaches the page source."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.blocks import RICH_TEXT_FEATURES, BaseStreamBlock


class CaseStoryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tytuł historii"), max_length=200)
    place = blocks.CharBlock(label=_("Miejsce (np. gmina, ośrodek)"), required=False)
    story = blocks.RichTextBlock(label=_("Opowieść"), features=RICH_TEXT_FEATURES)
    lesson = blocks.TextBlock(label=_("Czego uczy ta historia"), required=False)

    class Meta:
        icon = "user"
        label = _("Historia z praktyki")
        template = "blocks/case_story_block.html"
        preview_value = {
            "title": "Świetlica, którą otworzyli mieszkańcy",
            "place": "gmina wiejska",
            "story": "<p>Pracownica socjalna zaprosiła sąsiadów na rozmowę o pustej sali.</p>",
            "lesson": "Zasoby są często bliżej, niż myślimy.",
        }


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Polecenie do refleksji"))
    hints = blocks.ListBlock(
        blocks.CharBlock(label=_("Pytanie pomocnicze")), label=_("Pytania pomocnicze")
    )

    class Meta:
        icon = "help"
        label = _("Ćwiczenie refleksyjne")
        template = "blocks/reflection_block.html"
        preview_value = {
            "prompt": "Pomyśl o jednej grupie mieszkańców, z którą jeszcze nie pracujesz.",
            "hints": ["Kto w niej jest?", "Czego potrzebuje?"],
        }


class QuizOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Odpowiedź"), max_length=300)
    is_correct = blocks.BooleanBlock(label=_("Poprawna"), required=False)
    feedback = blocks.CharBlock(
        label=_("Informacja zwrotna po wybraniu"), required=False, max_length=500
    )

    class Meta:
        icon = "radio-full"
        label = _("Odpowiedź")


class QuizQuestionBlock(blocks.StructBlock):
    SINGLE = "single"
    MULTIPLE = "multiple"

    text = blocks.CharBlock(label=_("Pytanie"), max_length=500)
    kind = blocks.ChoiceBlock(
        label=_("Rodzaj"),
        choices=[(SINGLE, _("Jednokrotny wybór")), (MULTIPLE, _("Wielokrotny wybór"))],
        default=SINGLE,
    )
    options = blocks.ListBlock(QuizOptionBlock(), label=_("Odpowiedzi"), min_num=2)

    class Meta:
        icon = "help"
        label = _("Pytanie")

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["is_correct"])
        if value["kind"] == self.SINGLE and correct != 1:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(
                        _(
                            "Pytanie jednokrotnego wyboru musi mieć dokładnie jedną poprawną "
                            "odpowiedź."
                        )
                    )
                }
            )
        if value["kind"] == self.MULTIPLE and correct < 1:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(_("Zaznacz co najmniej jedną poprawną odpowiedź."))
                }
            )
        return value


class QuizBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Tytuł quizu"), default=_("Sprawdź się"), max_length=200)
    questions = blocks.ListBlock(QuizQuestionBlock(), label=_("Pytania"), min_num=1)

    class Meta:
        icon = "tasks"
        label = _("Quiz sprawdzający")
        template = "blocks/quiz_block.html"


class ModuleStreamBlock(BaseStreamBlock):
    case_story = CaseStoryBlock()
    reflection = ReflectionBlock()
    quiz = QuizBlock()
