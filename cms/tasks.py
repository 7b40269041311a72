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


@task()
def outbox_prune() -> None:
    """Once a day: sent messages older than OSL_OUTBOX_KEEP_DAYS leave the outbox."""
    from cms.services.outbox import emails_prune

    emails_prune()


@task()
def publish_scheduled() -> None:
    """Every few minutes: Wagtail's pages and snippets scheduled to go live (or to expire)."""
    from django.core.management import call_command

    call_command("publish_scheduled")


@task()
def prune_task_results() -> None:
    """Once a day: finished task results older than 30 days (database-backed queues only)."""
    from django.core.management import call_command
    from django_tasks import task_backends
    from django_tasks_db import DatabaseBackend

    if not isinstance(task_backends["default"], DatabaseBackend):
        return
    call_command("prune_db_task_results", min_age_days=30)
