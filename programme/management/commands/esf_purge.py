from django.core.management.base import BaseCommand

from programme import services


class Command(BaseCommand):
    help = "Usuwa dane uczestników EFS z usuniętych kont po upływie okresu przechowywania."

    def handle(self, *args, **options):
        gone = services.esf_records_purge()
        self.stdout.write(f"Usunięto dane uczestników EFS: {gone}.")
