from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = _("Zapisy na szkolenia")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import audit, menus, personal_data, roles
        from enrolment import models, page_cache, personal

        page_cache.connect()

        menus.register_main_link(label=_("Szkolenia"), url_name="enrolment:catalogue", order=20)
        menus.register_account_link(
            label=_("Moje szkolenia"), url_name="enrolment:my_workshops", order=20
        )
        menus.register_account_link(
            label=_("Prowadzone szkolenia"),
            url_name="enrolment:my_trainings",
            order=30,
            visible=lambda user: roles.has_role(user, roles.TRAINERS),
        )
        menus.register_account_link(
            label=_("Szkolenia pracowników"),
            url_name="enrolment:centre_overview",
            order=40,
            visible=lambda user: roles.has_role(user, roles.CENTRE_COORDINATORS),
        )

        roles.grant(
            roles.PROGRAMME_COORDINATORS,
            [
                "enrolment.add_venue",
                "enrolment.change_venue",
                "enrolment.view_venue",
                "enrolment.add_workshop",
                "enrolment.change_workshop",
                "enrolment.view_workshop",
                "enrolment.view_enrolment",
                "enrolment.add_centrepolicy",
                "enrolment.change_centrepolicy",
                "enrolment.view_centrepolicy",
                # The sign-in sheet's project title and funding-marking strip.
                "enrolment.change_signinsheetsettings",
                "enrolment.view_signinsheetsettings",
            ],
        )
        roles.grant(roles.TRAINERS, ["enrolment.view_workshop", "enrolment.view_venue"])
        personal_data.register_collector(
            "enrolments",
            _("Zapisy na szkolenia"),
            personal.collect,
            labels=personal.LABELS,
            choices=personal.CHOICES,
        )
        personal_data.register_anonymiser(personal.anonymise)
        # A sign-up, its attendance and its calendar feed are about a person: their audit
        # entries are labelled by number, not with the person's name.
        for model in [models.Enrolment, models.AttendanceRecord, models.CalendarFeed]:
            audit.register_personal_model(model)
