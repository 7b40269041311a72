from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Kursy e-learningowe")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms import menus, personal_data, roles

        menus.register_account_link(label=_("Moja nauka"), url_name="courses:my_learning", order=10)
        from courses import personal, selectors

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
            "courses",
            _("Kursy e-learningowe"),
            selectors.learner_personal_data,
            labels=personal.LABELS,
        )
        self._connect_learning_invalidation()
        from cms.caching.invalidation import register_public_content
        from courses.models import ProfessionalRole

        # The roles are shown on course pages and in the catalogue's filters.
        register_public_content(ProfessionalRole)

    def _connect_learning_invalidation(self):
        """A learner's cached state (courses.selectors) goes whenever one of their records is
        saved or deleted."""
        from django.db.models.signals import post_delete, post_save

        from courses import selectors
        from courses.models import CourseProgress, ModuleCompletion, QuizAttempt

        def changed(sender, instance, **kwargs):
            if instance.user_id:
                selectors.learning_changed(user_id=instance.user_id)

        for model in (CourseProgress, ModuleCompletion, QuizAttempt):
            for signal in (post_save, post_delete):
                signal.connect(
                    changed, sender=model, weak=False, dispatch_uid=f"learning-{model.__name__}"
                )
