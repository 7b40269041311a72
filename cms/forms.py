from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from cms import consent
from cms.models import Centre, CentreKind, Voivodeship
from cms.validators import ascii_int, phone_validator, postal_code_validator

NEW_CENTRE = "new"


class AsciiIntegerField(forms.IntegerField):
    """An IntegerField that reads ASCII digits only: Django's takes "٣٤" (34), "1_000" and
    "12.0" too (see cms.validators.ascii_int)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if ascii_int(str(value), signed=True) is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class AsciiDecimalField(forms.DecimalField):
    """A DecimalField that reads ASCII digits only (Decimal("٣") is 3, Decimal("1_0") is 10)."""

    def to_python(self, value):
        if value not in self.empty_values and (not str(value).isascii() or "_" in str(value)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class AsciiModelChoiceField(forms.ModelChoiceField):
    """A choice of one row by its numeric id, in ASCII digits (the ORM would look up "٣٤")."""

    def to_python(self, value):
        if (
            value not in self.empty_values
            and not isinstance(value, self.queryset.model)
            and ascii_int(str(value)) is None
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class AccessibleFormRenderer(TemplatesSetting):
    """Renders forms as <div>s with each field's label, help text and error tied to its input."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


def centre_choices():
    """Approved centres grouped by voivodeship, for a <select> with <optgroup>s."""
    centres = Centre.objects.approved().only("id", "name", "town", "voivodeship")
    labels = dict(Voivodeship.choices)
    grouped = [
        (labels[voivodeship], [(str(c.pk), f"{c.name} — {c.town}") for c in group])
        for voivodeship, group in groupby(centres, key=lambda c: c.voivodeship)
    ]
    return [
        ("", _("— wybierz swój ośrodek —")),
        *grouped,
        (NEW_CENTRE, _("Mojego ośrodka nie ma na liście — zgłaszam nowy")),
    ]


class CentreProposalMixin(forms.Form):
    """The fields a person fills in when their centre is not in the registry."""

    centre = forms.ChoiceField(
        label=_("Ośrodek, w którym pracujesz"),
        help_text=_(
            "Lista jest ułożona według województw. Jeśli Twojego ośrodka na niej nie ma, "
            "wybierz ostatnią pozycję i podaj jego dane."
        ),
        widget=forms.Select(
            attrs={
                "data-centre-select": "",
                "data-filter-label": _("Szukaj ośrodka po nazwie lub miejscowości"),
                "data-count-label": _("Pasujące ośrodki: "),
            }
        ),
    )
    new_centre_name = forms.CharField(
        label=_("Nazwa nowego ośrodka"), required=False, max_length=255
    )
    new_centre_kind = forms.ChoiceField(
        label=_("Typ ośrodka"), required=False, choices=[("", "—"), *CentreKind.choices]
    )
    new_centre_street = forms.CharField(label=_("Ulica i numer"), required=False, max_length=255)
    new_centre_postal_code = forms.CharField(
        label=_("Kod pocztowy"),
        required=False,
        max_length=6,
        validators=[postal_code_validator],
        help_text=_("W postaci NN-NNN."),
    )
    new_centre_town = forms.CharField(label=_("Miejscowość"), required=False, max_length=120)
    new_centre_county = forms.CharField(label=_("Powiat"), required=False, max_length=120)
    new_centre_voivodeship = forms.ChoiceField(
        label=_("Województwo"), required=False, choices=[("", "—"), *Voivodeship.choices]
    )

    PROPOSAL_FIELDS = [
        "new_centre_name",
        "new_centre_kind",
        "new_centre_postal_code",
        "new_centre_town",
        "new_centre_county",
        "new_centre_voivodeship",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].choices = centre_choices()

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("centre")
        if choice == NEW_CENTRE:
            for name in self.PROPOSAL_FIELDS:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, _("To pole jest wymagane, gdy zgłaszasz nowy ośrodek."))
            proposal_fields = [*self.PROPOSAL_FIELDS, "new_centre_street"]
            if not any(name in self.errors for name in proposal_fields):
                self._check_proposal()
        elif choice:
            pk = ascii_int(choice)
            centre = None if pk is None else Centre.objects.approved().filter(pk=pk).first()
            if centre is None:
                self.add_error("centre", _("Wybierz ośrodek z listy."))
            cleaned["centre_obj"] = centre
        return cleaned

    def _check_proposal(self):
        """The model's own validation of the proposed centre (`centre_proposal_check`), its
        errors shown on the form's fields, so that nothing the database would refuse gets as far
        as creating an account."""
        from cms.services.centres import centre_proposal_check

        try:
            centre_proposal_check(**self.proposal())
        except ValidationError as exc:
            for field, errors in exc.error_dict.items():
                name = f"new_centre_{field}"
                self.add_error(name if name in self.fields else None, errors)

    def proposal(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["new_centre_name"],
            "kind": data["new_centre_kind"],
            "street": data["new_centre_street"],
            "postal_code": data["new_centre_postal_code"],
            "town": data["new_centre_town"],
            "county": data["new_centre_county"],
            "voivodeship": data["new_centre_voivodeship"],
        }


class SignupForm(CentreProposalMixin):
    """The extra sign-up fields; allauth's own form adds e-mail and passwords before them."""

    first_name = forms.CharField(
        label=_("Imię"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Nazwisko"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    job_title = forms.CharField(
        label=_("Stanowisko"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    phone = forms.CharField(
        label=_("Telefon (nieobowiązkowo)"),
        max_length=20,
        required=False,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(
        label=consent.TEXT,
        required=True,
        error_messages={
            "required": _("Bez tej zgody nie możemy założyć konta."),
        },
    )

    field_order = [
        "email",
        "password1",
        "password2",
        "first_name",
        "last_name",
        "job_title",
        "phone",
        "centre",
        *CentreProposalMixin.PROPOSAL_FIELDS,
        "new_centre_street",
        "consent",
    ]

    def signup(self, request, user):
        """Called by allauth once the account exists, inside the sign-up's one transaction."""
        from cms.services.accounts import user_complete_signup
        from cms.services.centres import centre_propose

        data = self.cleaned_data
        if data["centre"] == NEW_CENTRE:
            # Checked in clean(); a ValidationError here (another person proposed the same
            # centre meanwhile) rolls the whole sign-up back (cms.views.signup.SignupView).
            centre = centre_propose(**self.proposal(), proposed_by=user)
        else:
            centre = data["centre_obj"]
        user_complete_signup(
            user=user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            job_title=data["job_title"],
            phone=data["phone"],
            centre=centre,
            consent_version=consent.CURRENT_VERSION,
        )


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("Imię"), max_length=150)
    last_name = forms.CharField(label=_("Nazwisko"), max_length=150)
    job_title = forms.CharField(label=_("Stanowisko"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Telefon (nieobowiązkowo)"),
        max_length=20,
        required=False,
        validators=[phone_validator],
    )
    centre = AsciiModelChoiceField(
        label=_("Ośrodek"),
        queryset=Centre.objects.none(),
        help_text=_("Zmianę ośrodka zatwierdza koordynator programu."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A person may keep a centre they proposed that is still pending.
        self.fields["centre"].queryset = Centre.objects.approved() | Centre.objects.filter(
            pk=user.centre_id
        )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Twoje hasło"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Podaj hasło, aby potwierdzić, że to Ty."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("Hasło jest nieprawidłowe."), code="wrong_password")
        return password
