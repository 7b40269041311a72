"""The production task queue: django-tasks-db's database backend, with named tasks run at once.

A task listed in OPTIONS["RUN_AT_ONCE"] (by its dotted path) runs in the process that enqueued
it, right after the enqueuing transaction commits, instead of waiting for `db_worker`. Wagtail's
search index task is one: a page published in a request is findable on the next request, not
when the worker gets round to it (after `seed_demo`, 430 index tasks waited). If such a task
fails, it is queued for the worker like any other task, so nothing is lost."""

import logging

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id
from django_tasks_db import DatabaseBackend as QueueBackend

logger = logging.getLogger("akademia.tasks")

SEARCH_INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


class DatabaseBackend(QueueBackend):
    def __init__(self, alias: str, params: dict) -> None:
        super().__init__(alias, params)
        self.run_at_once = frozenset(self.options.get("RUN_AT_ONCE", ()))
        self.immediate = ImmediateBackend(alias, {"QUEUES": list(self.queues)})

    def enqueue(self, task, args, kwargs):
        if task.module_path not in self.run_at_once:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        transaction.on_commit(lambda: self._run_now(task, args, kwargs))
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

    def _run_now(self, task, args, kwargs):
        result = self.immediate.enqueue(task, args, kwargs)
        if result.status == TaskResultStatus.FAILED:
            logger.error(
                "Task %s failed at once; queued for the worker.\n%s",
                task.module_path,
                result.errors[-1].traceback if result.errors else "",
            )
            super().enqueue(task, args, kwargs)
