from django.core.management.base import BaseCommand

from enrolment.services import offers_expire, workshops_send_reminders


class Command(BaseCommand):
    help = (
        "Expire seat offers past their deadline (passing each seat on) and, with --reminders, "
        "queue reminder e-mails, once. `manage.py run_scheduler` does both on its own schedule "
        "(no cron needed); this command is for a run by hand."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reminders", action="store_true")

    def handle(self, *args, reminders, **options):
        expired = offers_expire()
        self.stdout.write(f"wygasłe propozycje: {expired}")
        if reminders:
            self.stdout.write(f"przypomnienia: {workshops_send_reminders()}")
