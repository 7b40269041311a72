from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The CAL network: the good-practice database (Baza Dobrych Praktyk) and its map."""

    name = "network"
    verbose_name = _("Sieć CAL i dobre praktyki")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import roles
        from cms.caching.invalidation import register_public_content
        from network.models import PracticeTheme

        roles.grant(
            roles.PROGRAMME_COORDINATORS,
            [
                "network.add_practicetheme",
                "network.change_practicetheme",
                "network.delete_practicetheme",
                "network.view_practicetheme",
            ],
        )
        # Themes are shown on practice pages and in the index's filters.
        register_public_content(PracticeTheme)
