"""The scheduler of the periodic jobs: a small loop that enqueues each task of
settings.OSL_PERIODIC_TASKS every so many seconds, for `db_worker` to run. No cron needed.

Run exactly one (two are harmless, only wasteful: every job is idempotent — the outbox claims
each message, an offer expires once, a reminder has a key of its own). A task is not enqueued
again while its previous run still waits in the queue, so a stopped worker does not come back
to a pile of identical jobs. SIGTERM or Ctrl-C ends it between two rounds."""

import logging
import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus

logger = logging.getLogger("akademia.scheduler")


class Command(BaseCommand):
    help = (
        "Enqueue the periodic jobs (settings.OSL_PERIODIC_TASKS: e-mail retries, expired seat "
        "offers, reminders, scheduled publishing) for db_worker, in a loop. --once: one round."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one round, then exit")
        parser.add_argument("--tick", type=float, default=5.0, help="seconds between checks")

    def handle(self, *args, once, tick, **options):
        jobs = [(path, import_string(path), every) for path, every in settings.OSL_PERIODIC_TASKS]
        last_run: dict[str, float] = {}
        pending = {}
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        if not once:
            self.stdout.write(
                "Harmonogram zadań okresowych: "
                + ", ".join(f"{path} co {every} s" for path, _task, every in jobs)
            )
        while self.running:
            now = time.monotonic()
            for path, task, every in jobs:
                if path in last_run and now - last_run[path] < every:
                    continue
                if self._still_waiting(pending.get(path)):
                    continue
                try:
                    pending[path] = task.enqueue()
                except Exception:  # the database is away: try again next round
                    logger.exception("Could not enqueue %s", path)
                    continue
                last_run[path] = now
            if once:
                break
            # A connection the database dropped while we slept is replaced, not reused.
            close_old_connections()
            time.sleep(tick)

    def _stop(self, signum, frame):
        self.running = False

    @staticmethod
    def _still_waiting(result) -> bool:
        if result is None or result.status != TaskResultStatus.READY:
            return False
        try:
            result.refresh()
        except Exception:  # a backend that keeps no results: nothing waits
            return False
        return result.status == TaskResultStatus.READY
