"""What the key commands share: who acts (for the audit log) and how the register is shown."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from certificates.models import SigningKey


def actor_from(email: str | None):
    if not email:
        return None
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is None:
        raise CommandError(_("Nie ma konta z adresem e-mail %(email)s.") % {"email": email})
    return user


def write_register(stdout) -> None:
    for row in SigningKey.objects.order_by("-created_at", "-pk"):
        line = f"{row.kid}  {row.status:<9}  {row.source:<11}  od {row.created_at:%Y-%m-%d %H:%M}"
        if row.retired_at:
            line += f"  wycofany {row.retired_at:%Y-%m-%d %H:%M}"
        if row.withdrawn_at:
            line += f"  unieważniony {row.withdrawn_at:%Y-%m-%d %H:%M}: {row.withdrawn_reason}"
        stdout.write(line)


def write_resigned(stdout, result) -> None:
    count = len(result.certificates)
    if not count:
        stdout.write(f"Żadne ważne poświadczenie nie jest podpisane kluczem {result.old_kid}.")
        return
    stdout.write(f"Ponownie podpisano poświadczenia ({count}) kluczem {result.new_kid}:")
    for cert in result.certificates:
        stdout.write(f"  {cert.number}  {cert.verification_code}")
