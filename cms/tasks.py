"""cms's background tasks (django-tasks): they take primary keys. The periodic ones are
enqueued by `manage.py run_scheduler` (settings.OSL_PERIODIC_TASKS)."""

from django_tasks import task


@task()
def send_outgoing_email(email_id: int) -> None:
    """Send one message of the outbox (cms.services.outbox), if it is still due."""
    from cms.services.outbox import email_send

    email_send(email_id)


@task()
def outbox_tick() -> None:
    """Every minute: retries that are due, lost tasks, claims left by a worker that died."""
    from cms.services.outbox import emails_send_due

    emails_send_due()
