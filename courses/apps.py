from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursy e-learningowe")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import menus, personal_data, roles

        menus.register_account_link(label=_("Moja nauka"), url_name="courses:my_learning", order=10)
        from courses import selectors

        roles.grant(
            roles.PROGRAMME_COORDINATORS,
            [
                "courses.add_professionalrole",
                "courses.change_professionalrole",
                "courses.view_professionalrole",
                "courses.view_courseprogress",
                "courses.view_quizattempt",
            ],
        )
        roles.grant(roles.TRAINERS, ["courses.view_professionalrole"])
        personal_data.register_collector(
            "courses", _("Kursy e-learningowe"), selectors.learner_personal_data
        )
