from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """Programme steering: the targets, the coordinators' dashboard and the funder's exports.
    The top layer: it reads cms, courses, enrolment and certificates; nothing imports it."""

    name = "programme"
    verbose_name = _("Program szkoleń")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import roles

        roles.grant(
            roles.PROGRAMME_COORDINATORS,
            ["programme.change_programmesettings", "programme.view_programmesettings"],
        )
