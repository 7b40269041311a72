from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certyfikaty")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import menus, personal_data, roles
        from courses.signals import course_completed
        from enrolment.signals import participation_completed, participation_completion_withdrawn

        menus.register_account_link(
            label=_("Moje certyfikaty"), url_name="certificates:mine", order=50
        )
        menus.register_account_link(
            label=_("Certyfikaty ośrodka"),
            url_name="certificates:centre",
            order=60,
            visible=lambda user: roles.has_role(user, roles.CENTRE_COORDINATORS),
        )

        from . import personal, signals

        participation_completed.connect(
            signals.on_participation_completed, dispatch_uid="certificates.issue"
        )
        participation_completion_withdrawn.connect(
            signals.on_participation_completion_withdrawn, dispatch_uid="certificates.revoke"
        )
        course_completed.connect(
            signals.on_course_completed, dispatch_uid="certificates.issue_after_elearning"
        )

        roles.grant(
            roles.PROGRAMME_COORDINATORS,
            [
                "certificates.view_participantcertificate",
                "certificates.revoke_participantcertificate",
                "certificates.view_qualitycertificate",
                "certificates.revoke_qualitycertificate",
                "certificates.add_calprogrammerecord",
                "certificates.change_calprogrammerecord",
                "certificates.view_calprogrammerecord",
                "certificates.add_qualitycriterion",
                "certificates.change_qualitycriterion",
                "certificates.view_qualitycriterion",
                "certificates.view_calreview",
                "certificates.view_signingkey",  # read-only: keys change through commands
            ],
        )
        personal_data.register_collector(
            "certificates",
            _("Certyfikaty"),
            personal.collect,
            labels=personal.LABELS,
            choices=personal.CHOICES,
        )
