from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from certificates import services

from ._keys import actor_from, write_resigned


class Command(BaseCommand):
    help = (
        "Re-sign with the current key the credentials of the valid certificates that a withdrawn "
        "key signed (the PDFs do not change; the old credentials are kept). Audited. Safe to run "
        "again: what is already re-signed is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kid", required=True, help="the withdrawn key (--kid=KID: a kid may start with -)"
        )
        parser.add_argument("--by", help="e-mail of the person re-signing (for the audit log)")

    def handle(self, *args, kid, by=None, **options):
        try:
            result = services.credentials_resign(kid=kid, actor=actor_from(by))
        except services.CertificateError as exc:
            raise CommandError(str(exc.message)) from exc
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        write_resigned(self.stdout, result)
