import datetime

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.forms import AsciiDecimalField, AsciiIntegerField, AsciiModelChoiceField
from cms.models import Voivodeship
from enrolment.models import AttendanceStatus


class CatalogueFilterForm(forms.Form):
    """The catalogue's GET filters. Every field is optional; bad values show an error."""

    miejscowosc = forms.CharField(
        label=_("Miejscowość"),
        required=False,
        max_length=100,
        help_text=_(
            "Wielkość liter, polskie znaki i odmiana nie mają znaczenia („lodz”, „Łodzi”)."
        ),
    )
    wojewodztwo = forms.ChoiceField(label=_("Województwo"), required=False)
    miesiac = forms.ChoiceField(label=_("Miesiąc"), required=False)
    kurs = forms.TypedChoiceField(label=_("Kurs"), required=False, coerce=int, empty_value=None)
    wolne = forms.BooleanField(label=_("Tylko z wolnymi miejscami"), required=False)

    def __init__(self, *args, months=(), courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wojewodztwo"].choices = [("", _("wszystkie")), *Voivodeship.choices]
        self.fields["miesiac"].choices = [("", _("wszystkie"))] + [
            (m.strftime("%Y-%m"), formats.date_format(m, "F Y")) for m in months
        ]
        self.fields["kurs"].choices = [("", _("wszystkie"))] + [(c.pk, c.title) for c in courses]

    def clean_miesiac(self):
        value = self.cleaned_data["miesiac"]
        if not value:
            return None
        return datetime.datetime.strptime(value, "%Y-%m").date()


class StaffSignupForm(forms.Form):
    """A centre coordinator signs up one of their staff; both lists are limited on the server."""

    participant = AsciiModelChoiceField(label=_("Pracownik"), queryset=None)
    workshop = AsciiModelChoiceField(label=_("Szkolenie"), queryset=None)

    def __init__(self, *args, staff, workshops, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = staff
        self.fields["participant"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.email})"
        )
        self.fields["workshop"].queryset = workshops
        self.fields["workshop"].label_from_instance = lambda w: (
            f"{w.code} · {w.course.title} · {w.venue.town} · {w.day_one_date:%d.%m.%Y}"
        )


class CentrePolicyForm(forms.Form):
    requires_approval = forms.BooleanField(
        label=_("Zapisy pracowników wymagają mojej zgody"), required=False
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Powód"), max_length=500, required=False)


class WaitlistMoveForm(forms.Form):
    enrolment = AsciiIntegerField(widget=forms.HiddenInput)
    position = AsciiIntegerField(label=_("Nowe miejsce na liście"), min_value=1)
    reason = forms.CharField(label=_("Powód zmiany"), max_length=500)


class AttendanceForm(forms.Form):
    """One radio group and one hours field per confirmed participant of one day."""

    def __init__(self, *args, roster, day, day_hours, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for enrolment in roster:
            current = next((r for r in enrolment.current_attendance if r.day == day), None)
            status_name = f"status_{enrolment.pk}"
            hours_name = f"hours_{enrolment.pk}"
            self.fields[status_name] = forms.ChoiceField(
                label=enrolment.participant.get_full_name(),
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=current.status if current else None,
            )
            self.fields[hours_name] = AsciiDecimalField(
                label=_("Godziny (przy obecności częściowej)"),
                required=False,
                min_value=0,
                max_value=day_hours,
                decimal_places=2,
                initial=current.hours if current and current.status == "partial" else None,
            )
            self.rows.append((enrolment, self[status_name], self[hours_name], current))

    def marks(self) -> dict:
        result = {}
        for enrolment, status, hours, _current in self.rows:
            value = self.cleaned_data.get(status.name)
            if value:
                result[enrolment.pk] = (value, self.cleaned_data.get(hours.name))
        return result


class ScheduleImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plik harmonogramu (CSV lub XLSX)"),
        help_text=_(
            "Kolumny: kod, kurs, miejsce, ulica, kod_pocztowy, miejscowosc, wojewodztwo, dzien1, "
            "dzien1_od, dzien1_do, dzien2, dzien2_od, dzien2_do, miejsca, limit_na_osrodek, "
            "trenerzy (adresy e-mail oddzielone średnikiem), stan (szkic/opublikowane)."
        ),
    )
    dry_run = forms.BooleanField(label=_("Tylko sprawdź, nie zapisuj"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Prześlij plik .csv albo .xlsx."))
        from enrolment.services.base import EnrolmentError
        from enrolment.services.schedule_import import upload_size_check

        try:
            upload_size_check(upload.size)
        except EnrolmentError as exc:
            raise forms.ValidationError(exc.message, code=exc.code) from exc
        return upload


class WorkshopAdminForm(WagtailAdminModelForm):
    """The admin's workshop form. Capacity can't drop below the seats held, and a workshop with
    people on it is called off with the "Odwołaj" action (which tells them), not by its state."""

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk:
            from enrolment.models import ACTIVE_STATES, WorkshopState
            from enrolment.services.base import EnrolmentError, capacity_check

            capacity = cleaned.get("capacity")
            if capacity is not None:
                try:
                    capacity_check(instance.pk, capacity)
                except EnrolmentError as exc:
                    self.add_error("capacity", exc.message)
            if (
                cleaned.get("state") == WorkshopState.CANCELLED
                and instance.state != WorkshopState.CANCELLED
                and instance.enrolments.filter(state__in=ACTIVE_STATES).exists()
            ):
                self.add_error(
                    "state",
                    _(
                        "Na szkolenie są zapisane osoby. Odwołaj je przyciskiem "
                        "„Odwołaj szkolenie” na liście rezerwowej, aby wszyscy dostali wiadomość."
                    ),
                )
        return cleaned
