from django import forms
from django.utils.translation import gettext_lazy as _

from cms.forms import AsciiDecimalField, AsciiIntegerField, AsciiModelChoiceField
from cms.models import Centre


class LookupForm(forms.Form):
    kod = forms.CharField(
        label=_("Kod weryfikacyjny"),
        max_length=40,
        help_text=_("12 znaków z certyfikatu, np. 7KQ2-M9XD-4RTA."),
    )


class BundleFilterForm(forms.Form):
    """Filters for a ZIP of participant certificates. Invalid values are ignored, not fatal."""

    rok = forms.TypedChoiceField(label=_("Rok"), required=False, coerce=int, empty_value=None)
    szkolenie = forms.ChoiceField(label=_("Szkolenie"), required=False)

    def __init__(self, *args, years=(), workshops=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rok"].choices = [("", _("wszystkie lata"))] + [(y, str(y)) for y in years]
        self.fields["szkolenie"].choices = [("", _("wszystkie szkolenia"))] + list(workshops)


class ProgrammeBundleForm(forms.Form):
    osrodek = AsciiModelChoiceField(
        label=_("Ośrodek"),
        queryset=Centre.objects.all(),
        required=False,
        empty_label=_("wszystkie ośrodki"),
    )
    rok = AsciiIntegerField(label=_("Rok"), required=False, min_value=2000, max_value=2100)
    szkolenie = forms.CharField(label=_("Klucz szkolenia"), required=False, max_length=120)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Powód unieważnienia"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decyzja"),
        choices=[("grant", _("przyznać certyfikat")), ("refuse", _("odmówić certyfikatu"))],
        widget=forms.RadioSelect,
    )
    justification = forms.CharField(
        label=_("Uzasadnienie"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    valid_from = forms.DateField(
        label=_("Ważny od"),
        required=False,
        help_text=_("Puste: od dziś. Certyfikat jest ważny trzy lata, chyba że podasz koniec."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    valid_until = forms.DateField(
        label=_("Ważny do"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ParticipantCorrectionForm(forms.Form):
    """What a correction may change; everything else is carried over from the old certificate."""

    holder_name = forms.CharField(label=_("Imię i nazwisko"), max_length=200)
    course_title = forms.CharField(label=_("Kurs"), max_length=255)
    role_name = forms.CharField(label=_("Rola"), max_length=255, required=False)
    town = forms.CharField(label=_("Miejscowość"), max_length=120)
    hours = AsciiDecimalField(
        label=_("Liczba godzin"), min_value=0.5, max_digits=5, decimal_places=1
    )
    trainers = forms.CharField(
        label=_("Trenerzy"),
        max_length=1000,
        required=False,
        help_text=_("Oddziel przecinkami."),
    )
    reason = forms.CharField(
        label=_("Powód korekty"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason")
        data["trainers"] = [t.strip() for t in data["trainers"].split(",") if t.strip()]
        return data
