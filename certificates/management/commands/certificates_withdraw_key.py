from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from certificates import keys, services
from certificates.selectors import issued_certificates_signed_with

from ._keys import actor_from, write_register, write_resigned


class Command(BaseCommand):
    help = (
        "Withdraw a retired signing key (e.g. it leaked), with a reason: it leaves the published "
        "JWK set and every credential it signed fails verification. Audited. With --resign, the "
        "valid certificates it signed get their credentials re-signed with the current key "
        "(as certificates_resign --kid=KID does); without it, they are listed."
    )

    def add_arguments(self, parser):
        # A kid is a base64url thumbprint and may start with "-": give it as --kid=KID.
        parser.add_argument("--kid", required=True, help="the key to withdraw (--kid=KID)")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--by", help="e-mail of the person withdrawing (for the audit log)")
        parser.add_argument(
            "--resign",
            action="store_true",
            help="re-sign the valid certificates' credentials with the current key",
        )

    def handle(self, *args, kid, reason, by=None, resign=False, **options):
        actor = actor_from(by)
        try:
            keys.key_withdraw(kid=kid, reason=reason, actor=actor)
        except keys.SigningKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.WARNING(f"Unieważniono klucz {kid}."))
        if resign:
            # The withdrawal is committed: if this stops half-way, certificates_resign --kid
            # finishes the job.
            try:
                write_resigned(self.stdout, services.credentials_resign(kid=kid, actor=actor))
            except (services.CertificateError, ImproperlyConfigured) as exc:
                raise CommandError(
                    f"{getattr(exc, 'message', exc)} — dokończ: certificates_resign --kid={kid}"
                ) from exc
        else:
            affected = issued_certificates_signed_with(kid)
            self.stdout.write(
                "Ważne certyfikaty podpisane tym kluczem (do ponownego podpisania: "
                f"certificates_resign --kid={kid}): {len(affected)}"
            )
            for cert in affected:
                self.stdout.write(f"  {cert.number}  {cert.verification_code}")
        write_register(self.stdout)
