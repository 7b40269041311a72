"""The ESF participant data form: input shape and Polish messages; the PESEL rule is
programme.pesel's."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme import pesel
from programme.models import (
    Answer,
    ParticipantRecord,
)

CONSENT_TEXT = _(
    "Wyrażam zgodę na przetwarzanie moich danych w celu monitorowania i rozliczenia projektu "
    "współfinansowanego z Europejskiego Funduszu Społecznego. Dane przekazujemy instytucji "
    "finansującej; przechowujemy je tak długo, jak wymagają tego zasady projektu."
)
MSG_PESEL_OR_NONE = _("Podaj numer PESEL albo zaznacz, że go nie masz.")
MSG_PESEL_AND_NONE = _("Zaznaczono brak numeru PESEL — usuń numer albo odznacz to pole.")
MSG_BIRTH_MISMATCH = _("Data urodzenia nie zgadza się z numerem PESEL (wynika z niego %(date)s).")
MSG_SEX_MISMATCH = _("Płeć nie zgadza się z numerem PESEL.")
MSG_BIRTH_IMPOSSIBLE = _("Podaj prawdziwą datę urodzenia (osoba w wieku od 15 do 100 lat).")
MSG_REQUIRED = _("To pole jest wymagane — wybierz odpowiedź (można też odmówić jej podania).")


def _answer(label):
    return forms.ChoiceField(
        label=label,
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": MSG_REQUIRED},
    )


class ParticipantRecordForm(forms.ModelForm):
    pesel = forms.CharField(
        label=_("PESEL"),
        required=False,
        max_length=11,
        strip=True,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    disability = _answer(_("Czy jest Pan/Pani osobą z niepełnosprawnościami?"))
    foreign_origin_or_minority = _answer(
        _("Czy jest Pan/Pani osobą obcego pochodzenia lub należącą do mniejszości?")
    )
    homeless = _answer(
        _("Czy jest Pan/Pani osobą w kryzysie bezdomności lub wykluczenia z dostępu do mieszkań?")
    )
    other_disadvantage = _answer(
        _("Czy jest Pan/Pani osobą w innej niekorzystnej sytuacji społecznej?")
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Bez tej zgody nie możemy przyjąć zgłoszenia na szkolenie.")},
    )

    class Meta:
        model = ParticipantRecord
        fields = [
            "no_pesel",
            "sex",
            "birth_date",
            "education",
            "residence_voivodeship",
            "residence_county",
            "residence_gmina",
            "residence_town",
            "area",
            "employment_status",
            "occupation",
        ]
        widgets = {"birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    field_order = ["pesel", "no_pesel", "sex", "birth_date"]

    def __init__(self, *args, pesel_on_file: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # The number on file is never put back into the page; an empty field keeps it.
        self.pesel_on_file = pesel_on_file
        if pesel_on_file:
            self.fields["pesel"].help_text = _(
                "Numer PESEL jest zapisany. Wpisz go tylko wtedy, gdy chcesz go poprawić."
            )

    def clean(self):
        data = super().clean()
        none = data.get("no_pesel")
        number = data.get("pesel", "") or ("" if none else self.pesel_on_file)
        data["pesel"] = number
        if number and none:
            self.add_error("pesel", MSG_PESEL_AND_NONE)
        elif not number and not none:
            self.add_error("pesel", MSG_PESEL_OR_NONE)
        elif number:
            try:
                parsed = pesel.parse(number)
            except pesel.PeselError as exc:
                self.add_error("pesel", exc.message)
            else:
                birth = data.get("birth_date")
                if birth and birth != parsed.birth_date:
                    self.add_error(
                        "birth_date",
                        MSG_BIRTH_MISMATCH % {"date": parsed.birth_date.strftime("%d.%m.%Y")},
                    )
                if data.get("sex") and data["sex"] != parsed.sex:
                    self.add_error("sex", MSG_SEX_MISMATCH)
        birth = data.get("birth_date")
        if birth and "birth_date" not in self.errors:
            today = timezone.localdate()
            if not (today.replace(year=today.year - 100) <= birth <= _years_before(today, 15)):
                self.add_error("birth_date", MSG_BIRTH_IMPOSSIBLE)
        return data

    def sealed_data(self) -> dict:
        return {
            "pesel": "" if self.cleaned_data["no_pesel"] else self.cleaned_data["pesel"],
            **{
                name: self.cleaned_data[name]
                for name in (
                    "disability",
                    "foreign_origin_or_minority",
                    "homeless",
                    "other_disadvantage",
                )
            },
        }


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
