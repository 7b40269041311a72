#!/bin/sh
# The periodic jobs, for a container: run exactly one. `manage.py run_scheduler` enqueues each job
# of OSL_PERIODIC_TASKS (cms/settings/base.py) for db_worker: every minute e-mail retries and
# expired seat offers, every hour reminders, every 5 minutes Wagtail's scheduled publishing, once
# a day old task results pruned. SIGTERM (docker stop) ends it between two rounds.
exec python manage.py run_scheduler
