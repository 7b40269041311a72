"""RODO: the certificates a person holds, for the "my data" export.

Issued certificates are not anonymised when an account is deleted: they are records the
programme must keep (EU-funded training evidence); the holder's name is part of what was issued."""

from .models import ParticipantCertificate


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
