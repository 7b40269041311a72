from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand

from certificates import keys

from ._keys import write_register


class Command(BaseCommand):
    help = (
        "List the register of signing keys (current, retired, withdrawn). Registers the key "
        "that signs now if it is not in the register yet (e.g. a newly deployed "
        "CERTIFICATES_SIGNING_KEY)."
    )

    def handle(self, *args, **options):
        try:
            keys.current_signing_key()
        except (ImproperlyConfigured, keys.SigningKeyError) as exc:
            self.stderr.write(self.style.WARNING(f"Nothing can sign now: {exc}"))
        write_register(self.stdout)
