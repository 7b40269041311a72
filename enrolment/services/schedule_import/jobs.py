"""Large files in the background: a ScheduleImport the coordinator watches, run once by a task."""

import logging

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.audit import audit
from enrolment import conf
from enrolment.models import (
    ScheduleImport,
    ScheduleImportState,
)

from ..base import EnrolmentError
from .files import read_rows
from .rows import ImportReport, check_actor, import_rows, schedule_import

logger = logging.getLogger(__name__)


MSG_UPLOADER_GONE = _("Konto, które przesłało plik, zostało usunięte — import nie został wykonany.")


MSG_JOB_FAILED = _(
    "Import przerwał błąd po stronie serwera. Sprawdź listę szkoleń, zanim prześlesz plik ponownie."
)


def schedule_import_submit(*, name: str, content: bytes, actor, dry_run: bool = False):
    """What the admin's upload calls. A file that cannot be read, or breaks a bound, gets its
    report at once; a small file is checked (and written) within the request; a larger one is
    kept as a ScheduleImport and handed to the background task after the commit, and the report
    only names it (`job_id`) so the coordinator can watch its progress."""
    check_actor(actor)
    try:
        rows = read_rows(name, content)
    except EnrolmentError as exc:
        return ImportReport(file_errors=[exc.message])
    if len(rows) <= conf.import_inline_max_rows():
        return import_rows(rows, actor=actor, dry_run=dry_run, progress=None)
    from enrolment.tasks import run_schedule_import

    with transaction.atomic():
        job = ScheduleImport.objects.create(
            file_name=name[:255],
            content=content,
            dry_run=dry_run,
            rows_total=len(rows),
            uploaded_by=actor,
        )
        audit(
            job,
            "osl.schedule_import.queue",
            user=actor,
            data={"file": job.file_name, "rows": len(rows), "dry_run": dry_run},
        )
        transaction.on_commit(lambda: run_schedule_import.enqueue(job.pk))
    return ImportReport(job_id=job.pk)


def _finish(job_id: int, state: str, **values) -> None:
    ScheduleImport.objects.filter(pk=job_id).update(
        state=state, content=b"", finished_at=timezone.now(), **values
    )


def schedule_import_run(import_id: int) -> None:
    """The background half of schedule_import_submit. A queued job runs once: a second delivery
    of the task (a retry, another worker) finds it claimed and does nothing. The file is emptied
    once processed; the report stays."""
    claimed = ScheduleImport.objects.filter(pk=import_id, state=ScheduleImportState.QUEUED).update(
        state=ScheduleImportState.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = ScheduleImport.objects.select_related("uploaded_by").get(pk=import_id)

    def progress(done: int) -> None:
        ScheduleImport.objects.filter(pk=job.pk).update(rows_done=min(done, job.rows_total))

    try:
        if job.uploaded_by is None:
            raise EnrolmentError(MSG_UPLOADER_GONE, code="uploader_gone")
        report = schedule_import(
            name=job.file_name,
            content=bytes(job.content),
            actor=job.uploaded_by,
            dry_run=job.dry_run,
            progress=progress,
        )
    except EnrolmentError as exc:
        _finish(job.pk, ScheduleImportState.FAILED, error=exc.message)
    except Exception:
        logger.exception("Schedule import %s failed", job.pk)
        _finish(job.pk, ScheduleImportState.FAILED, error=str(MSG_JOB_FAILED))
    else:
        _finish(
            job.pk,
            ScheduleImportState.DONE,
            report=report.as_dict(),
            rows_done=models.F("rows_total"),
        )
