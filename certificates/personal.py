"""RODO: the certificates a person holds, for the "my data" export.

Issued certificates are not anonymised when an account is deleted: they are records the
programme must keep (EU-funded training evidence); the holder's name is part of what was issued."""

from django.utils.translation import gettext_lazy as _

from .models import CertificateStatus, ParticipantCertificate

# The "my data" page's names for what `collect` returns.
LABELS = {
    "number": _("Numer"),
    "status": _("Stan"),
    "holder_name": _("Imię i nazwisko"),
    "course": _("Szkolenie"),
    "days": _("Dni szkolenia"),
    "town": _("Miejscowość"),
    "issued_at": _("Wydano"),
}
CHOICES = {"status": dict(CertificateStatus.choices)}


def collect(user) -> list[dict]:
    return [
        {
            "number": c.number,
            "status": c.status,
            "holder_name": c.holder_name,
            "course": c.course_title,
            "days": c.workshop_dates,
            "town": c.town,
            "issued_at": c.issued_at.isoformat(),
        }
        for c in ParticipantCertificate.objects.filter(holder=user).order_by("issued_at")
    ]
