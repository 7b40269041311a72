from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from enrolment.services import schedule_import


class Command(BaseCommand):
    help = (
        "Import the workshop schedule from a CSV or XLSX file. Every row is checked; a file with "
        "any bad row changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")

    def handle(self, *args, path, dry_run, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Nie ma pliku {file}")
        report = schedule_import(
            name=file.name, content=file.read_bytes(), actor=None, dry_run=dry_run
        )
        for error in report.file_errors:
            self.stderr.write(error)
        for row in report.rows:
            if row.errors:
                self.stderr.write(f"wiersz {row.number} ({row.code}): " + "; ".join(row.errors))
        if not report.ok:
            raise CommandError("Plik ma błędy: nic nie zostało zapisane.")
        verb = "zaimportowano" if report.applied else "sprawdzono (bez zapisu)"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb}: nowe {report.created}, zmienione {report.updated} szkolenia"
            )
        )
