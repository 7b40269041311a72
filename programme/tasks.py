"""programme's background tasks (django-tasks). The periodic ones are enqueued by
`manage.py run_scheduler` (settings.OSL_PERIODIC_TASKS)."""

from django_tasks import task


@task()
def esf_purge() -> None:
    """Once a day: the ESF records of deleted accounts go once the retention period is over."""
    from programme.services import esf_records_purge

    esf_records_purge()
