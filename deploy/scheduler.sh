#!/bin/sh
# The periodic jobs of README's "Scheduled jobs", for a container: run exactly one of these.
# Every 5 minutes (OSL_SCHEDULER_SECONDS): expired seat offers pass on, Wagtail's scheduled pages are published.
# Once a day (the first round after 07:00): reminders before day one, old task results pruned.
# SIGTERM (docker stop) ends it between two rounds.
set -u
pause=""
trap 'kill $pause 2>/dev/null; exit 0' TERM INT
last_day=""
while :; do
    python manage.py enrolment_tick || echo "scheduler: enrolment_tick failed" >&2
    python manage.py publish_scheduled || echo "scheduler: publish_scheduled failed" >&2
    today=$(date +%F)
    if [ "$today" != "$last_day" ] && [ "$(date +%H)" -ge 7 ]; then
        python manage.py enrolment_tick --reminders || echo "scheduler: reminders failed" >&2
        python manage.py prune_db_task_results --min-age-days 30 \
            || echo "scheduler: prune_db_task_results failed" >&2
        last_day=$today
    fi
    sleep "${OSL_SCHEDULER_SECONDS:-300}" &
    pause=$!
    wait $pause
done
