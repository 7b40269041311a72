from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    """Programme steering: the targets, the coordinators' dashboard and the funder's exports.
    The top layer: it reads cms, courses, enrolment and certificates; nothing imports it."""

    name = "programme"
    verbose_name = _("Program szkoleń")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import audit, menus, personal_data, roles
        from programme import models, personal, sealing  # noqa: F401 (sealing: its check)

        roles.grant(
            roles.PROGRAMME_COORDINATORS,
            ["programme.change_programmesettings", "programme.view_programmesettings"],
        )
        personal_data.register_collector(
            "esf",
            _("Dane uczestnika projektu EFS"),
            personal.collect,
            labels=personal.LABELS,
            choices=personal.CHOICES,
        )
        audit.register_personal_model(models.ParticipantRecord)
        from programme import services

        personal_data.register_anonymiser(services.on_account_deleted)
        menus.register_account_link(
            label=_("Dane do projektu EFS"),
            url_name="programme:participant_data",
            order=55,
            visible=lambda user: roles.has_role(user, roles.PARTICIPANTS),
        )
