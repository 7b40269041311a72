"""RODO: what the programme app holds about a person (the ESF participant record)."""

from django.utils.translation import gettext_lazy as _

from cms import audit
from cms.models import Voivodeship
from programme import pesel, sealing
from programme.models import (
    Answer,
    Area,
    Education,
    EmploymentStatus,
    Occupation,
    ParticipantRecord,
    Sex,
)

LABELS = {
    "pesel": _("PESEL"),
    "no_pesel": _("Brak numeru PESEL"),
    "sex": _("Płeć"),
    "birth_date": _("Data urodzenia"),
    "education": _("Wykształcenie"),
    "residence_voivodeship": _("Województwo zamieszkania"),
    "residence_county": _("Powiat"),
    "residence_gmina": _("Gmina"),
    "residence_town": _("Miejscowość"),
    "area": _("Obszar"),
    "employment_status": _("Status na rynku pracy"),
    "occupation": _("Wykonywany zawód"),
    "disability": _("Niepełnosprawność"),
    "foreign_origin_or_minority": _("Obce pochodzenie lub mniejszość"),
    "homeless": _("Bezdomność lub wykluczenie mieszkaniowe"),
    "other_disadvantage": _("Inna niekorzystna sytuacja"),
    "consent_at": _("Zgoda z dnia"),
}
CHOICES = {
    "sex": dict(Sex.choices),
    "education": dict(Education.choices),
    "residence_voivodeship": dict(Voivodeship.choices),
    "area": dict(Area.choices),
    "employment_status": dict(EmploymentStatus.choices),
    "occupation": dict(Occupation.choices),
    "disability": dict(Answer.choices),
    "foreign_origin_or_minority": dict(Answer.choices),
    "homeless": dict(Answer.choices),
    "other_disadvantage": dict(Answer.choices),
}


def collect(user) -> dict:
    """The person's own record; the PESEL masked (the programme office gives the full record on
    request), the special-situation answers in clear, and the read logged."""
    record = ParticipantRecord.objects.filter(user=user).first()
    if record is None:
        return {}
    sealed = sealing.unseal(record.sealed)
    audit.audit(record, "osl.esf.read", user=user, data={"fields": ["special_situations"]})
    return {
        "pesel": pesel.mask(sealed.get("pesel", "")),
        "no_pesel": record.no_pesel,
        "sex": record.sex,
        "birth_date": record.birth_date.isoformat(),
        "education": record.education,
        "residence_voivodeship": record.residence_voivodeship,
        "residence_county": record.residence_county,
        "residence_gmina": record.residence_gmina,
        "residence_town": record.residence_town,
        "area": record.area,
        "employment_status": record.employment_status,
        "occupation": record.occupation,
        **{
            k: sealed.get(k, "")
            for k in ("disability", "foreign_origin_or_minority", "homeless", "other_disadvantage")
        },
        "consent_at": record.consent_at.isoformat(),
    }
