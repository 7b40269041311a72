"""What the certificates app's services share: the rule errors, their Polish messages, the
series and the programme coordinator check."""

from django.utils.translation import gettext_lazy as _

from certificates import credentials
from cms import roles

# The issuer named on the PDFs: the same name as in the credentials and the issuer profile.
DEFAULT_ISSUER = credentials.ISSUER_NAME
PARTICIPANT_SERIES = "OSL"
QUALITY_SERIES = "CAL"
QUALITY_VALIDITY_YEARS = 3

NOT_ALLOWED = _("Tę czynność może wykonać tylko koordynator programu.")
REASON_REQUIRED = _("Podaj powód.")
NOT_ISSUED = _("Ten certyfikat nie jest już ważny (został unieważniony albo zastąpiony).")
NO_DAYS = _("Podaj co najmniej jeden dzień szkolenia.")
BAD_HOURS = _("Liczba godzin musi być większa od zera.")
NO_NAME = _("Certyfikat musi zawierać imię i nazwisko uczestnika.")
JUSTIFICATION_REQUIRED = _("Uzasadnij decyzję.")
BAD_VALIDITY = _("Koniec ważności musi przypadać po jej początku.")
VALIDITY_TOO_FAR = _(
    "Data początku ważności jest zbyt odległa, by wyliczyć koniec ważności. "
    "Podaj wcześniejszą datę początku albo datę końca ważności."
)
ALREADY_DECIDED = _("Ten przebieg programu został już oceniony.")
CRITERIA_NOT_MET = _("Nie spełniono kryteriów: %(criteria)s.")
UNKNOWN_CHANGE = _("Tego pola nie można poprawić: %(field)s.")
NOTHING_CHANGED = _("Korekta niczego nie zmienia.")


class CertificateError(Exception):
    """A rule of the certificates app was broken; `message` is the Polish text to show."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def _require_programme_coordinator(actor) -> None:
    if actor is None or not roles.is_programme_coordinator(actor):
        raise CertificateError(NOT_ALLOWED)
