"""Sign-up: allauth's view, with the whole sign-up in one transaction."""

from allauth.account.views import SignupView as AllauthSignupView
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

MSG_SIGNUP_FAILED = _(
    "Nie udało się założyć konta, bo dane zmieniły się w tej samej chwili (np. ktoś zgłosił ten "
    "sam ośrodek). Nic nie zostało zapisane. Sprawdź dane i wyślij formularz jeszcze raz."
)


class SignupView(AllauthSignupView):
    """allauth creates the user, then calls `cms.forms.SignupForm.signup` (profile, consent,
    centre proposal), then sends the verification e-mail: one transaction, so that a failure
    anywhere leaves no half-made account. The form checks everything the models check first;
    what can still fail here is a race (the same centre proposed by two people at once), which
    shows the form again with a Polish message instead of a server error."""

    http_method_names = ["get", "post", "head", "options"]

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ValidationError as exc:
            for error in exc.messages:
                form.add_error(None, error)
        except IntegrityError:
            form.add_error(None, MSG_SIGNUP_FAILED)
        return self.form_invalid(form)


signup = SignupView.as_view()
