from django.core.management.base import BaseCommand, CommandError

from certificates import keys
from certificates.selectors import issued_certificates_signed_with

from ._keys import actor_from, write_register


class Command(BaseCommand):
    help = (
        "Withdraw a retired signing key (e.g. it leaked), with a reason: it leaves the published "
        "JWK set and every credential it signed fails verification. Audited. Lists the valid "
        "certificates it signed: re-issue them to give their holders valid credentials."
    )

    def add_arguments(self, parser):
        parser.add_argument("kid")
        parser.add_argument("--reason", required=True)
        parser.add_argument("--by", help="e-mail of the person withdrawing (for the audit log)")

    def handle(self, *args, kid, reason, by=None, **options):
        try:
            keys.key_withdraw(kid=kid, reason=reason, actor=actor_from(by))
        except keys.SigningKeyError as exc:
            raise CommandError(str(exc)) from exc
        affected = issued_certificates_signed_with(kid)
        self.stdout.write(self.style.WARNING(f"Unieważniono klucz {kid}."))
        self.stdout.write(
            f"Ważne certyfikaty podpisane tym kluczem (do ponownego wydania): {len(affected)}"
        )
        for cert in affected:
            self.stdout.write(f"  {cert.number}  {cert.verification_code}")
        write_register(self.stdout)
