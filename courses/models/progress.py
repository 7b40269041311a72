"""A learner's progress. Nothing here is ever deleted: accounts are anonymised, not removed,
and a deleted page leaves its records behind with the page link emptied."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseProgress(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="course_progress"
    )
    course = models.ForeignKey(
        "courses.CoursePage", null=True, on_delete=models.SET_NULL, related_name="progress"
    )
    course_title = models.CharField(_("tytuł kursu"), max_length=255)
    started_at = models.DateTimeField(_("rozpoczęto"), auto_now_add=True)
    completed_at = models.DateTimeField(_("ukończono"), null=True, blank=True)

    class Meta:
        verbose_name = _("postęp w kursie")
        verbose_name_plural = _("postępy w kursach")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="one_progress_per_course")
        ]

    def __str__(self):
        return f"{_('Postęp w kursie')} #{self.pk}"


class ModuleCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="module_completions"
    )
    module = models.ForeignKey(
        "courses.ModulePage", null=True, on_delete=models.SET_NULL, related_name="completions"
    )
    course = models.ForeignKey(
        "courses.CoursePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    module_title = models.CharField(_("tytuł modułu"), max_length=255)
    completed_at = models.DateTimeField(_("ukończono"), auto_now_add=True)

    class Meta:
        verbose_name = _("ukończony moduł")
        verbose_name_plural = _("ukończone moduły")
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="one_completion_per_module")
        ]

    def __str__(self):
        return f"{_('Ukończony moduł')} #{self.pk}"


class QuizAttempt(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    module = models.ForeignKey(
        "courses.ModulePage", null=True, on_delete=models.SET_NULL, related_name="quiz_attempts"
    )
    course = models.ForeignKey(
        "courses.CoursePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    quiz_id = models.CharField(_("identyfikator quizu"), max_length=64)
    # Per question: chosen option texts, whether right, and the feedback shown (a snapshot, so the
    # record stays readable after the module is edited).
    results = models.JSONField(_("wyniki"), default=list)
    score = models.PositiveSmallIntegerField(_("wynik (%)"))
    pass_mark = models.PositiveSmallIntegerField(_("próg zaliczenia (%)"))
    passed = models.BooleanField(_("zaliczono"))
    created_at = models.DateTimeField(_("data próby"), auto_now_add=True)

    class Meta:
        verbose_name = _("próba quizu")
        verbose_name_plural = _("próby quizów")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "module", "quiz_id"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__lte=100), name="attempt_score_pct")
        ]

    def __str__(self):
        return f"{_('Próba quizu')} #{self.pk}"
