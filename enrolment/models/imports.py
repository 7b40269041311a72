"""A schedule file being imported in the background, with its progress and report."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .states import ScheduleImportState


class ScheduleImport(models.Model):
    """A schedule file too large to check and write within one request, handed to a background
    task: the file itself (in the database, so any worker can read it; at most the import's upload
    limit, emptied once the file has been processed), its progress and its report."""

    file_name = models.CharField(_("plik"), max_length=255)
    content = models.BinaryField(_("zawartość pliku"), blank=True, editable=False)
    dry_run = models.BooleanField(_("tylko sprawdzenie"), default=False)
    state = models.CharField(
        _("stan"),
        max_length=10,
        choices=ScheduleImportState.choices,
        default=ScheduleImportState.QUEUED,
        db_index=True,
    )
    rows_total = models.PositiveIntegerField(_("wierszy w pliku"), default=0)
    rows_done = models.PositiveIntegerField(_("wierszy sprawdzonych"), default=0)
    report = models.JSONField(_("raport"), default=dict, blank=True)
    error = models.TextField(_("błąd"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("przesłał(a)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("przesłano"), default=timezone.now)
    started_at = models.DateTimeField(_("rozpoczęto"), null=True, blank=True)
    finished_at = models.DateTimeField(_("zakończono"), null=True, blank=True)

    class Meta:
        verbose_name = _("import harmonogramu")
        verbose_name_plural = _("importy harmonogramu")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=models.F("rows_total")),
                name="schedule_import_done_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.file_name} ({timezone.localtime(self.created_at):%d.%m.%Y %H:%M})"

    @property
    def is_finished(self) -> bool:
        return self.state in (ScheduleImportState.DONE, ScheduleImportState.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.rows_done / self.rows_total) if self.rows_total else 0
