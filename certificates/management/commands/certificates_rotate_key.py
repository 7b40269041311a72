from django.core.management.base import BaseCommand, CommandError

from certificates import keys

from ._keys import actor_from, write_register


class Command(BaseCommand):
    help = (
        "Rotate the key that signs Open Badges credentials: a new key becomes current, the old "
        "one is retired (still published, so what it signed still verifies). Audited. In "
        "production put the new key in CERTIFICATES_SIGNING_KEY first, restart, then run this."
    )

    def add_arguments(self, parser):
        parser.add_argument("--by", help="e-mail of the person rotating (for the audit log)")

    def handle(self, *args, by=None, **options):
        try:
            row = keys.key_rotate(actor=actor_from(by))
        except keys.SigningKeyError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Bieżący klucz: {row.kid}"))
        write_register(self.stdout)
