from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Akademia OSL: serwis i konta")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import search, signals, storage  # noqa: F401
        from .caching import invalidation

        # PostgreSQL's unaccent and pg_trgm, for the Polish site search (cms/search.py).
        post_migrate.connect(search.ensure_postgres_search, sender=self)

        # Cached pages and fragments must hear every publish, also from management commands
        # such as publish_scheduled.
        invalidation.connect()
