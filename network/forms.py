import re

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.forms import AsciiModelChoiceField
from cms.models import Voivodeship
from network.models import PracticeTheme, UnitType

WORD = re.compile(r"\w+")

# Population bands (GET "mieszkancy"): (number, label, lowest, highest or None).
POPULATION_BANDS = [
    (1, _("do 5 tys. mieszkańców"), 1, 5_000),
    (2, _("5–20 tys. mieszkańców"), 5_001, 20_000),
    (3, _("20–100 tys. mieszkańców"), 20_001, 100_000),
    (4, _("ponad 100 tys. mieszkańców"), 100_001, None),
]
BANDS = {number: (low, high) for number, _label, low, high in POPULATION_BANDS}


class FinderForm(forms.Form):
    """The index page's GET filters. A value that is not one of the choices is an error shown
    beside the field, and that filter is left out."""

    q = forms.CharField(
        label=_("Szukaj (miejscowość, ośrodek, opis)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    woj = forms.ChoiceField(
        label=_("Województwo"),
        required=False,
        choices=[("", _("wszystkie"))] + list(Voivodeship.choices),
    )
    typ = forms.ChoiceField(
        label=_("Typ jednostki"),
        required=False,
        choices=[("", _("wszystkie"))] + list(UnitType.choices),
    )
    temat = AsciiModelChoiceField(
        label=_("Temat"),
        required=False,
        queryset=PracticeTheme.objects.all(),
        empty_label=_("wszystkie"),
    )
    mieszkancy = forms.TypedChoiceField(
        label=_("Liczba mieszkańców"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("dowolna"))] + [(str(n), label) for n, label, _l, _h in POPULATION_BANDS],
    )

    def clean_q(self):
        """Words only: the search backends read punctuation as their own syntax."""
        return " ".join(WORD.findall(self.cleaned_data["q"]))[:100]
