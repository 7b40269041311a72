import logging
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand

from cms import demo


class Command(BaseCommand):
    help = "Load the demo data (idempotent: running it twice changes nothing)."

    def handle(self, *args, **options):
        # Thousands of audit lines would bury the demo log-ins printed at the end.
        logging.getLogger("akademia.audit").setLevel(logging.WARNING)
        # Each domain app may ship a `demo` module with seed(); they run in INSTALLED_APPS order,
        # so an app's demo data can build on the apps below it.
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if (
                app_config.name.startswith(("django", "wagtail"))
                or not find_spec(app_config.name)
                or not find_spec(module_name)
            ):
                continue
            self.stdout.write(f"Demo data: {app_config.label}")
            import_module(module_name).seed(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready. Log in at http://127.0.0.1:8000/konto/login/ with any of the "
                f"accounts above and the password: {demo.DEMO_PASSWORD}"
            )
        )
